package dev.gatehouse.entitlements;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;

/**
 * Buckets kept by a Bucket4j {@link ProxyManager} (PostgreSQL, JCache, …) so that every instance
 * enforces the same limit. The remote key is {@code k:<tier>:<key>} for API keys and
 * {@code a:<address>} for anonymous clients: a tier change starts a fresh bucket rather than
 * rewriting the stored configuration, and the two namespaces cannot collide.
 */
final class SharedBuckets implements Buckets {

    private final RemoteBucketBuilder<String> builder;

    SharedBuckets(ProxyManager<String> proxyManager) {
        this.builder = proxyManager.builder();
    }

    @Override
    public Bucket acquire(String key, BucketSpec spec) {
        return builder.build(spec.sharedKeyPrefix.concat(key), spec.configurationSupplier);
    }

    /** Always a proxy: asking the store whether the bucket exists would cost the same round trip. */
    @Override
    public Bucket find(String key, BucketSpec spec) {
        return acquire(key, spec);
    }
}
