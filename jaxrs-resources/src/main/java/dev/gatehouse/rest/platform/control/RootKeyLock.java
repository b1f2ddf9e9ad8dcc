package dev.gatehouse.rest.platform.control;

import jakarta.persistence.EntityManager;

/**
 * Serialises root-key bootstrap between instances starting at once on one PostgreSQL database: a
 * transaction-scoped advisory lock taken before looking for a root key, so the second instance
 * waits for the first to commit its key and then finds it, instead of creating and printing a
 * second one. H2 is one instance (its file is locked by the process that opened it): nothing to do.
 */
public final class RootKeyLock {

    /** An arbitrary constant naming the bootstrap lock among the database's advisory locks ("GHROOT"). */
    static final long LOCK_ID = 0x474852_4f4f54L;

    private RootKeyLock() {
    }

    /**
     * Takes the lock for the rest of the caller's transaction, waiting for another instance holding it.
     *
     * @param em an entity manager joined to the transaction that looks for and creates the root key
     * @param postgres whether the database is PostgreSQL
     */
    public static void acquire(EntityManager em, boolean postgres) {
        if (postgres) {
            em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1) AS VARCHAR)").setParameter(1, LOCK_ID)
                    .getSingleResult();
        }
    }
}
