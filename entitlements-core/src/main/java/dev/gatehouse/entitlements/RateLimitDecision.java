package dev.gatehouse.entitlements;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one rate-limit check, carrying what the host puts in response headers:
 * {@code X-RateLimit-Limit} ← {@link #limit()}, {@code X-RateLimit-Remaining} ← {@link #remaining()},
 * {@code X-RateLimit-Reset} ← {@link #resetAt()} in epoch seconds, {@code RateLimit-Policy} ←
 * {@link #policy()} and, on a 429, {@code Retry-After} ← {@link #retryAfter()} in seconds.
 *
 * @param allowed    whether the request may proceed (for {@code peek}: whether one would)
 * @param limit      the bucket capacity: requests per minute plus the tier's burst
 * @param remaining  whole requests left in the bucket right now
 * @param resetAt    when the bucket would be full again if no further request arrived
 * @param retryAfter {@link Duration#ZERO} when allowed; otherwise the wait until one request
 *                   fits, rounded up to whole seconds and at least one second
 * @param policy     the quota policy in the {@code RateLimit-Policy} syntax of
 *                   draft-ietf-httpapi-ratelimit-headers-06 ({@code <quota>;w=<window seconds>}),
 *                   with the draft's {@code burst} extension parameter giving the capacity when it
 *                   exceeds the quota, e.g. {@code 5000;w=60;burst=6500} or {@code 60;w=60}
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, Instant resetAt, Duration retryAfter,
                                String policy) {
}
