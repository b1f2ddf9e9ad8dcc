package dev.gatehouse.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A thread-safe {@link ApiKeyStore} in memory, for tests, demos and single-instance applications
 * that need no persistence. Every method holds one lock, which makes each an atomic unit.
 */
public class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<Long, ApiKey> byId = new TreeMap<>();
    private final Map<String, Long> idByHash = new HashMap<>();
    private long lastId;

    /** Creates an empty store. */
    public InMemoryApiKeyStore() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if a key with the same hash exists (a unique constraint)
     */
    @Override
    public synchronized ApiKey insert(ApiKey withoutId) {
        Objects.requireNonNull(withoutId, "withoutId");
        if (withoutId.id() != 0) {
            throw new IllegalArgumentException("a new key must have id 0 but had " + withoutId.id());
        }
        if (idByHash.containsKey(withoutId.keyHash())) {
            throw new IllegalStateException("a key with the same hash already exists");
        }
        ApiKey stored = withoutId.withId(++lastId);
        byId.put(stored.id(), stored);
        idByHash.put(stored.keyHash(), stored.id());
        return stored;
    }

    @Override
    public synchronized Optional<ApiKey> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(String keyHash) {
        Long id = idByHash.get(keyHash);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    @Override
    public synchronized ApiKey update(ApiKey key) {
        Objects.requireNonNull(key, "key");
        ApiKey old = byId.get(key.id());
        if (old == null) {
            throw new KeyNotFoundException(key.id());
        }
        if (!old.keyHash().equals(key.keyHash())) {
            Long other = idByHash.get(key.keyHash());
            if (other != null && other != key.id()) {
                throw new IllegalStateException("a key with the same hash already exists");
            }
            idByHash.remove(old.keyHash());
            idByHash.put(key.keyHash(), key.id());
        }
        byId.put(key.id(), key);
        return key;
    }

    @Override
    public synchronized Optional<ApiKey> insertWithinUserLimit(ApiKey withoutId, int maxActive, Instant now) {
        Objects.requireNonNull(withoutId, "withoutId");
        Long userId = withoutId.userId();
        if (userId == null) {
            throw new IllegalArgumentException("a key within a user's limit must belong to a user");
        }
        long active = byId.values().stream()
            .filter(k -> userId.equals(k.userId()))
            .filter(k -> k.statusAt(now) == ApiKey.Status.ACTIVE)
            .count();
        return active >= maxActive ? Optional.empty() : Optional.of(insert(withoutId));
    }

    @Override
    public synchronized boolean existsRootKey() {
        return byId.values().stream().anyMatch(k -> k.type() == KeyType.ROOT && !k.isRevoked());
    }

    @Override
    public synchronized List<ApiKey> findByCreator(long creatorKeyId) {
        List<ApiKey> created = new ArrayList<>();
        for (ApiKey key : byId.values()) {
            if (key.createdBy() != null && key.createdBy() == creatorKeyId) {
                created.add(key);
            }
        }
        return List.copyOf(created);
    }

    @Override
    public synchronized void recordLastUsed(Map<Long, Instant> lastUsedByKeyId) {
        lastUsedByKeyId.forEach((id, usedAt) -> {
            ApiKey key = byId.get(id);
            if (key != null && (key.lastUsedAt() == null || usedAt.isAfter(key.lastUsedAt()))) {
                byId.put(id, key.withLastUsedAt(usedAt));
            }
        });
    }
}
