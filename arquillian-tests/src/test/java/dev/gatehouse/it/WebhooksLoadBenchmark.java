package dev.gatehouse.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load harness for webhook delivery, not a test: it asserts nothing about speed (DESIGN.md) and
 * only runs when named ({@code -Dit.test=WebhooksLoadBenchmark}), in the PostgreSQL run. It starts
 * {@code gatehouse.jar} on a fresh PostgreSQL database, registers {@code bench.endpoints} endpoints
 * on a local receiver in this JVM and publishes through {@code POST /api/v1/events}:
 * <ol>
 *   <li>delivery alone: {@code bench.events} events published on a server without delivery
 *       workers, then a server with workers started on the same database, timed from its first to
 *       its last delivery;</li>
 *   <li>end to end: {@code bench.events} events as fast as {@code bench.publishers} clients can,
 *       publishing and delivering at the same time;</li>
 *   <li>paced: events at a fixed rate that makes {@code bench.rate} deliveries per second, to
 *       measure event-to-first-attempt latency at that load (from sending the publish request to
 *       the receiver reading the delivery).</li>
 * </ol>
 * Figures are printed and written to {@code target/benchmarks/webhooks.txt}. Extra JVM options for
 * the server (a JFR recording, say) go in {@code bench.jvm}.
 */
