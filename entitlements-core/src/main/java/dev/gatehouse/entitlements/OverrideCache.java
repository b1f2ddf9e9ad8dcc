package dev.gatehouse.entitlements;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-instance cache of limit overrides behind {@link Entitlements.Builder#overrideCacheTtl}:
 * (workspace, feature) → the override in force, or none, and until when that answer may be reused.
 * A forget advances a generation counter first, and a load caches its answer only if the counter
 * has not moved while the store was read, so a forget racing a load never leaves the old value.
 */
final class OverrideCache {

    private static final int MAX_CACHED_OVERRIDES = 100_000;

    private record CachedOverride(Optional<LimitOverride> value, long freshUntilMillis) {
    }

    private final UsageStore store;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, CachedOverride> overrides;
    private final AtomicLong generation;

    OverrideCache(UsageStore store, Clock clock, long ttlMillis) {
        this.store = store;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.overrides = new ConcurrentHashMap<>();
        this.generation = new AtomicLong();
    }

    private OverrideCache(OverrideCache shared, UsageStore loader) {
        this.store = loader;
        this.clock = shared.clock;
        this.ttlMillis = shared.ttlMillis;
        this.overrides = shared.overrides;
        this.generation = shared.generation;
    }

    /**
     * The same cache, loading what it misses from another store: a recording in the host's own
     * transaction reads the override on that transaction's connection, not on a second one.
     */
    OverrideCache loadingFrom(UsageStore loader) {
        return new OverrideCache(this, loader);
    }

    /** The store's override, through the cache when one is configured. */
    Optional<LimitOverride> find(long workspaceId, String feature) {
        if (ttlMillis <= 0) {
            return store.findOverride(workspaceId, feature);
        }
        String key = workspaceId + ":" + feature;
        long now = clock.millis();
        CachedOverride cached = overrides.get(key);
        if (cached != null && now < cached.freshUntilMillis()) {
            return cached.value();
        }
        if (overrides.size() >= MAX_CACHED_OVERRIDES) {
            overrides.clear(); // bounded; reloading is one query per key
        }
        long loadedIn = generation.get();
        Optional<LimitOverride> loaded = store.findOverride(workspaceId, feature);
        CachedOverride entry = new CachedOverride(loaded, now + ttlMillis);
        overrides.put(key, entry);
        // A forget that began while the store was read may have missed this entry: take it out again.
        if (generation.get() != loadedIn) {
            overrides.remove(key, entry);
        }
        return loaded;
    }

    void forget(long workspaceId, String feature) {
        generation.incrementAndGet();
        overrides.remove(workspaceId + ":" + feature);
    }

    void forgetAll() {
        generation.incrementAndGet();
        overrides.clear();
    }
}
