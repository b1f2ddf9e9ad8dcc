package dev.gatehouse.keys;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A size-bounded map from key hash to cache entry that evicts the oldest insertions first. Reads
 * are a plain {@link ConcurrentHashMap#get}; the insertion queue is only touched on a miss.
 */
final class BoundedCache {

    private final ConcurrentHashMap<Digest, CacheEntry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CacheEntry> insertionOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int maximumSize;

    BoundedCache(int maximumSize) {
        this.maximumSize = maximumSize;
    }

    CacheEntry get(Digest digest) {
        return entries.get(digest);
    }

    void put(CacheEntry entry) {
        entries.put(entry.digest, entry);
        insertionOrder.offer(entry);
        queued.incrementAndGet();
        // Replaced or removed entries leave stale queue nodes; the second bound keeps those few.
        while (entries.size() > maximumSize || queued.get() > 2 * maximumSize) {
            CacheEntry oldest = insertionOrder.poll();
            if (oldest == null) {
                break;
            }
            queued.decrementAndGet();
            entries.remove(oldest.digest, oldest);
        }
    }

    void remove(Digest digest) {
        entries.remove(digest);
    }

    void remove(CacheEntry entry) {
        entries.remove(entry.digest, entry);
    }

    void removeIf(Predicate<CacheEntry> condition) {
        entries.values().removeIf(condition);
    }

    void clear() {
        entries.clear();
        insertionOrder.clear();
        queued.set(0);
    }

    int size() {
        return entries.size();
    }
}
