package dev.gatehouse.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of rotating a key.
 *
 * @param replacement the new key, with its secret (shown once)
 * @param previous the old key as now stored: {@code replacedBy} set, {@code expiresAt} shortened
 *     to the end of the grace period
 * @param gracePeriodEndsAt when the old key stops working
 */
public record Rotation(IssuedKey replacement, ApiKey previous, Instant gracePeriodEndsAt) {

    /**
     * Creates the result.
     *
     * @param replacement the new key, with its secret (shown once)
     * @param previous the old key as now stored: {@code replacedBy} set, {@code expiresAt} shortened
     *     to the end of the grace period
     * @param gracePeriodEndsAt when the old key stops working
     * @throws NullPointerException if a component is null
     */
    public Rotation {
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(gracePeriodEndsAt, "gracePeriodEndsAt");
    }
}
