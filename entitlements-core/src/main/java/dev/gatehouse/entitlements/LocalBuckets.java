package dev.gatehouse.entitlements;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lock-free Bucket4j buckets in a bounded {@link ConcurrentHashMap}.
 *
 * <p>Eviction: when the map is at its bound and a new key arrives, one thread sweeps it down to
 * 90 % of the bound (below the bound for small bounds) before the new bucket is added. It first
 * drops buckets that have refilled to capacity — a full bucket behaves exactly like a new one, so
 * forgetting it changes no decision — and only if that is not enough drops arbitrary others, which
 * forgives their recent requests (fails open). Sweeping at most once per tenth of the bound keeps
 * the cost amortised constant.
 *
 * <p>A key whose tier changes keeps its bucket; the configuration is replaced with
 * {@link TokensInheritanceStrategy#ADDITIVE}: tokens already spent stay spent and an upgrade adds
 * the capacity difference at once.
 */
final class LocalBuckets implements Buckets {

    private static final class Slot {
        final Bucket bucket;
        volatile BucketSpec spec;

        Slot(Bucket bucket, BucketSpec spec) {
            this.bucket = bucket;
            this.spec = spec;
        }

        Bucket configuredFor(BucketSpec wanted) {
            if (spec != wanted) {
                synchronized (this) {
                    if (spec != wanted) {
                        bucket.replaceConfiguration(wanted.configuration, TokensInheritanceStrategy.ADDITIVE);
                        spec = wanted;
                    }
                }
            }
            return bucket;
        }

        boolean isFull() {
            return bucket.getAvailableTokens() >= spec.capacity;
        }
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final int maxBuckets;
    private final int sweepTarget;
    private final TimeMeter timeMeter;

    LocalBuckets(int maxBuckets, TimeMeter timeMeter) {
        this.maxBuckets = maxBuckets;
        this.sweepTarget = Math.min(maxBuckets - 1, maxBuckets - maxBuckets / 10);
        this.timeMeter = timeMeter;
    }

    /** One JVM, one view of the tier: the version is not needed to order configurations. */
    @Override
    public Bucket acquire(String key, BucketSpec spec, long specVersion) {
        Slot slot = slots.get(key);
        if (slot == null) {
            // Sweep before inserting: the new bucket is full and must not be swept away at once.
            if (slots.size() >= maxBuckets) {
                sweep();
            }
            slot = slots.computeIfAbsent(key, k -> new Slot(newBucket(spec), spec));
        }
        return slot.configuredFor(spec);
    }

    @Override
    public Bucket find(String key, BucketSpec spec, long specVersion) {
        Slot slot = slots.get(key);
        return slot == null ? null : slot.configuredFor(spec);
    }

    int size() {
        return slots.size();
    }

    private Bucket newBucket(BucketSpec spec) {
        return Bucket.builder()
                .addLimit(spec.bandwidth)
                .withCustomTimePrecision(timeMeter)
                .build();
    }

    private void sweep() {
        if (!sweeping.tryLock()) {
            return; // another thread is already sweeping
        }
        try {
            slots.values().removeIf(Slot::isFull);
            Iterator<Slot> rest = slots.values().iterator();
            while (slots.size() > sweepTarget && rest.hasNext()) {
                rest.next();
                rest.remove();
            }
        } finally {
            sweeping.unlock();
        }
    }
}
