package dev.gatehouse.rest.webhooks.control;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.commit.GroupCommitter;
import dev.gatehouse.commit.NewTransactions;
import dev.gatehouse.entitlements.Concurrently;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.webhooks.PublishRequest;
import dev.gatehouse.webhooks.PublishResult;
import dev.gatehouse.webhooks.Webhooks;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements for BENCHMARKS.md, not assertions: run only with {@code -Dgatehouse.bench=true}.
 * Publishing on PostgreSQL by 32 clients, as {@code POST /events} does it below HTTP — a transaction
 * per publish (main) and the group commit ({@link EventBatches}) — alternating in one run, so their
 * ratio holds on a loaded machine. No delivery workers run.
 *
 * <pre>
 * mvn -q -B -o -pl jaxrs-resources -am verify -Dgatehouse.bench=true \
 *     -Dtest=PublishBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "gatehouse.bench", matches = "true")
class PublishBenchmarkTest {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("gatehouse.bench.seconds", 8));

    @Test
    void publish_onPostgres_32Clients() throws Exception {
        String unavailable = TestDatabase.postgresUnavailableReason();
        assumeTrue(unavailable == null, unavailable);
        try (TestDatabase db = TestDatabase.postgres()) {
            db.workspace(1, "pro");
            PublishingWiring wiring = new PublishingWiring(db);
            Webhooks webhooks = wiring.webhooks;
            NewTransactions transactions = wiring.transactions;
            LongAdder txCount = wiring.transactionCount;
            webhooks.createEndpoint(1, "http://127.0.0.1:9/hook", List.of("*"), null, null);
            for (boolean grouped : new boolean[] {false, true, false, true, false, true}) {
                txCount.reset();
                GroupCommitter<PublishRequest, PublishResult> committer = grouped
                        ? GroupCommitter.builder("bench-publish", webhooks::publishAll).transactions(transactions).build()
                        : null;
                long start = System.nanoTime();
                long end = start + RUN.toNanos();
                List<long[]> samples = Concurrently.run(32, t -> () -> {
                    long[] nanos = new long[1 << 20];
                    int done = 0;
                    while (System.nanoTime() < end && done < nanos.length) {
                        PublishRequest p = new PublishRequest(1, "order.created", "{\"n\":" + done + "}", null);
                        long t0 = System.nanoTime();
                        if (committer != null) {
                            committer.submit(p);
                        } else {
                            transactions.inTransaction(() -> webhooks.publishAll(List.of(p)));
                        }
                        nanos[done++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(nanos, done);
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                if (committer != null) {
                    committer.close();
                }
                long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                System.out.printf(Locale.ROOT, "BENCH publish on PostgreSQL, 32 clients, 1 endpoint, %-14s %,d in %.1f s"
                                + " = %,.0f/s, p50 %.2f ms, p99 %.2f ms; %,d transactions of %.1f publishes%n",
                        grouped ? "group commit:" : "tx per call:", all.length, seconds, all.length / seconds,
                        all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, txCount.sum(),
                        all.length / (double) txCount.sum());
            }
        }
    }
}
