package dev.gatehouse.entitlements;

import java.util.Objects;

/**
 * A request was refused by a {@link RateLimiter}: its bucket is empty. A host that enforces rate
 * limits by exception (rather than by inspecting {@link RateLimitDecision#allowed()}) throws it
 * with the refusing decision and maps it to {@code 429 rate_limit_exceeded} with a
 * {@code Retry-After} of {@link RateLimitDecision#retryAfter()}.
 */
public final class RateLimitExceededException extends EntitlementException {

    /** @serial the refusing decision */
    private final transient RateLimitDecision decision;

    /**
     * Creates the exception.
     *
     * @param decision the refusing decision ({@code allowed() == false})
     * @throws IllegalArgumentException if the decision allowed the request
     */
    public RateLimitExceededException(RateLimitDecision decision) {
        super(message(decision));
        this.decision = decision;
    }

    private static String message(RateLimitDecision decision) {
        Objects.requireNonNull(decision, "decision");
        if (decision.allowed()) {
            throw new IllegalArgumentException("the decision allowed the request: " + decision);
        }
        return "Too many requests. Please retry after " + decision.retryAfter().toSeconds() + " seconds.";
    }

    /**
     * The decision that refused the request.
     *
     * @return the decision, with the limit, the reset time and the wait
     */
    public RateLimitDecision decision() {
        return decision;
    }
}
