package dev.gatehouse.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's pending verification code, of which only a hash is stored.
 *
 * @param userId the user
 * @param codeHash lowercase hex SHA-256 of the code (bound to the user id)
 * @param expiresAt when the code stops being accepted
 */
public record VerificationCode(long userId, String codeHash, Instant expiresAt) {

    /**
     * Creates a code record.
     *
     * @param userId the user
     * @param codeHash lowercase hex SHA-256 of the code (bound to the user id)
     * @param expiresAt when the code stops being accepted
     * @throws NullPointerException if codeHash or expiresAt is null
     */
    public VerificationCode {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
