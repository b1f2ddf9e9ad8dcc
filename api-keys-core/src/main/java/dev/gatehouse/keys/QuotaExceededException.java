package dev.gatehouse.keys;

import java.time.Instant;
import java.util.Objects;

/** A daily quota is used up until {@link #resetAt()} (HTTP 429 {@code rate_limit_exceeded}). */
public final class QuotaExceededException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    /** The quota per day. */
    private final int limit;
    /** When the quota starts again. */
    private final Instant resetAt;

    /**
     * Creates the exception.
     *
     * @param limit the quota
     * @param resetAt when the quota starts again
     */
    public QuotaExceededException(int limit, Instant resetAt) {
        super("Quota of " + limit + " per day reached; it resets at " + resetAt);
        this.limit = limit;
        this.resetAt = Objects.requireNonNull(resetAt, "resetAt");
    }

    /**
     * Returns the quota.
     *
     * @return the limit per period
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns when the quota starts again.
     *
     * @return the next reset instant
     */
    public Instant resetAt() {
        return resetAt;
    }
}
