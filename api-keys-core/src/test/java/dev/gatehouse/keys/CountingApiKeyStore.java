package dev.gatehouse.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store that counts the calls made to it. */
final class CountingApiKeyStore implements ApiKeyStore {

    final InMemoryApiKeyStore delegate = new InMemoryApiKeyStore();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger findByHashCalls = new AtomicInteger();
    final AtomicInteger inserts = new AtomicInteger();
    final List<Map<Long, Instant>> lastUsedBatches = new ArrayList<>();
    volatile boolean failRecordLastUsed;
    /** Runs after a hash lookup has read the store and before it returns: a change racing the load. */
    volatile Runnable afterFindByHashRead;

    @Override
    public ApiKey insert(ApiKey withoutId) {
        calls.incrementAndGet();
        inserts.incrementAndGet();
        return delegate.insert(withoutId);
    }

    @Override
    public Optional<ApiKey> findById(long id) {
        calls.incrementAndGet();
        return delegate.findById(id);
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        calls.incrementAndGet();
        findByHashCalls.incrementAndGet();
        Optional<ApiKey> found = delegate.findByHash(keyHash);
        Runnable racing = afterFindByHashRead;
        if (racing != null) {
            afterFindByHashRead = null;
            racing.run();
        }
        return found;
    }

    @Override
    public ApiKey update(ApiKey key) {
        calls.incrementAndGet();
        return delegate.update(key);
    }

    @Override
    public Optional<ApiKey> insertWithinUserLimit(ApiKey withoutId, int maxActive, Instant now) {
        calls.incrementAndGet();
        Optional<ApiKey> stored = delegate.insertWithinUserLimit(withoutId, maxActive, now);
        stored.ifPresent(k -> inserts.incrementAndGet());
        return stored;
    }

    @Override
    public boolean existsRootKey() {
        calls.incrementAndGet();
        return delegate.existsRootKey();
    }

    @Override
    public List<ApiKey> findByCreator(long creatorKeyId) {
        calls.incrementAndGet();
        return delegate.findByCreator(creatorKeyId);
    }

    @Override
    public synchronized void recordLastUsed(Map<Long, Instant> lastUsedByKeyId) {
        calls.incrementAndGet();
        if (failRecordLastUsed) {
            throw new IllegalStateException("store down");
        }
        lastUsedBatches.add(Map.copyOf(lastUsedByKeyId));
        delegate.recordLastUsed(lastUsedByKeyId);
    }
}
