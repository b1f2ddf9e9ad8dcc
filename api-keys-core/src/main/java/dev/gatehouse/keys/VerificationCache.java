package dev.gatehouse.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

/**
 * The request path behind {@link ApiKeys#verify(String)}: the per-instance caches of found and
 * unknown keys, their invalidation, the last-use notes and the failure-burst audit. The steps of a
 * cache hit and why they are in this order are described on {@link ApiKeys}.
 *
 * <p>Every invalidation advances a generation counter first; a store read that began before it
 * puts its result in the cache only if the generation has not moved by the time it is cached, so a
 * slow load of the old state can never outlive the invalidation that should have dropped it.
 */
final class VerificationCache {

    static final int FAILURE_BURST_THRESHOLD = 10;
    static final Duration FAILURE_BURST_WINDOW = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(ApiKeys.class.getName());
    private static final BinaryOperator<Instant> LATER = (a, b) -> a.isAfter(b) ? a : b;

    private final ApiKeyStore store;
    private final AuditSink audit;
    private final KeyFormat format;
    private final Clock clock;
    /** Stands in for the system clock on the request path; null with an injected clock. */
    private final CoarseClock coarse;
    private final long positiveTtlMillis;
    private final long negativeTtlMillis;
    private final long lastUsedIntervalMillis;
    private final BoundedCache positive;
    private final BoundedCache negative;
    private final ConcurrentHashMap<Long, Instant> pendingLastUsed = new ConcurrentHashMap<>();
    private final FailureBursts failures;
    /** Advanced before every invalidation; a load caches its result only if it has not moved. */
    private final AtomicLong generation = new AtomicLong();

    VerificationCache(ApiKeyStore store, AuditSink audit, KeyFormat format, Clock clock, Duration positiveTtl,
        Duration negativeTtl, Duration lastUsedInterval, int maximumSize) {
        this.store = store;
        this.audit = audit;
        this.format = format;
        this.clock = clock;
        this.coarse = CoarseClock.isSystem(clock) ? CoarseClock.start(clock) : null;
        this.positiveTtlMillis = positiveTtl.toMillis();
        this.negativeTtlMillis = negativeTtl.toMillis();
        this.lastUsedIntervalMillis = lastUsedInterval.toMillis();
        this.positive = new BoundedCache(maximumSize);
        this.negative = new BoundedCache(maximumSize);
        this.failures = new FailureBursts(FAILURE_BURST_THRESHOLD, FAILURE_BURST_WINDOW.toMillis(), maximumSize);
    }

    Verification verify(String presented) {
        byte[] buffer = Digest.keyBuffer();
        if (format.copyIfShaped(presented, buffer) == null) {
            return Verification.malformed();
        }
        Digest digest = Digest.ofBuffer(buffer, presented.length());
        // Millis, not clock.instant(): the cache-hit path needs no Instant unless something is noted.
        long nowMillis = coarse != null ? coarse.millis() : clock.millis();
        CacheEntry cached = positive.get(digest);
        if (cached != null && cached.isFreshAt(nowMillis)) {
            return judge(cached, presented, nowMillis);
        }
        // Only a stored key's hash is in the cache, so a hit needs no checksum; everything else is
        // checked before it can reach the negative cache, the failure count or the store.
        if (cached == null && !KeyFormat.checksumMatches(presented, buffer)) {
            return Verification.malformed();
        }
        Instant now = Instant.ofEpochMilli(nowMillis);
        CacheEntry miss = negative.get(digest);
        if (miss != null && miss.isFreshAt(nowMillis)) {
            return failed(Verification.notFound(), presented, digest, now, nowMillis);
        }
        return load(presented, digest, cached, now, nowMillis);
    }

    private Verification load(String presented, Digest digest, CacheEntry stale, Instant now, long nowMillis) {
        long loadedIn = generation.get();
        Optional<ApiKey> found = store.findByHash(digest.hex());
        if (found.isEmpty() || !digest.matchesHex(found.get().keyHash())) {
            if (stale != null) {
                positive.remove(stale);
            }
            if (negativeTtlMillis > 0) {
                cache(negative, CacheEntry.missing(digest, nowMillis + negativeTtlMillis), loadedIn);
            }
            return failed(Verification.notFound(), presented, digest, now, nowMillis);
        }
        ApiKey key = found.get();
        CacheEntry entry = CacheEntry.found(digest, key, nowMillis + positiveTtlMillis,
            firstUseNote(key, stale));
        if (positiveTtlMillis > 0) {
            cache(positive, entry, loadedIn);
        }
        return judge(entry, presented, nowMillis);
    }

