package dev.gatehouse.keys;

import java.util.Objects;

/**
 * The result of bootstrapping an end user: the user, their first key (restricted scopes) and the
 * verification code to deliver to them. Key and code are shown once.
 *
 * @param user the new user
 * @param key the user's key with its secret
 * @param verificationCode the six-digit code; never log it ({@link #toString()} redacts it)
 */
public record Bootstrap(User user, IssuedKey key, String verificationCode) {

    /**
     * Creates the result.
     *
     * @param user the new user
     * @param key the user's key with its secret
     * @param verificationCode the six-digit code; never log it ({@link #toString()} redacts it)
     * @throws NullPointerException if a component is null
     */
    public Bootstrap {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(verificationCode, "verificationCode");
    }

    /**
     * Describes the bootstrap without the key's secret or the code.
     *
     * @return a text with both secrets redacted
     */
    @Override
    public String toString() {
        return "Bootstrap[user=" + user + ", key=" + key + ", verificationCode=<redacted>]";
    }
}
