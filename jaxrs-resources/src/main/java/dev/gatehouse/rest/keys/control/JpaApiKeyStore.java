package dev.gatehouse.rest.keys.control;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.ApiKeyStore;
import dev.gatehouse.keys.KeyNotFoundException;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.ScopeSet;
import dev.gatehouse.rest.keys.entity.ApiKeyEntity;
import dev.gatehouse.rest.keys.entity.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ApiKeyStore} on JPA. Each method joins the caller's transaction or runs in its own, so
 * the auth filter (no transaction) and the resources (one per request) share it.
 */
@ApplicationScoped
@Transactional
public class JpaApiKeyStore implements ApiKeyStore {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    public JpaApiKeyStore() {
    }

    /** For use outside a container (tests, embedding): the caller manages transactions. */
    public JpaApiKeyStore(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public ApiKey insert(ApiKey k) {
        if (k.id() != 0) {
            throw new IllegalArgumentException("a key to insert must not have an id yet, but has " + k.id());
        }
        ApiKeyEntity e = new ApiKeyEntity();
        copy(k, e);
        e.updatedAt = k.createdAt();
        em.persist(e);
        em.flush();
        return toRecord(e);
    }

    @Override
    public Optional<ApiKey> findById(long id) {
        return Optional.ofNullable(em.find(ApiKeyEntity.class, id)).map(JpaApiKeyStore::toRecord);
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return em.createQuery("select k from ApiKeyEntity k where k.keyHash = :h", ApiKeyEntity.class)
                .setParameter("h", keyHash)
                .getResultStream().findFirst().map(JpaApiKeyStore::toRecord);
    }

    @Override
    public ApiKey update(ApiKey k) {
        ApiKeyEntity e = em.find(ApiKeyEntity.class, k.id());
        if (e == null) {
            throw new KeyNotFoundException(k.id());
        }
        copy(k, e);
        e.updatedAt = clock.instant();
        em.flush();
        return toRecord(e);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Locks the user's row ({@code SELECT … FOR UPDATE}) before counting, so racing requests for
     * one user count and insert one after the other; other users are not held up.
     */
    @Override
    public Optional<ApiKey> insertWithinUserLimit(ApiKey k, int maxActive, Instant now) {
        if (k.userId() == null) {
            throw new IllegalArgumentException("a key within a user's limit must belong to a user");
        }
        em.find(UserEntity.class, k.userId(), LockModeType.PESSIMISTIC_WRITE);
        long active = em.createQuery("select count(k) from ApiKeyEntity k where k.userId = :u and "
                        + statusCondition(ApiKey.Status.ACTIVE, "k"), Long.class)
                .setParameter("u", k.userId()).setParameter("now", now).getSingleResult();
        return active >= maxActive ? Optional.empty() : Optional.of(insert(k));
    }

    /**
     * The JPQL condition for a key's status at the parameter {@code :now}: the database's reading of
     * {@link ApiKey#statusAt}, the one definition of an active, revoked or expired key that lists
     * and limits share.
     *
     * @param status the status
     * @param alias the {@code ApiKeyEntity} alias in the query
     * @return the condition; bind {@code :now} when it names it (a parameter the query lacks fails it)
     */
    public static String statusCondition(ApiKey.Status status, String alias) {
        return switch (status) {
            case ACTIVE -> alias + ".revokedAt is null and (" + alias + ".expiresAt is null or " + alias + ".expiresAt > :now)";
            case EXPIRED -> alias + ".revokedAt is null and " + alias + ".expiresAt <= :now";
            case REVOKED -> alias + ".revokedAt is not null";
        };
    }

    @Override
    public boolean existsRootKey() {
        return em.createQuery("select count(k) from ApiKeyEntity k where k.keyType = 'ROOT' and k.revokedAt is null", Long.class)
                .getSingleResult() > 0;
    }

    @Override
    public List<ApiKey> findByCreator(long creatorKeyId) {
        return em.createQuery("select k from ApiKeyEntity k where k.createdBy = :c order by k.id", ApiKeyEntity.class)
                .setParameter("c", creatorKeyId).getResultStream().map(JpaApiKeyStore::toRecord).toList();
    }

    @Override
    public void recordLastUsed(Map<Long, Instant> lastUsedByKeyId) {
        lastUsedByKeyId.forEach((id, at) -> em.createQuery("update ApiKeyEntity k set k.lastUsedAt = :at"
                        + " where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :at)")
                .setParameter("at", at).setParameter("id", id).executeUpdate());
    }

    private static void copy(ApiKey k, ApiKeyEntity e) {
        e.workspaceId = k.workspaceId();
        e.userId = k.userId();
        e.keyType = k.type().name();
        e.name = k.name();
        e.displayPrefix = k.displayPrefix();
        e.keyHash = k.keyHash();
        e.scopes = String.join(" ", k.scopes().names());
        e.rateLimitTier = k.rateLimitTier();
        e.expiresAt = k.expiresAt();
        e.revokedAt = k.revokedAt();
        e.lastUsedAt = k.lastUsedAt();
        e.createdAt = k.createdAt();
        e.createdBy = k.createdBy();
        e.replacedBy = k.replacedBy();
    }

    public static ApiKey toRecord(ApiKeyEntity e) {
        List<String> scopes = e.scopes.isBlank() ? List.of() : Arrays.asList(e.scopes.split(" "));
        return new ApiKey(e.id, e.workspaceId, e.userId, KeyType.valueOf(e.keyType), e.name, e.displayPrefix,
                e.keyHash, ScopeSet.of(scopes), e.rateLimitTier, e.expiresAt, e.revokedAt, e.lastUsedAt,
                e.createdAt, e.createdBy, e.replacedBy);
    }
}
