package dev.gatehouse.rest.portal.control;

import dev.gatehouse.rest.portal.entity.PortalSessionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The queries of {@code portal_sessions}. Exchanging a link is one guarded update
 * ({@code … WHERE exchanged_at IS NULL}), so of two concurrent exchanges on any instances exactly
 * one wins.
 */
@ApplicationScoped
@Transactional
public class PortalSessionStore {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** A session row with the state of the key that minted it. */
    public record Row(PortalSessionEntity session, Instant keyRevokedAt, Instant keyExpiresAt) {
    }

    public PortalSessionEntity insert(PortalSessionEntity e) {
        em.persist(e);
        em.flush();
        return e;
    }

    public Optional<PortalSessionEntity> findByLinkHash(String linkHash) {
        return em.createQuery("select s from PortalSessionEntity s where s.linkHash = :h", PortalSessionEntity.class)
                .setParameter("h", linkHash).getResultStream().findFirst();
    }

    /** Turns an unused, unexpired link into a session; false when another request got there first or it expired. */
    public boolean exchange(long id, String tokenHash, Instant now, Instant expiresAt) {
        int changed = em.createQuery("update PortalSessionEntity s set s.tokenHash = :t, s.exchangedAt = :now,"
                        + " s.expiresAt = :exp where s.id = :id and s.exchangedAt is null and s.endedAt is null"
                        + " and s.linkExpiresAt > :now")
                .setParameter("t", tokenHash).setParameter("now", now).setParameter("exp", expiresAt)
                .setParameter("id", id).executeUpdate();
        return changed == 1;
    }

    /** The session with this token hash and its minting key's revocation and expiry. */
    public Optional<Row> findByTokenHash(String tokenHash) {
        return em.createQuery("select s, k.revokedAt, k.expiresAt from PortalSessionEntity s, ApiKeyEntity k"
                        + " where s.tokenHash = :h and k.id = s.createdByKeyId", Object[].class)
                .setParameter("h", tokenHash).getResultStream().findFirst()
                .map(r -> new Row((PortalSessionEntity) r[0], (Instant) r[1], (Instant) r[2]));
    }

    /** Ends one session (logout); false if it had already ended. */
    public boolean end(long id, Instant now) {
        return em.createQuery("update PortalSessionEntity s set s.endedAt = :now where s.id = :id and s.endedAt is null")
                .setParameter("now", now).setParameter("id", id).executeUpdate() == 1;
    }

    /** Ends every session and unused link of a workspace; returns how many. */
    public int endAll(long workspaceId, Instant now) {
        return em.createQuery("update PortalSessionEntity s set s.endedAt = :now"
                        + " where s.workspaceId = :ws and s.endedAt is null")
                .setParameter("now", now).setParameter("ws", workspaceId).executeUpdate();
    }
}
