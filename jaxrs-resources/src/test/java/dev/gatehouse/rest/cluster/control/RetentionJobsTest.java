package dev.gatehouse.rest.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.InMemoryUsageStore;
import dev.gatehouse.rest.idempotency.control.IdempotencyStore;
import dev.gatehouse.rest.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances' retention jobs on one database (H2 leases) at fixed instants: each job runs on
 * one of them per interval, with cutoffs computed from the clock.
 */
class RetentionJobsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static TestDatabase db;

    private final List<String> calls = new ArrayList<>();

    @BeforeAll
    static void open() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void noLeases() {
        db.sql("DELETE FROM job_locks");
    }

    private RetentionJobs instance(String owner) {
        RetentionJobs jobs = new RetentionJobs();
        jobs.locks = new JobLocks() {
            @Override
            public boolean tryAcquire(String job, String ignored, Instant now, Duration hold) {
                return db.inTransaction(em -> new JobLocks(em).tryAcquire(job, owner, now, hold));
            }
        };
        jobs.retention = new RetentionStore() {
            @Override
            public int deleteAuditEventsBefore(Instant cutoff) {
                calls.add(owner + " audit before " + cutoff);
                return 1;
            }

            @Override
            public int deleteExpiredBuckets(Instant now) {
                calls.add(owner + " buckets at " + now);
                return 2;
            }
        };
        jobs.idempotency = new IdempotencyStore() {
            @Override
            public int purgeExpired(Instant now) {
                calls.add(owner + " idempotency at " + now);
                return 3;
            }
        };
        jobs.entitlements = Entitlements.builder().store(new InMemoryUsageStore()).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
        jobs.interval = Duration.ofMinutes(10);
        jobs.auditRetention = Duration.ofDays(365);
        return jobs;
    }

    private static Map<String, Integer> runAt(RetentionJobs jobs, Instant now) {
        jobs.clock = Clock.fixed(now, ZoneOffset.UTC);
        return jobs.runDue();
    }

    @Test
    void runDue_twoInstancesAtOnce_eachJobRunsOnOne() {
        RetentionJobs a = instance("a");
        RetentionJobs b = instance("b");

        Map<String, Integer> ranOnA = runAt(a, T0);
        Map<String, Integer> ranOnB = runAt(b, T0.plusSeconds(30));

        assertThat(ranOnA).containsOnlyKeys("retention.audit", "retention.usage-events", "retention.rate-limit-buckets",
                "retention.idempotency");
        assertThat(ranOnA).containsEntry("retention.rate-limit-buckets", 2).containsEntry("retention.idempotency", 3);
        assertThat(ranOnB).isEmpty();
        assertThat(calls).containsExactly("a audit before " + T0.minus(Duration.ofDays(365)), "a buckets at " + T0,
                "a idempotency at " + T0);
    }

    @Test
    void runDue_nextInterval_runsAgainOnWhicheverInstanceComesFirst() {
        RetentionJobs a = instance("a");
        RetentionJobs b = instance("b");
        Instant start = T0.plus(Duration.ofDays(1));
        runAt(a, start);

        Map<String, Integer> ranOnB = runAt(b, start.plus(Duration.ofMinutes(10)));
        Map<String, Integer> ranOnA = runAt(a, start.plus(Duration.ofMinutes(10)));

        assertThat(ranOnB).hasSize(4);
        assertThat(ranOnA).isEmpty();
    }

    @Test
    void runDue_auditKeptForever_skipsTheAuditJob() {
        RetentionJobs a = instance("a");
        a.auditRetention = null;

        Map<String, Integer> ran = runAt(a, T0.plus(Duration.ofDays(2)));

        assertThat(ran).doesNotContainKey("retention.audit").hasSize(3);
    }
}
