package dev.gatehouse.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The immutable, sorted set of scope names a key holds, and the rules of what it grants.
 *
 * <p>A held {@code *} grants everything; {@code posts:*} grants every {@code posts:<action>};
 * the alias {@code read} grants every {@code <resource>:read} and {@code write} every
 * {@code <resource>:write}; any other name grants itself. When the asked-for name is itself a
 * wildcard (an escalation check: may this key hand out {@code posts:*}?) it is covered only by an
 * equal or wider wildcard: {@code *} only by {@code *}; {@code read} by {@code *} or {@code read};
 * {@code posts:*} by {@code *} or {@code posts:*}.
 */
public final class ScopeSet {

    /** Every scope. */
    static final String ALL = "*";
    /** Every {@code <resource>:read}. */
    static final String READ = "read";
    /** Every {@code <resource>:write}. */
    static final String WRITE = "write";
    static final String EXACT_SYNTAX = "[a-z][a-z0-9-]*:[a-z][a-z0-9-]*";
    private static final Pattern EXACT = Pattern.compile(EXACT_SYNTAX);
    private static final Pattern RESOURCE_WILDCARD = Pattern.compile("[a-z][a-z0-9-]*:\\*");
    private static final ScopeSet EMPTY = new ScopeSet(List.of());

    private final List<String> names;
    private final Set<String> lookup;
    private final boolean all;
    private final boolean read;
    private final boolean write;
    // "posts:" for a held "posts:*", colon included, so startsWith compares whole resource names.
    private final String[] wildcardResources;

    private ScopeSet(List<String> sortedNames) {
        this.names = sortedNames;
        this.lookup = new HashSet<>(sortedNames);
        this.all = lookup.contains(ALL);
        this.read = lookup.contains(READ);
        this.write = lookup.contains(WRITE);
        this.wildcardResources = sortedNames.stream()
            .filter(n -> n.endsWith(":*"))
            .map(n -> n.substring(0, n.length() - 1))
            .toArray(String[]::new);
    }

    /**
     * Creates a set from scope names; duplicates collapse and the result is sorted.
     *
     * @param names scope names, wildcards ({@code *}, {@code <resource>:*}) or aliases
     *     ({@code read}, {@code write})
     * @return the set
     * @throws IllegalArgumentException if a name is not valid scope syntax (the message names it)
     * @throws NullPointerException if the collection or an element is null
     */
    public static ScopeSet of(Collection<String> names) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            return EMPTY;
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String name : names) {
            Objects.requireNonNull(name, "scope names must not contain null");
            if (!isValidName(name)) {
                throw new IllegalArgumentException("scope name must be *, read, write, <resource>:* or "
                    + EXACT_SYNTAX + " but was " + name);
            }
            sorted.add(name);
        }
        return new ScopeSet(List.copyOf(sorted));
    }

    /**
     * Creates a set from scope names; see {@link #of(Collection)}.
     *
     * @param names scope names
     * @return the set
     */
    public static ScopeSet of(String... names) {
        return of(Arrays.asList(names));
    }

    /**
     * Returns the set that holds nothing.
     *
     * @return the empty set
     */
    public static ScopeSet empty() {
        return EMPTY;
    }

    /** Whether the name is a valid exact name, wildcard or alias. */
    static boolean isValidName(String name) {
        return ALL.equals(name) || READ.equals(name) || WRITE.equals(name)
            || EXACT.matcher(name).matches() || RESOURCE_WILDCARD.matcher(name).matches();
    }

    /** Whether the name is a concrete {@code <resource>:<action>} name. */
    static boolean isExactName(String name) {
        return EXACT.matcher(name).matches();
    }

    /** Whether the name is {@code <resource>:*}. */
    static boolean isResourceWildcard(String name) {
        return RESOURCE_WILDCARD.matcher(name).matches();
    }

    /**
     * Returns the names in this set.
     *
     * @return the sorted, unmodifiable names
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns whether this set holds no scope at all.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * Returns whether this set grants the required scope. Equivalent to {@link #covers(String)}: for
     * a concrete name such as {@code posts:read} both rules agree, and a wildcard asked for is
     * granted only by an equal or wider wildcard.
     *
     * @param required the scope an operation needs, usually {@code <resource>:<action>}
     * @return true if granted
     */
    public boolean grants(String required) {
        return covers(required);
    }

    /**
     * Returns whether this set grants every required scope.
     *
     * @param required the scopes an operation needs (all of them)
     * @return true if each is granted; true for an empty collection
     */
    public boolean grantsAll(Collection<String> required) {
        for (String scope : required) {
            if (!covers(scope)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether this set grants at least one of the required scopes.
     *
     * @param required the scopes an operation accepts (any one of them)
     * @return true if one is granted; false for an empty collection
     */
    public boolean grantsAny(Collection<String> required) {
        for (String scope : required) {
            if (covers(scope)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the required scopes this set does not grant, for {@code required_scopes} /
     * {@code held_scopes} error bodies and escalation reports.
     *
     * @param required the scopes needed
     * @return the ones not granted, in the given order, without duplicates
     */
    public List<String> missing(Collection<String> required) {
        List<String> missing = new ArrayList<>();
        for (String scope : new LinkedHashSet<>(required)) {
            if (!covers(scope)) {
                missing.add(scope);
            }
        }
        return List.copyOf(missing);
    }

    /**
     * Returns whether a key holding this set may hand out the requested scope, which may itself be
     * a wildcard or an alias.
     *
     * @param requested a scope name
     * @return true if this set holds it or a wider wildcard
     */
    public boolean covers(String requested) {
        if (all) {
            return true;
        }
        if (lookup.contains(requested)) {
            return true;
        }
        int colon = requested.indexOf(':');
        if (colon <= 0 || requested.endsWith(":*")) {
            // "*", "read", "write" and "<resource>:*" are covered only by themselves or "*".
            return false;
        }
        for (String resource : wildcardResources) {
            if (requested.startsWith(resource)) {
                return true;
            }
        }
        int actionLength = requested.length() - colon - 1;
        return read && actionLength == 4 && requested.endsWith(":read")
            || write && actionLength == 5 && requested.endsWith(":write");
    }

    /**
     * Returns whether a key holding this set may hand out every scope of the other set.
     *
     * @param other the requested set
     * @return true if each of its names is {@linkplain #covers(String) covered}
     */
    public boolean covers(ScopeSet other) {
        return grantsAll(other.names);
    }

    /**
     * Two sets are equal when they hold the same names.
     *
     * @param other another object
     * @return true if the names are equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeSet that && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    /**
     * Returns the names, for example {@code [posts:read, users:read]}.
     *
     * @return the sorted names in brackets
     */
    @Override
    public String toString() {
        return names.toString();
    }
}