@EnabledIfSystemProperty(named = "gatehouse.it.db", matches = "postgres")
class WebhooksLoadBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 2000);
    private static final int ENDPOINTS = Integer.getInteger("bench.endpoints", 10);
    private static final int PUBLISHERS = Integer.getInteger("bench.publishers", 8);
    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final String CONCURRENCY = System.getProperty("bench.concurrency", "32");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();

    @Test
    void deliveriesPerSecond_andEventToFirstAttemptLatency() throws Exception {
        String db = GatehouseProcess.freshPostgres("bench");
        String root = TestKeys.newRootKey();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> properties = new ArrayList<>(List.of("-Xmx1g",
                "-Dgatehouse.secrets.key=" + Base64.getEncoder().encodeToString(key),
                "-Dgatehouse.webhooks.concurrency=" + CONCURRENCY));
        String jvm = System.getProperty("bench.jvm", "").trim(); // e.g. -XX:StartFlightRecording=filename=/tmp/wh.jfr
        if (!jvm.isEmpty()) {
            properties.addAll(List.of(jvm.split("\\s+")));
        }
        List<String> publishOnly = new ArrayList<>(properties);
        publishOnly.add("-Dgatehouse.webhooks.workers=false");
        StringBuilder report = new StringBuilder();
        try (Receiver receiver = Receiver.start()) {
            // 1. Delivery alone: fill the outbox through the API on a server without workers, then
            //    start one with workers and time how fast it empties.
            long workspace;
            URI events;
            try (GatehouseProcess publisher = GatehouseProcess.start("bench-publisher", db, root, publishOnly)) {
                workspace = publisher.http.post("api/v1/workspaces").key(root).json("{\"name\": \"Bench\"}").send()
                        .data().getJsonNumber("id").longValue();
                for (int i = 0; i < ENDPOINTS; i++) {
                    publisher.http.post("api/v1/webhooks").key(root).workspace(workspace)
                            .json("{\"url\": \"" + receiver.url("/bench") + "?e=" + i + "\", \"events\": [\"bench.*\"]}")
                            .send();
                }
                events = publisher.base.resolve("api/v1/events");
                long start = System.nanoTime();
                burst(publisher.base.resolve("api/v1/events"), root, workspace, "queued", EVENTS);
                double seconds = (System.nanoTime() - start) / 1e9;
                report.append(String.format(Locale.ROOT, "publishing alone (no workers): %d events accepted in %.2f s"
                        + " = %.0f events/s by %d clients%n", EVENTS, seconds, EVENTS / seconds, PUBLISHERS));
            }
            try (GatehouseProcess server = GatehouseProcess.start("bench", db, root, properties)) {
                receiver.await("/bench", EVENTS * ENDPOINTS, Duration.ofMinutes(10));
                List<Long> receipts = receiver.received("/bench").stream().map(Receiver.Request::receivedAtNanos).sorted()
                        .toList();
                double drainSeconds = (receipts.get(receipts.size() - 1) - receipts.get(0)) / 1e9;
                report.append(String.format(Locale.ROOT, "delivery alone: %d queued signed deliveries sent in %.2f s"
                        + " = %.0f deliveries/s (first to last receipt; includes the JIT warming up)%n",
                        receipts.size(), drainSeconds, receipts.size() / drainSeconds));

                // 2. End to end: publishing through the API and delivering at the same time.
                events = server.base.resolve("api/v1/events");
                burst(events, root, workspace, "warm", 300);
                receiver.await("/bench", (EVENTS + 300) * ENDPOINTS, Duration.ofMinutes(5));
                int before = receiver.received("/bench").size();
                long start = System.nanoTime();
                burst(events, root, workspace, "burst", EVENTS);
                double publishSeconds = (System.nanoTime() - start) / 1e9;
                receiver.await("/bench", before + EVENTS * ENDPOINTS, Duration.ofMinutes(10));
                double burstSeconds = (lastReceipt(receiver) - start) / 1e9;
                report.append(String.format(Locale.ROOT, "end to end: %d events x %d endpoints = %d signed deliveries in"
                        + " %.2f s = %.0f deliveries/s, publishing through the API at the same time (%d events accepted in"
                        + " %.2f s = %.0f events/s)%n", EVENTS, ENDPOINTS, EVENTS * ENDPOINTS, burstSeconds,
                        EVENTS * ENDPOINTS / burstSeconds, EVENTS, publishSeconds, EVENTS / publishSeconds));
                report.append("end-to-end latency (publish request -> receiver): ").append(percentiles(receiver, "burst"))
                        .append('\n');

                // 3. Paced: a fixed offered rate, latency from publish request to first attempt.
                int eventsPerSecond = Math.max(1, RATE / ENDPOINTS);
                int paced = eventsPerSecond * SECONDS;
                before = receiver.received("/bench").size();
                paced(events, root, workspace, eventsPerSecond, paced);
                receiver.await("/bench", before + paced * ENDPOINTS, Duration.ofMinutes(10));
                report.append(String.format(Locale.ROOT, "paced: %d events/s x %d endpoints = %d deliveries/s offered"
                        + " for %d s%n", eventsPerSecond, ENDPOINTS, eventsPerSecond * ENDPOINTS, SECONDS));
                report.append("paced event-to-first-attempt latency: ").append(percentiles(receiver, "paced")).append('\n');
            }
        }
        System.out.println("[webhooks-benchmark]\n" + report);
        Path out = Path.of(System.getProperty("gatehouse.it.workdir", "target"), "benchmarks", "webhooks.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private void burst(URI events, String root, long workspace, String tag, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    publish(events, root, workspace, "evt_" + tag + "_" + i).join();
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private void paced(URI events, String root, long workspace, int perSecond, int count) throws Exception {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        List<CompletableFuture<Void>> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> finished = new CompletableFuture<>();
        long periodMicros = 1_000_000L / perSecond;
        ticker.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i >= count) {
                finished.complete(null);
                return;
            }
            calls.add(publish(events, root, workspace, "evt_paced_" + i));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        finished.get(10, TimeUnit.MINUTES);
        ticker.shutdownNow();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    private CompletableFuture<Void> publish(URI events, String root, long workspace, String id) {
        HttpRequest request = HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer " + root).header("X-Workspace-ID", Long.toString(workspace))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"bench.tick\", \"id\": \"" + id
                        + "\", \"data\": {\"id\": \"" + id + "\", \"amount\": 4200, \"currency\": \"eur\"}}"))
                .build();
        publishedAt.put(id, System.nanoTime());
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
            if (r.statusCode() != 202) {
                throw new IllegalStateException("publish " + id + " answered " + r.statusCode());
            }
        });
    }

    private String percentiles(Receiver receiver, String tag) {
        List<Long> millis = new ArrayList<>();
        for (Receiver.Request r : receiver.received("/bench")) {
            Long at = r.webhookId() != null && r.webhookId().startsWith("evt_" + tag + "_") ? publishedAt.get(r.webhookId()) : null;
            if (at != null) {
                millis.add(TimeUnit.NANOSECONDS.toMillis(r.receivedAtNanos() - at));
            }
        }
        millis.sort(null);
        if (millis.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms", millis.size(),
                millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.9)),
                millis.get((int) (millis.size() * 0.99)), millis.get(millis.size() - 1));
    }

    private static long lastReceipt(Receiver receiver) {
        return receiver.received("/bench").stream().mapToLong(Receiver.Request::receivedAtNanos).max().orElseThrow();
    }
}
