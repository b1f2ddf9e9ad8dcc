package dev.gatehouse.keys;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One cached lookup by key hash: a found key (positive) or a miss (negative, {@code key == null}).
 * A positive entry carries its prebuilt VALID result and the throttle for last-use notes, so a
 * cache hit allocates nothing beyond the hash.
 */
final class CacheEntry {

    private static final AtomicLongFieldUpdater<CacheEntry> NEXT_USE_NOTE =
        AtomicLongFieldUpdater.newUpdater(CacheEntry.class, "nextUseNoteMillis");

    final Digest digest;
    final ApiKey key;
    final Verification valid;
    final long freshUntilMillis;
    private volatile long nextUseNoteMillis;

    private CacheEntry(Digest digest, ApiKey key, long freshUntilMillis, long nextUseNoteMillis) {
        this.digest = digest;
        this.key = key;
        this.valid = key == null ? null : new Verification(Verification.Code.VALID, key);
        this.freshUntilMillis = freshUntilMillis;
        this.nextUseNoteMillis = nextUseNoteMillis;
    }

    static CacheEntry found(Digest digest, ApiKey key, long freshUntilMillis, long nextUseNoteMillis) {
        return new CacheEntry(digest, key, freshUntilMillis, nextUseNoteMillis);
    }

    static CacheEntry missing(Digest digest, long freshUntilMillis) {
        return new CacheEntry(digest, null, freshUntilMillis, Long.MAX_VALUE);
    }

    boolean isFreshAt(long nowMillis) {
        return nowMillis < freshUntilMillis;
    }

    long nextUseNoteMillis() {
        return nextUseNoteMillis;
    }

    /** Claims the right to note a use now; true for exactly one caller per interval. */
    boolean claimUseNote(long nowMillis, long intervalMillis) {
        long due = nextUseNoteMillis;
        return nowMillis >= due && NEXT_USE_NOTE.compareAndSet(this, due, nowMillis + intervalMillis);
    }
}
