package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.rest.keys.control.JpaApiKeyStore;
import dev.gatehouse.rest.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two instances bootstrapping on one empty PostgreSQL database at once, interleaved by hand: the
 * second looks for a root key only after the first committed its own, so one key is created.
 */
class RootKeyLockTest {

    private static boolean bootstrap(EntityManager em, Runnable beforeCommit) {
        RootKeyLock.acquire(em, true);
        boolean found = new JpaApiKeyStore(em, Clock.systemUTC()).existsRootKey();
        if (!found) {
            em.createNativeQuery("INSERT INTO api_keys (key_type, name, display_prefix, key_hash, scopes, created_at,"
                    + " updated_at) VALUES ('ROOT', 'root', 'gh_root_abcd', ?1, '*', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                    .setParameter(1, Long.toHexString(System.nanoTime()) + "0".repeat(48)).executeUpdate();
        }
        beforeCommit.run();
        return found;
    }

    private static long count(TestDatabase db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void acquire_twoInstancesAtOnce_theSecondFindsTheFirstsKey() throws Exception {
        String unavailable = TestDatabase.postgresUnavailableReason();
        assumeTrue(unavailable == null, unavailable);
        try (TestDatabase db = TestDatabase.postgres()) {
            CountDownLatch firstInserted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> db.inTransaction(em -> bootstrap(em, () -> {
                firstInserted.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })));
            assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> db.inTransaction(em -> bootstrap(em, () -> { })));

            // The second must be waiting for the lock before the first commits.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0) {
                assertThat(System.nanoTime()).as("the second bootstrap never waited for the lock").isLessThan(deadline);
                assertThat(second.isDone()).as("the second bootstrap ran without waiting").isFalse();
                Thread.sleep(10); // the pause between two polls, not a wait for time to pass
            }
            release.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).as("first found a key").isFalse();
            assertThat(second.get(30, TimeUnit.SECONDS)).as("second found a key").isTrue();
            assertThat(count(db, "SELECT count(*) FROM api_keys WHERE key_type = 'ROOT'")).isEqualTo(1);
        }
    }
}
