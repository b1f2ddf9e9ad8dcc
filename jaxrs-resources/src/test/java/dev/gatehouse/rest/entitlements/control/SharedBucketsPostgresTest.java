package dev.gatehouse.rest.entitlements.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimiter;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.rest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared rate limit on the real PostgreSQL proxy manager ({@link EntitlementsProducers#postgresBuckets})
 * when many first requests of one key arrive at once, and when the key's row is deleted (as the
 * retention job does) while its proxy is cached: every request gets a decision, none an exception,
 * and exactly one token is taken per allowed request. Skipped when no PostgreSQL is reachable, a
 * failure then with {@code CI=true}.
 */
class SharedBucketsPostgresTest {

    private static final int THREADS = 24;
    private static final int ROUNDS = 40;
    /** The free tier: 60 per minute, no burst; the clock stands still, so nothing refills. */
    private static final String TIER = "free";

    private static final TestDatabases DATABASES = new TestDatabases();

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private ExecutorService pool;
    private RateLimiter first;
    private RateLimiter second;

    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = DATABASES.postgres();
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    @BeforeEach
    void limiters() {
        pool = Executors.newFixedThreadPool(THREADS);
        // Two instances on one database, each with its own proxy manager as the producer builds it.
        first = limiter();
        second = limiter();
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manyFirstRequestsOfFreshKeysAtOnce_allAnsweredAndCountedOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "fresh-" + round;
            List<RateLimitDecision> decisions = atOnce(t -> () -> (t % 2 == 0 ? first : second).tryConsume(key, TIER, 1));

            assertThat(decisions).as("round %d", round).allMatch(RateLimitDecision::allowed);
            RateLimitDecision next = first.tryConsume(key, TIER, 1);
            assertThat(next.remaining()).as("round %d", round).isEqualTo(next.limit() - THREADS - 1);
        }
    }

    @Test
    void rowDeletedWhileProxiesAreCached_nextRequestsAtOnceStartAFullBucket() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "retained-" + round;
            assertThat(first.tryConsume(key, TIER, 1).allowed()).isTrue();
            assertThat(second.tryConsume(key, TIER, 1).allowed()).isTrue();
            // What RetentionStore.deleteExpiredBuckets does to an idle bucket.
            db.sql("DELETE FROM rate_limit_buckets WHERE id = 'k:" + key + "'");

            List<RateLimitDecision> decisions = atOnce(t -> () -> (t % 2 == 0 ? first : second).tryConsume(key, TIER, 1));

            assertThat(decisions).as("round %d", round).allMatch(RateLimitDecision::allowed);
            RateLimitDecision next = second.tryConsume(key, TIER, 1);
            assertThat(next.remaining()).as("round %d", round).isEqualTo(next.limit() - THREADS - 1);
        }
    }

    @Test
    void moreRequestsAtOnceThanTheLimit_exactlyTheLimitAllowed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "crowded-" + round;
            List<RateLimitDecision> decisions = new ArrayList<>();
            for (int wave = 0; wave < 3; wave++) {
                decisions.addAll(atOnce(t -> () -> (t % 2 == 0 ? first : second).tryConsume(key, TIER, 1)));
            }
            long limit = decisions.get(0).limit();
            assertThat(decisions).hasSize(3 * THREADS);
            assertThat(decisions.stream().filter(RateLimitDecision::allowed).count()).as("round %d", round)
                    .isEqualTo(Math.min(limit, 3L * THREADS));
        }
    }

    @Test
    void migrations_keepBucketsInAnUnloggedTable_soTakingATokenWaitsForNoWalFlush() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT relpersistence FROM pg_class WHERE relname = 'rate_limit_buckets'")) {
            assertThat(r.next()).as("rate_limit_buckets exists").isTrue();
            assertThat(r.getString(1)).as("db/vendor/postgresql/V39 applied: 'u' is unlogged").isEqualTo("u");
        }
        assertThat(first.tryConsume("unlogged", TIER, 1).allowed()).isTrue();
    }

    private RateLimiter limiter() {
        EntitlementsProducers producers = new EntitlementsProducers();
        producers.dataSource = db.dataSource();
        return RateLimiter.builder().catalog(PlanCatalog.defaults()).clock(clock)
                .shared(producers.postgresBuckets(clock)).build();
    }

    /** Runs one task per thread, all released together; an exception in any fails the test. */
    private <T> List<T> atOnce(IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Callable<T> work = task.apply(t);
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return work.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }
}
