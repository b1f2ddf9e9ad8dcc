package dev.gatehouse.rest.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The deletions of the retention jobs that belong to no other store: old audit events and expired
 * rate-limit buckets. Each call is a transaction of its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RetentionStore {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public RetentionStore() {
    }

    /** For use outside a container (tests): the caller manages transactions. */
    public RetentionStore(EntityManager em) {
        this.em = em;
    }

    /** Deletes audit events that occurred before the cutoff; returns how many. */
    public int deleteAuditEventsBefore(Instant cutoff) {
        return em.createQuery("delete from AuditEventEntity e where e.occurredAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }

    /**
     * Deletes shared rate-limit buckets whose expiry (epoch milliseconds, set by Bucket4j to when
     * the idle bucket is full again) has passed: such a bucket decides nothing a new one would not.
     */
    public int deleteExpiredBuckets(Instant now) {
        return em.createNativeQuery("DELETE FROM rate_limit_buckets WHERE expires_at < ?1")
                .setParameter(1, now.toEpochMilli()).executeUpdate();
    }
}
