package dev.gatehouse.rest.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Leases on named jobs in {@code job_locks}, so that a job runs on one instance at a time and once
 * per lease across all of them, instead of on a timer racing on every node. Each call runs in its
 * own committed transaction: the lease is visible to the other instances before the job starts.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class JobLocks {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public JobLocks() {
    }

    /** For use outside a container (tests): the caller manages transactions. */
    public JobLocks(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes the job's lease until {@code now + hold} if nobody holds it at {@code now}.
     *
     * @param job the job's name, at most 64 characters
     * @param owner who takes it (an instance name), for operators reading the table
     * @param now the time
     * @param hold how long the lease lasts; the job runs at most once per hold across instances
     * @return true when the caller now holds the lease and should run the job
     */
    public boolean tryAcquire(String job, String owner, Instant now, Duration hold) {
        // The row is created on first use, already expired; losing that insert race is no error.
        em.createNativeQuery("INSERT INTO job_locks (name, locked_until, locked_by) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, job).setParameter(2, Instant.EPOCH).setParameter(3, owner).executeUpdate();
        return em.createNativeQuery("UPDATE job_locks SET locked_until = ?1, locked_by = ?2 WHERE name = ?3 AND locked_until <= ?4")
                .setParameter(1, now.plus(hold)).setParameter(2, owner).setParameter(3, job).setParameter(4, now)
                .executeUpdate() == 1;
    }
}
