package dev.gatehouse.entitlements;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Proxies kept per key and version; beyond this many the map starts over (a proxy holds no tokens). */
    static final int MAX_PROXIES = 100_000;

    /** Bucket4j's batching, recovering a batch that finds the bucket missing ({@link RecoveringBatching}). */
    private static final RecoveringBatching BATCHING = new RecoveringBatching();

    private final ProxyManager<String> proxyManager;
    private final ConcurrentHashMap<String, Slot> proxies = new ConcurrentHashMap<>();

    /** A key's proxy for one configuration version. */
    private record Slot(long version, Bucket bucket) {
    }

    SharedBuckets(ProxyManager<String> proxyManager) {
        this.proxyManager = proxyManager;
    }

    /**
     * One proxy per key, built with Bucket4j's batching optimisation: requests for the same key that
     * arrive while its previous command is still at the store go together in the next one, so a
     * busy key costs one locked row round trip per batch rather than per request. Batching changes
     * no decision (every request still takes exactly one token from the stored state). A batch
     * that finds the bucket missing (several first requests at once, or a row the retention job
     * deleted) is handed back to each request as "not found", so its proxy creates the bucket.
     */
    @Override
    public Bucket acquire(String key, BucketSpec spec, long specVersion) {
        long version = BASE_VERSION + Math.max(0, specVersion);
        Slot slot = proxies.get(key);
        if (slot != null && slot.version == version) {
            return slot.bucket;
        }
        if (proxies.size() >= MAX_PROXIES) {
            proxies.clear();
        }
        Bucket bucket = proxyManager.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .withOptimization(BATCHING)
                .build(spec.sharedKeyPrefix.concat(key), spec.configurationSupplier);
        proxies.put(key, new Slot(version, bucket));
        return bucket;
    }

    /** Always a proxy: asking the store whether the bucket exists would cost the same round trip. */
    @Override
    public Bucket find(String key, BucketSpec spec, long specVersion) {
        return acquire(key, spec, specVersion);
    }
}