    // An invalidation advances the generation before it removes entries. If it advanced before the
    // check below, the entry is taken out again here; if after, the invalidation's removal (which
    // follows its advance, and so this put) takes it out. Either way the stale value does not stay.
    private void cache(BoundedCache cache, CacheEntry entry, long loadedIn) {
        cache.put(entry);
        if (generation.get() != loadedIn) {
            cache.remove(entry);
        }
    }

    // Carries the last-use throttle across cache reloads: from the entry being replaced, the
    // not-yet-flushed note, or the stored lastUsedAt, whichever is latest.
    private long firstUseNote(ApiKey key, CacheEntry stale) {
        long next = stale != null && stale.key != null && stale.key.id() == key.id() ? stale.nextUseNoteMillis() : 0;
        Instant pending = pendingLastUsed.get(key.id());
        if (pending != null) {
            next = Math.max(next, pending.toEpochMilli() + lastUsedIntervalMillis);
        }
        if (key.lastUsedAt() != null) {
            next = Math.max(next, key.lastUsedAt().toEpochMilli() + lastUsedIntervalMillis);
        }
        return next;
    }

    private Verification judge(CacheEntry entry, String presented, long nowMillis) {
        ApiKey key = entry.key;
        if (key.revokedAt() != null) {
            return failed(new Verification(Verification.Code.REVOKED, key), presented, entry.digest,
                Instant.ofEpochMilli(nowMillis), nowMillis);
        }
        if (key.expiresAt() != null && nowMillis >= key.expiresAt().toEpochMilli()) {
            return failed(new Verification(Verification.Code.EXPIRED, key), presented, entry.digest,
                Instant.ofEpochMilli(nowMillis), nowMillis);
        }
        if (entry.claimUseNote(nowMillis, lastUsedIntervalMillis)) {
            pendingLastUsed.merge(key.id(), Instant.ofEpochMilli(nowMillis), LATER);
        }
        return entry.valid;
    }

    private Verification failed(Verification result, String presented, Digest digest, Instant now, long nowMillis) {
        int count = failures.record(digest, nowMillis);
        if (count > 0) {
            ApiKey key = result.key();
            Map<String, String> details = AuditEvent.details(
                "display_prefix", KeyFormat.displayPrefix(presented),
                "failures", Integer.toString(count),
                "window_seconds", Long.toString(FAILURE_BURST_WINDOW.toSeconds()),
                "code", result.code().name());
            try {
                audit.record(new AuditEvent("auth.failures_burst", key == null ? null : key.workspaceId(), null,
                    key == null ? null : key.id(), key == null ? null : key.userId(), null, now, details));
            } catch (RuntimeException e) {
                // The request is being rejected anyway; an audit outage must not turn that into a 500.
                LOG.log(System.Logger.Level.WARNING, "could not record auth.failures_burst", e);
            }
        }
        return result;
    }

    int flushLastUsed() {
        if (pendingLastUsed.isEmpty()) {
            return 0;
        }
        Map<Long, Instant> batch = new HashMap<>();
        for (Map.Entry<Long, Instant> use : pendingLastUsed.entrySet()) {
            if (pendingLastUsed.remove(use.getKey(), use.getValue())) {
                batch.put(use.getKey(), use.getValue());
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            store.recordLastUsed(Map.copyOf(batch));
        } catch (RuntimeException e) {
            batch.forEach((id, at) -> pendingLastUsed.merge(id, at, LATER));
            throw e;
        }
        return batch.size();
    }

    void invalidate(long keyId) {
        generation.incrementAndGet();
        positive.removeIf(entry -> entry.key.id() == keyId);
    }

    void invalidateWorkspace(long workspaceId) {
        generation.incrementAndGet();
        positive.removeIf(entry -> entry.key.workspaceId() != null && entry.key.workspaceId() == workspaceId);
    }

    void invalidateAll() {
        generation.incrementAndGet();
        positive.clear();
        negative.clear();
    }

    /** Forgets that a hash was unknown, once a key with it has been stored. */
    void stored(Digest digest) {
        negative.remove(digest);
    }

    int cachedFound() {
        return positive.size();
    }

    int cachedMissing() {
        return negative.size();
    }
}
