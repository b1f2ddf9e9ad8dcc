package dev.gatehouse.entitlements;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Buckets kept by a Bucket4j {@link ProxyManager} (PostgreSQL, JCache, …) so that every instance
 * enforces the same limit. The remote key is {@code k:<key>} (the prefix leaves room for other
 * namespaces). The tier is not part of the key: a
 * tier change replaces the stored bucket's configuration (Bucket4j's implicit configuration
 * replacement, {@link TokensInheritanceStrategy#ADDITIVE}, like {@link LocalBuckets}), ordered by
 * a version the caller supplies, so an instance still holding the old tier takes from the same,
 * already reconfigured bucket instead of counting in a second one.
 */
final class SharedBuckets implements Buckets {

    /** A version below every caller's, so a bucket created without one is replaced by the first. */
    static final long BASE_VERSION = 1;

    private final ProxyManager<String> proxyManager;

    SharedBuckets(ProxyManager<String> proxyManager) {
        this.proxyManager = proxyManager;
    }

    @Override
    public Bucket acquire(String key, BucketSpec spec, long specVersion) {
        // A builder per call: Bucket4j's builders are mutable, and a round trip to the store follows anyway.
        return proxyManager.builder()
                .withImplicitConfigurationReplacement(BASE_VERSION + Math.max(0, specVersion),
                        TokensInheritanceStrategy.ADDITIVE)
                .build(spec.sharedKeyPrefix.concat(key), spec.configurationSupplier);
    }

    /** Always a proxy: asking the store whether the bucket exists would cost the same round trip. */
    @Override
    public Bucket find(String key, BucketSpec spec, long specVersion) {
        return acquire(key, spec, specVersion);
    }
}
