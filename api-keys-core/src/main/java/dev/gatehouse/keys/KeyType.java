package dev.gatehouse.keys;

/**
 * The kind of an API key. The kind is encoded in the key's prefix, so it is known before any
 * store lookup.
 */
public enum KeyType {
    /** The operator key: acts on every workspace, holds scope {@code *}. Prefix {@code gh_root_}. */
    ROOT("gh_root_"),
    /** A key that acts inside one workspace. Default prefix {@code sk_live_}. */
    WORKSPACE("sk_live_"),
    /** A key bound to one end user of a workspace. Default prefix {@code sk_user_}. */
    USER("sk_user_");

    private final String defaultPrefix;

    KeyType(String defaultPrefix) {
        this.defaultPrefix = defaultPrefix;
    }

    /**
     * Returns the prefix used unless the {@link ApiKeys.Builder} configures another one.
     *
     * @return the default prefix, ending in {@code _}
     */
    public String defaultPrefix() {
        return defaultPrefix;
    }
}
