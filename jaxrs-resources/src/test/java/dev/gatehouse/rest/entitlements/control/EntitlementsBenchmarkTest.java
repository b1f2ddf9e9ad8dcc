package dev.gatehouse.rest.entitlements.control;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.entitlements.Concurrently;
import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.GroupCommit;
import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimiter;
import dev.gatehouse.entitlements.UsageStore;
import dev.gatehouse.entitlements.UsageTransactions;
import dev.gatehouse.rest.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements for BENCHMARKS.md, not assertions: run only with {@code -Dgatehouse.bench=true}.
 *
 * <pre>
 * mvn -q -B -o -pl jaxrs-resources -am verify -Dgatehouse.bench=true \
 *     -Dtest=EntitlementsBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * A simple harness (warm-up, then a timed loop, best of several rounds) rather than JMH: the
 * figures it prints are far from the goals, so JMH's finer control would not change a conclusion.
 */
@EnabledIfSystemProperty(named = "gatehouse.bench", matches = "true")
class EntitlementsBenchmarkTest {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("gatehouse.bench.seconds", 10));

    @Test
    void rateLimitCheck_inProcess() throws Exception {
        RateLimiter limiter = RateLimiter.builder().catalog(PlanCatalog.defaults()).clock(Clock.systemUTC()).build();
        String[] keys = new String[1_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Integer.toString(i);
        }
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            int n = 5_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                RateLimitDecision d = limiter.tryConsume(keys[i % keys.length], "enterprise");
                sink += d.remaining();
            }
            double nsPerOp = (System.nanoTime() - start) / (double) n;
            if (round > 0) { // round 0 is warm-up
                best = Math.min(best, nsPerOp);
            }
        }
        System.out.printf(Locale.ROOT, "BENCH rate-limit tryConsume, 1 thread, 1,000 keys: %.0f ns/op (sink %d)%n", best, sink);

        int threads = Runtime.getRuntime().availableProcessors();
        List<Long> counts = Concurrently.run(threads, t -> () -> {
            long done = 0;
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1_000; i++) {
                    limiter.tryConsume(keys[(i * 7 + t) % keys.length], "enterprise");
                }
                done += 1_000;
            }
            return done;
        });
        long total = counts.stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "BENCH rate-limit tryConsume, %d threads: %.0f ns/op per thread, %,d ops/s total%n",
                threads, 5e9 * threads / total, total / 5);
    }

    /**
     * The transaction-per-recording path and group commit side by side in one run (same database,
     * same JVM, alternating), 32 clients: throughput and each call's latency (p50/p99).
     */
    @Test
    void usageRecording_onPostgres_32Clients() throws Exception {
        String unavailable = TestDatabase.postgresUnavailableReason();
        assumeTrue(unavailable == null, unavailable);
        try (TestDatabase db = TestDatabase.postgres()) {
            for (long id = 1; id <= 32; id++) {
                db.workspace(id, "pro");
            }
            for (boolean grouped : new boolean[] {false, true, false, true}) {
                measure(db, grouped, "32 workspaces (one per client), no event id", t -> t + 1, false);
            }
            measure(db, false, "32 workspaces, each with a new event_id", t -> t + 1, true);
            measure(db, true, "32 workspaces, each with a new event_id", t -> t + 1, true);
            measure(db, false, "1 workspace shared by all 32 clients (one hot counter row)", t -> 1, false);
            measure(db, true, "1 workspace shared by all 32 clients (one hot counter row)", t -> 1, false);
        }
    }

    private static void measure(TestDatabase db, boolean grouped, String label,
                                java.util.function.IntUnaryOperator workspaceOf, boolean eventIds) throws Exception {
        Clock clock = Clock.systemUTC();
        // As in the WAR: one facade (a singleton there) over the store of the current transaction,
        // with the override cache the WAR configures; outside a transaction a call gets its own.
        ThreadLocal<JpaUsageStore> current = new ThreadLocal<>();
        UsageStore perCall = db.perCallTransactions(UsageStore.class, em -> new JpaUsageStore(em, clock));
        UsageStore joined = (UsageStore) java.lang.reflect.Proxy.newProxyInstance(UsageStore.class.getClassLoader(),
                new Class<?>[] {UsageStore.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(current.get() != null ? current.get() : perCall, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Entitlements entitlements = Entitlements.builder().store(joined).clock(clock)
                .overrideCacheTtl(java.time.Duration.ofSeconds(30)).build();
        java.util.concurrent.atomic.LongAdder txCount = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder txNanos = new java.util.concurrent.atomic.LongAdder();
        UsageTransactions transactions = new UsageTransactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                long t0 = System.nanoTime();
                try {
                    return inTx(work);
                } finally {
                    txCount.increment();
                    txNanos.add(System.nanoTime() - t0);
                }
            }

            private <T> T inTx(java.util.function.Supplier<T> work) {
                return db.inTransaction(em -> {
                    current.set(new JpaUsageStore(em, clock));
                    try {
                        return work.get();
                    } finally {
                        current.remove();
                    }
                });
            }
        };
        GroupCommit recorder = grouped ? GroupCommit.builder(entitlements).transactions(transactions).build() : null;
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
        List<long[]> samples = Concurrently.run(32, t -> () -> {
            long[] nanos = new long[1 << 20];
            int done = 0;
            long workspace = workspaceOf.applyAsInt(t);
            while (System.nanoTime() < end && done < nanos.length) {
                String eventId = eventIds ? "evt_" + t + "_" + done + "_" + start : null;
                long t0 = System.nanoTime();
                if (recorder != null) {
                    recorder.record(workspace, "pro", "api_calls", 1, eventId, null);
                } else {
                    transactions.inTransaction(() -> entitlements.record(workspace, "pro", "api_calls", 1, eventId, null));
                }
                nanos[done++] = System.nanoTime() - t0;
            }
            return java.util.Arrays.copyOf(nanos, done);
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (recorder != null) {
            recorder.close();
        }
        long[] all = samples.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "BENCH usage recording on PostgreSQL, 32 clients, %-14s %s: %,d in %.1f s = %,.0f/s,"
                        + " p50 %.2f ms, p99 %.2f ms; %,d transactions of %.1f recordings, %.2f ms each%n",
                grouped ? "group commit," : "tx per call,", label, all.length, seconds,
                all.length / seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                txCount.sum(), all.length / (double) txCount.sum(), txNanos.sum() / 1e6 / txCount.sum());
    }
}
