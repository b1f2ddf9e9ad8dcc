package dev.gatehouse.rest.keys.control;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.ApiKeyStore;
import dev.gatehouse.keys.KeyNotFoundException;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.ScopeSet;
import dev.gatehouse.rest.keys.entity.ApiKeyEntity;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.keys.entity.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<ApiKeyEntity> key = count.from(ApiKeyEntity.class);
        count.select(cb.count(key)).where(cb.equal(key.get("userId"), k.userId()),
                hasStatus(cb, key, ApiKey.Status.ACTIVE, now));
        long active = em.createQuery(count).getSingleResult();
        return active >= maxActive ? Optional.empty() : Optional.of(insert(k));
    }

    /**
     * The condition for a key's status at {@code now}: the database's reading of
     * {@link ApiKey#statusAt}, the one definition of an active, revoked or expired key that lists
     * and limits share.
     *
     * @param key an {@code ApiKeyEntity} of the query
     */
    public static Predicate hasStatus(CriteriaBuilder cb, Path<?> key, ApiKey.Status status, Instant now) {
        Path<Instant> revokedAt = key.get("revokedAt");
        Path<Instant> expiresAt = key.get("expiresAt");
        return switch (status) {
            case ACTIVE -> cb.and(cb.isNull(revokedAt), cb.or(cb.isNull(expiresAt), cb.greaterThan(expiresAt, now)));
            case EXPIRED -> cb.and(cb.isNull(revokedAt), cb.lessThanOrEqualTo(expiresAt, now));
            case REVOKED -> cb.isNotNull(revokedAt);
        };
    }

    /**
     * What the key list sorts, searches and filters by; {@code status=} is judged at {@code now}.
     *
     * @param fields the fields {@code fields=} may select
     */
    public static ListSpec listSpec(Instant now, Set<String> fields) {
        return ListSpec.builder()
                .sort("id", "id").sort("name", "name").sort("created_at", "createdAt").sort("updated_at", "updatedAt")
                .sort("last_used_at", "lastUsedAt").sort("expires_at", "expiresAt")
                .search("name", "displayPrefix")
                .filter("status", value -> {
                    ApiKey.Status status = switch (value) {
                        case "active" -> ApiKey.Status.ACTIVE;
                        case "revoked" -> ApiKey.Status.REVOKED;
                        case "expired" -> ApiKey.Status.EXPIRED;
                        default -> throw ApiException.validation("status", "must be active, revoked or expired");
                    };
                    return (cb, e) -> hasStatus(cb, e, status, now);
                })
                .fields(fields)
                .build();
    }

    /**
     * One page of a workspace's keys, or of one end user's keys in it.
     *
     * @param query a query parsed with {@link #listSpec}
     * @param userId the user whose keys alone are listed, or null for every key of the workspace
     */
    public ListQuery.Page<ApiKey> list(ListQuery query, long workspaceId, Long userId) {
        return query.fetch(em, ApiKeyEntity.class, (cb, e) -> userId == null
                        ? cb.equal(e.get("workspaceId"), workspaceId)
                        : cb.and(cb.equal(e.get("workspaceId"), workspaceId), cb.equal(e.get("userId"), userId)))
                .map(JpaApiKeyStore::toRecord);
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
