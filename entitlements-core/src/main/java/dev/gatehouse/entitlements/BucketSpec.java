package dev.gatehouse.entitlements;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Everything the rate limiter needs about one tier, computed once so that the hot path allocates
 * no configuration and concatenates no strings.
 */
final class BucketSpec {

    final String tier;
    final long requestsPerMinute;
    final long capacity;
    final Bandwidth bandwidth;
    final BucketConfiguration configuration;
    final Supplier<BucketConfiguration> configurationSupplier;
    final String policy;
    /** Prefix of bucket keys in a shared ProxyManager: {@code k:} for keys (anonymous buckets are never shared). */
    final String sharedKeyPrefix;

    BucketSpec(String tier, RatePolicy rate, String sharedKeyPrefix) {
        this.tier = tier;
        this.requestsPerMinute = rate.requestsPerMinute();
        this.capacity = rate.capacity();
        // Greedy refill: one token every 60 s / rpm rather than rpm tokens at once each minute,
        // so a client that is refused can retry within seconds instead of waiting out a window.
        this.bandwidth = Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(requestsPerMinute, Duration.ofMinutes(1))
                .initialTokens(capacity)
                .build();
        this.configuration = BucketConfiguration.builder().addLimit(bandwidth).build();
        BucketConfiguration shared = configuration;
        this.configurationSupplier = () -> shared;
        this.policy = requestsPerMinute + ";w=60" + (capacity > requestsPerMinute ? ";burst=" + capacity : "");
        this.sharedKeyPrefix = sharedKeyPrefix;
    }
}
