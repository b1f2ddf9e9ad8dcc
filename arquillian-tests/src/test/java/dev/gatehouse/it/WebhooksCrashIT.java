package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durability of delivery with real server processes on PostgreSQL (the PostgreSQL run only): a
 * server killed with SIGKILL while sends are in flight loses nothing once it is started again,
 * and two servers sharing one database never send the same attempt twice. No deployment; each test
 * starts {@code gatehouse.jar} itself on a fresh database.
 */
@EnabledIfSystemProperty(named = "gatehouse.it.db", matches = "postgres")
@ExtendWith(DatabaseAvailable.class)
class WebhooksCrashIT {

    private static final Duration DELIVERED = Duration.ofMinutes(4);

    /** 2 s per attempt makes a 34 s lease (2 × timeout + 30 s): the wait for sends cut off by the kill. */
    private static final List<String> FAST = List.of("-Dgatehouse.webhooks.attempt-timeout=2s",
            "-Dgatehouse.webhooks.retry-schedule=0s,1s,1s,1s,1s,1s", "-Dgatehouse.webhooks.retry-jitter=0");

    @Test
    void killedWhileSending_everyEventArrivesAtLeastOnce_afterARestart() {
        int events = 150;
        String db = GatehouseProcess.freshPostgres("crash");
        String root = TestKeys.newRootKey();
        try (Receiver receiver = Receiver.start()) {
            receiver.on("/slow", (request, n) -> Receiver.Answer.ok().after(Duration.ofMillis(1500)));
            long endpoint;
            long workspace;
            try (GatehouseProcess first = GatehouseProcess.start("crash-1", db, root, FAST)) {
                workspace = workspace(first, root);
                endpoint = endpoint(first, root, workspace, receiver.url("/slow"));
                for (int i = 0; i < events; i++) {
                    Http.Reply r = first.http.post("api/v1/events").key(root).workspace(workspace)
                            .json("{\"type\": \"order.paid\", \"data\": {\"n\": " + i + "}, \"id\": \"evt_crash_" + i + "\"}").send();
                    assertThat(r.status()).as(r.toString()).isEqualTo(202);
                }
                receiver.await("/slow", 20, DELIVERED);
                first.kill();
            }
            int beforeRestart = receiver.received("/slow").size();
            assertThat(beforeRestart).as("killed mid-flight").isLessThan(events);

            try (GatehouseProcess second = GatehouseProcess.start("crash-2", db, root, FAST)) {
                Eventually.until(DELIVERED, () -> distinctIds(receiver.received("/slow")).size(), n -> n == events);
                long succeeded = Eventually.until(DELIVERED, () -> second.http.get("api/v1/webhooks/" + endpoint
                                + "/deliveries?status=success&per_page=1").key(root).workspace(workspace).send()
                        .json().getJsonObject("meta").getJsonNumber("total").longValue(), n -> n == events);
                assertThat(succeeded).isEqualTo(events);
            }
            Set<String> ids = distinctIds(receiver.received("/slow"));
            for (int i = 0; i < events; i++) {
                assertThat(ids).contains("evt_crash_" + i);
            }
            System.out.println("[webhooks-crash] " + events + " events, " + beforeRestart + " received before the kill, "
                    + (receiver.received("/slow").size() - events) + " delivered twice (at least once, by design)");
        }
    }

    @Test
    void twoServersOnOneDatabase_neverSendTheSameAttemptTwice() throws SQLException {
        int events = 300;
        String db = GatehouseProcess.freshPostgres("pair");
        String root = TestKeys.newRootKey();
        List<String> properties = new java.util.ArrayList<>(FAST);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        properties.add("-Dgatehouse.secrets.key=" + java.util.Base64.getEncoder().encodeToString(key));
        try (Receiver receiver = Receiver.start();
             GatehouseProcess one = GatehouseProcess.start("pair-1", db, root, properties);
             GatehouseProcess two = GatehouseProcess.start("pair-2", db, root, properties)) {
            // Every event's first attempt fails and its second succeeds: each id must arrive exactly twice.
            Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
            receiver.on("/pair", (request, n) -> seen.merge(request.webhookId(), 1, Integer::sum) == 1
                    ? Receiver.Answer.status(500) : Receiver.Answer.ok());
            long workspace = workspace(one, root);
            endpoint(one, root, workspace, receiver.url("/pair"));
            for (int i = 0; i < events; i++) {
                GatehouseProcess via = i % 2 == 0 ? one : two;
                Http.Reply r = via.http.post("api/v1/events").key(root).workspace(workspace)
                        .json("{\"type\": \"order.paid\", \"data\": {\"n\": " + i + "}}").send();
                assertThat(r.status()).as(r.toString()).isEqualTo(202);
            }
            List<Receiver.Request> got = receiver.await("/pair", 2 * events, DELIVERED);
            Map<String, Long> perId = got.stream().collect(Collectors.groupingBy(Receiver.Request::webhookId,
                    Collectors.counting()));
            assertThat(perId).hasSize(events);
            assertThat(perId.values()).as("requests per webhook-id").containsOnly(2L);
            try (Connection c = DriverManager.getConnection(db, System.getProperty("gatehouse.it.pg.user", "postgres"),
                    System.getProperty("gatehouse.it.pg.password", ""));
                 Statement s = c.createStatement()) {
                Eventually.until(DELIVERED, () -> count(s, "SELECT count(*) FROM webhook_deliveries WHERE status = 'success'"),
                        n -> n == events);
                assertThat(count(s, "SELECT count(*) FROM (SELECT delivery_id, attempt_number FROM webhook_attempts"
                        + " GROUP BY delivery_id, attempt_number HAVING count(*) > 1) d")).isZero();
                assertThat(count(s, "SELECT count(*) FROM webhook_attempts")).isEqualTo(2L * events);
            }
            assertThat(receiver.received("/pair")).hasSize(2 * events);
        }
    }

    private static long workspace(GatehouseProcess server, String root) {
        Http.Reply r = server.http.post("api/v1/workspaces").key(root).json("{\"name\": \"Crash " + System.nanoTime() + "\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getJsonNumber("id").longValue();
    }

    private static long endpoint(GatehouseProcess server, String root, long workspace, String url) {
        Http.Reply r = server.http.post("api/v1/webhooks").key(root).workspace(workspace)
                .json("{\"url\": \"" + url + "\", \"events\": [\"order.*\"]}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonObject data = r.data();
        return data.getJsonNumber("id").longValue();
    }

    private static Set<String> distinctIds(List<Receiver.Request> requests) {
        return requests.stream().map(Receiver.Request::webhookId).collect(Collectors.toSet());
    }

    private static long count(Statement s, String sql) {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
