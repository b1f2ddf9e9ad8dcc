package dev.gatehouse.webhooks;

import dev.gatehouse.errors.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which event types an endpoint receives, from the patterns it subscribed with.
 *
 * <p>A pattern is one of:
 * <ul>
 *   <li>an exact type such as {@code post.created}: dot-separated segments, each a lowercase
 *       letter followed by lowercase letters, digits or underscores;</li>
 *   <li>a prefix wildcard such as {@code post.*}, matching every type with at least one more
 *       segment after {@code post} ({@code post.created}, {@code post.comment.added}), but neither
 *       {@code post} itself nor {@code postal.x};</li>
 *   <li>{@code *}, matching every type.</li>
 * </ul>
 */
final class EventFilter {

    /** Longest accepted event type or pattern, in characters. */
    static final int MAX_LENGTH = 255;

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final String WILDCARD = "*";
    private static final String WILDCARD_SUFFIX = ".*";

    private final List<String> patterns;
    private final boolean everything;
    private final Set<String> exact;
    private final List<String> prefixes;

    private EventFilter(List<String> patterns) {
        this.patterns = patterns;
        Set<String> exactTypes = new HashSet<>();
        List<String> prefixList = new ArrayList<>();
        boolean all = false;
        for (String pattern : patterns) {
            if (pattern.equals(WILDCARD)) {
                all = true;
            } else if (pattern.endsWith(WILDCARD_SUFFIX)) {
                prefixList.add(pattern.substring(0, pattern.length() - 1)); // keeps the trailing dot
            } else {
                exactTypes.add(pattern);
            }
        }
        this.everything = all;
        this.exact = Set.copyOf(exactTypes);
        this.prefixes = List.copyOf(prefixList);
    }

    /**
     * Builds a filter. Duplicate patterns are dropped, keeping first occurrence order.
     *
     * @param patterns the subscribed patterns
     * @return the filter
     * @throws ValidationException on field {@code events} naming each malformed pattern
     */
    public static EventFilter of(Collection<String> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        List<String> bad = invalid(patterns);
        if (!bad.isEmpty()) {
            throw new ValidationException(java.util.Map.of("events", describeInvalid(bad)));
        }
        return new EventFilter(List.copyOf(new LinkedHashSet<>(patterns)));
    }

    /**
     * Returns the patterns that are malformed, in the order given. {@code null} entries count as
     * malformed and are returned as {@code null}.
     *
     * @param patterns candidate patterns
     * @return the malformed ones; empty when all are valid
     */
    public static List<String> invalid(Collection<String> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        List<String> bad = new ArrayList<>();
        for (String pattern : patterns) {
            if (!isValidPattern(pattern)) {
                bad.add(pattern);
            }
        }
        return bad;
    }

    /**
     * Tells whether an event of the given type is wanted.
     *
     * @param type an event type such as {@code post.created}; {@code null} never matches
     * @return whether any pattern matches
     */
    public boolean matches(String type) {
        if (type == null) {
            return false;
        }
        if (everything || exact.contains(type)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (type.length() > prefix.length() && type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the patterns this filter was built from, without duplicates.
     *
     * @return an unmodifiable list
     */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return "EventFilter" + patterns;
    }

    /** An exact event type: what {@code publish} accepts. */
    static boolean isValidType(String type) {
        return type != null && type.length() <= MAX_LENGTH && TYPE.matcher(type).matches();
    }

    static List<String> describeInvalid(List<String> bad) {
        List<String> messages = new ArrayList<>();
        for (String pattern : bad) {
            messages.add(pattern == null
                    ? "must not contain null"
                    : "contains an invalid event type pattern: " + abbreviate(pattern));
        }
        return messages;
    }

    private static boolean isValidPattern(String pattern) {
        if (pattern == null) {
            return false;
        }
        if (pattern.equals(WILDCARD)) {
            return true;
        }
        String type = pattern.endsWith(WILDCARD_SUFFIX)
                ? pattern.substring(0, pattern.length() - WILDCARD_SUFFIX.length())
                : pattern;
        return isValidType(type) && pattern.length() <= MAX_LENGTH;
    }

    private static String abbreviate(String pattern) {
        return pattern.length() <= 64 ? pattern : pattern.substring(0, 64) + "…";
    }
}
