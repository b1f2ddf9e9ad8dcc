package dev.gatehouse.keys;

import java.util.Objects;

/**
 * A key just issued: the stored record plus the raw key, which exists only here and is returned
 * to the client exactly once.
 *
 * @param key the stored record
 * @param secret the raw key; never log it ({@link #toString()} redacts it)
 */
public record IssuedKey(ApiKey key, String secret) {

    /**
     * Creates the result.
     *
     * @param key the stored record
     * @param secret the raw key; never log it ({@link #toString()} redacts it)
     * @throws NullPointerException if a component is null
     */
    public IssuedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Describes the key without its secret.
     *
     * @return a text with the secret redacted
     */
    @Override
    public String toString() {
        return "IssuedKey[key=" + key + ", secret=<redacted>]";
    }
}
