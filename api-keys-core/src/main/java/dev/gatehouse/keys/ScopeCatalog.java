package dev.gatehouse.keys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes that exist: Gatehouse's own plus those the embedding application declares. Keys may
 * only be issued with known scopes, {@code *}, {@code read}, {@code write}, or
 * {@code <known-resource>:*}.
 */
public final class ScopeCatalog {

    private static final Map<String, String> BUILT_IN = builtIns();
    private static final ScopeCatalog BUILT_IN_CATALOG = new ScopeCatalog(BUILT_IN);

    private final Map<String, Scope> scopes;
    private final Set<String> resources;

    private ScopeCatalog(Map<String, String> declared) {
        Map<String, Scope> byName = new LinkedHashMap<>();
        Set<String> resourceNames = new HashSet<>();
        declared.forEach((name, description) -> {
            byName.put(name, new Scope(name, description));
            resourceNames.add(name.substring(0, name.indexOf(':')));
        });
        this.scopes = java.util.Collections.unmodifiableMap(byName);
        this.resources = Set.copyOf(resourceNames);
    }

    /**
     * Returns the catalog of Gatehouse's own scopes only.
     *
     * @return the built-in catalog
     */
    public static ScopeCatalog builtIn() {
        return BUILT_IN_CATALOG;
    }

    /**
     * Starts a catalog that holds the built-in scopes, to which the application adds its own.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns every known scope, built-in ones first, each in declaration order.
     *
     * @return an unmodifiable list
     */
    public List<Scope> all() {
        return List.copyOf(scopes.values());
    }

    /**
     * Finds a concrete scope by name.
     *
     * @param name a scope name
     * @return the scope, or empty if it is not declared (wildcards and aliases are never declared)
     */
    public Optional<Scope> find(String name) {
        return Optional.ofNullable(scopes.get(name));
    }

    /**
     * Returns whether a key may be issued with this name: a declared scope, {@code *},
     * {@code read}, {@code write} or {@code <known-resource>:*}.
     *
     * @param name a scope name
     * @return true if known
     */
    public boolean isKnown(String name) {
        Objects.requireNonNull(name, "name");
        if (scopes.containsKey(name) || ScopeSet.ALL.equals(name) || ScopeSet.READ.equals(name)
            || ScopeSet.WRITE.equals(name)) {
            return true;
        }
        return ScopeSet.isResourceWildcard(name) && resources.contains(name.substring(0, name.length() - 2));
    }

    /**
     * Returns the requested names that are not {@linkplain #isKnown(String) known}.
     *
     * @param requested scope names; must not contain null
     * @return the unknown ones, in the given order, without duplicates
     * @throws NullPointerException if an element is null
     */
    public List<String> unknown(Collection<String> requested) {
        List<String> unknown = new ArrayList<>();
        for (String name : new LinkedHashSet<>(requested)) {
            if (!isKnown(name)) {
                unknown.add(name);
            }
        }
        return List.copyOf(unknown);
    }

    /** Builds a catalog of the built-in scopes plus the application's own. */
    public static final class Builder {

        private final Map<String, String> declared = new LinkedHashMap<>(BUILT_IN);

        private Builder() {
        }

        /**
         * Declares an application scope.
         *
         * @param name {@code <resource>:<action>}, lowercase, for example {@code posts:publish}
         * @param description what it allows
         * @return this builder
         * @throws IllegalArgumentException if the name is not concrete scope syntax, is already
         *     declared, or the description is blank
         */
        public Builder add(String name, String description) {
            Scope scope = new Scope(name, description);
            if (declared.containsKey(name)) {
                throw new IllegalArgumentException("scope " + name + " is already declared");
            }
            declared.put(scope.name(), scope.description());
            return this;
        }

        /**
         * Builds the catalog.
         *
         * @return an immutable catalog
         */
        public ScopeCatalog build() {
            return new ScopeCatalog(declared);
        }
    }

    private static Map<String, String> builtIns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("workspaces:read", "List and read workspaces");
        m.put("workspaces:write", "Create and update workspaces");
        m.put("workspaces:delete", "Delete workspaces");
        m.put("api-keys:read", "List and read API keys (never their secret)");
        m.put("api-keys:write", "Create, rotate and update API keys");
        m.put("api-keys:delete", "Revoke API keys");
        m.put("api-keys:verify", "Verify other API keys");
        m.put("users:read", "List and read end users");
        m.put("users:write", "Bootstrap end users and issue their keys");
        m.put("webhooks:read", "List and read webhook endpoints and deliveries");
        m.put("webhooks:write", "Create, update, test webhook endpoints and retry deliveries");
        m.put("webhooks:delete", "Delete webhook endpoints");
        m.put("events:write", "Publish events to webhook endpoints");
        m.put("entitlements:read", "Check feature access and read usage");
        m.put("entitlements:write", "Record usage");
        m.put("audit:read", "Read the audit log");
        m.put("mcp:read", "List MCP servers and their tools, read MCP resources");
        m.put("mcp:write", "Call MCP tools through the REST API");
        m.put("portal:write", "Mint portal links (sessions) for end users and revoke them");
        m.put("me:verify", "Verify the calling end user's email address");
        m.put("me:resend-verification", "Resend the calling end user's verification code");
        m.put("seo:read", "Read SEO reports, issues, score trends and SEO settings");
        m.put("seo:write", "Submit SEO reports, ignore SEO issues and change SEO settings");
        m.put("sites:read", "List and read the sites pixel analytics tracks");
        m.put("sites:write", "Create, update and delete tracked sites");
        m.put("analytics:read", "Read a tracked site's visitor statistics");
        return java.util.Collections.unmodifiableMap(m);
    }
}
