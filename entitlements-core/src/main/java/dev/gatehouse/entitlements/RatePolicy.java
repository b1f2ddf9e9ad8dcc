package dev.gatehouse.entitlements;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tier's request rate: a token bucket that refills at {@code requestsPerMinute} and holds up to
 * {@link #capacity()} tokens, so a client that has been quiet may send a burst above the
 * sustained rate.
 *
 * @param requestsPerMinute the sustained rate, at least 1
 * @param burst             the extra capacity as a fraction of the rate: {@code 0.2} lets a quiet
 *                          client send 20 % more than {@code requestsPerMinute} at once; {@code 0}
 *                          for none
 */
public record RatePolicy(long requestsPerMinute, double burst) {

    /** Upper bound on the rate, so that the capacity and the refill arithmetic cannot overflow. */
    static final long MAX_REQUESTS_PER_MINUTE = 1_000_000_000L;
    /** Upper bound on the burst fraction (10 000 %). */
    static final double MAX_BURST = 100.0;

    /**
     * Checks the components.
     *
     * @param requestsPerMinute the {@code requestsPerMinute} component
     * @param burst the {@code burst} component
     * @throws IllegalArgumentException if the rate is outside 1..1,000,000,000 or the burst is
     *                                  negative, not finite or above 100
     */
    public RatePolicy {
        if (requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("requestsPerMinute must be in 1.." + MAX_REQUESTS_PER_MINUTE
                    + " but was " + requestsPerMinute);
        }
        if (!(burst >= 0 && burst <= MAX_BURST)) {
            throw new IllegalArgumentException("burst must be in 0.." + MAX_BURST + " but was " + burst);
        }
    }

    /**
     * The bucket capacity: {@code floor(requestsPerMinute × (1 + burst))}, computed in decimal so
     * that {@code 5000 × 1.3} is 6500 and not 6499.
     *
     * @return the most requests a full bucket admits at once
     */
    public long capacity() {
        return BigDecimal.valueOf(requestsPerMinute)
                .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(burst)))
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
