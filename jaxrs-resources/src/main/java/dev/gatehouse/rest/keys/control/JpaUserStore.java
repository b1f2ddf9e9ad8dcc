package dev.gatehouse.rest.keys.control;

import dev.gatehouse.keys.User;
import dev.gatehouse.keys.UserNotFoundException;
import dev.gatehouse.keys.UserStore;
import dev.gatehouse.keys.VerificationCode;
import dev.gatehouse.rest.keys.entity.ApiKeyEntity;
import dev.gatehouse.rest.keys.entity.UserEntity;
import dev.gatehouse.rest.keys.entity.VerificationCodeEntity;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** {@link UserStore} on JPA; verification codes are stored as SHA-256 hashes only. */
@ApplicationScoped
@Transactional
public class JpaUserStore implements UserStore {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public JpaUserStore() {
    }

    /** For use outside a container (tests, embedding): the caller manages transactions. */
    public JpaUserStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public User insert(User u) {
        if (u.id() != 0) {
            throw new IllegalArgumentException("a user to insert must not have an id yet, but has " + u.id());
        }
        UserEntity e = new UserEntity();
        copy(u, e);
        em.persist(e);
        em.flush();
        return toRecord(e);
    }

    /**
     * What the user list sorts, searches and filters by.
     *
     * @param fields the fields {@code fields=} may select
     */
    public static ListSpec listSpec(Set<String> fields) {
        return ListSpec.builder()
                .sort("id", "id").sort("external_id", "externalId").sort("email", "email")
                .sort("created_at", "createdAt").sort("updated_at", "updatedAt")
                .search("externalId", "email")
                .filter("status", value -> {
                    boolean verified = switch (value) {
                        case "verified" -> true;
                        case "unverified" -> false;
                        default -> throw ApiException.validation("status", "must be verified or unverified");
                    };
                    return (cb, e) -> cb.equal(e.get("verified"), verified);
                })
                .fields(fields)
                .build();
    }

    /** One page of a workspace's users, for a query parsed with {@link #listSpec}. */
    public ListQuery.Page<User> list(ListQuery query, long workspaceId) {
        return query.fetch(em, UserEntity.class, (cb, e) -> cb.equal(e.get("workspaceId"), workspaceId))
                .map(JpaUserStore::toRecord);
    }

    @Override
    public Optional<User> findById(long id) {
        return Optional.ofNullable(em.find(UserEntity.class, id)).map(JpaUserStore::toRecord);
    }

    @Override
    public Optional<User> findByExternalId(long workspaceId, String externalId) {
        return em.createQuery("select u from UserEntity u where u.workspaceId = :w and u.externalId = :x", UserEntity.class)
                .setParameter("w", workspaceId).setParameter("x", externalId)
                .getResultStream().findFirst().map(JpaUserStore::toRecord);
    }

    @Override
    public User update(User u) {
        UserEntity e = em.find(UserEntity.class, u.id());
        if (e == null) {
            throw new UserNotFoundException(u.id());
        }
        copy(u, e);
        em.flush();
        return toRecord(e);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Locks the creator key's row ({@code SELECT … FOR UPDATE}) before counting, so racing
     * bootstraps by one key count and insert one after the other; other keys are not held up.
     */
    @Override
    public Optional<User> insertWithinQuota(User u, int quota, Instant since) {
        em.find(ApiKeyEntity.class, u.createdByKeyId(), LockModeType.PESSIMISTIC_WRITE);
        long created = em.createQuery("select count(u) from UserEntity u where u.createdByKeyId = :k and u.createdAt >= :since",
                        Long.class)
                .setParameter("k", u.createdByKeyId()).setParameter("since", since).getSingleResult();
        return created >= quota ? Optional.empty() : Optional.of(insert(u));
    }

    @Override
    public void saveVerificationCode(long userId, String codeHash, Instant expiresAt) {
        VerificationCodeEntity e = em.find(VerificationCodeEntity.class, userId);
        if (e == null) {
            e = new VerificationCodeEntity();
            e.userId = userId;
            e.codeHash = codeHash;
            e.expiresAt = expiresAt;
            em.persist(e);
        } else {
            e.codeHash = codeHash;
            e.expiresAt = expiresAt;
        }
        em.flush();
    }

    @Override
    public Optional<VerificationCode> findVerificationCode(long userId) {
        return Optional.ofNullable(em.find(VerificationCodeEntity.class, userId))
                .map(e -> new VerificationCode(e.userId, e.codeHash, e.expiresAt));
    }

    @Override
    public void deleteVerificationCode(long userId) {
        em.createQuery("delete from VerificationCodeEntity c where c.userId = :u").setParameter("u", userId).executeUpdate();
    }

    private static void copy(User u, UserEntity e) {
        e.workspaceId = u.workspaceId();
        e.externalId = u.externalId();
        e.email = u.email();
        e.verified = u.verified();
        e.verifiedAt = u.verifiedAt();
        e.createdByKeyId = u.createdByKeyId();
        e.createdAt = u.createdAt();
        e.updatedAt = u.updatedAt();
    }

    public static User toRecord(UserEntity e) {
        return new User(e.id, e.workspaceId, e.externalId, e.email, e.verified, e.verifiedAt, e.createdByKeyId,
                e.createdAt, e.updatedAt);
    }
}
