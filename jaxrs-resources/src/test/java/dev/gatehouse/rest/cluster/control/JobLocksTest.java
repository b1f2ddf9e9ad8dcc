package dev.gatehouse.rest.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.rest.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Leases on named jobs (H2): one holder until the lease runs out, at instants given by the test. */
class JobLocksTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(10);
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static boolean acquire(String job, String owner, Instant now) {
        return db.inTransaction(em -> new JobLocks(em).tryAcquire(job, owner, now, HOLD));
    }

    @Test
    void tryAcquire_free_isWon() {
        assertThat(acquire("first-use", "a", T0)).isTrue();
    }

    @Test
    void tryAcquire_heldByAnother_isRefusedUntilTheLeaseRunsOut() {
        acquire("held", "a", T0);

        assertThat(acquire("held", "b", T0.plusSeconds(1))).isFalse();
        assertThat(acquire("held", "b", T0.plus(HOLD).minusMillis(1))).isFalse();
        assertThat(acquire("held", "b", T0.plus(HOLD))).isTrue();
    }

    @Test
    void tryAcquire_sameInstant_onlyOneOfTwoWins() {
        boolean a = acquire("race", "a", T0);
        boolean b = acquire("race", "b", T0);

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void tryAcquire_otherJob_isIndependent() {
        acquire("job-one", "a", T0);

        assertThat(acquire("job-two", "b", T0)).isTrue();
    }
}
