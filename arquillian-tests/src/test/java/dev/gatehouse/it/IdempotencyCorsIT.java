package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 over HTTP: Idempotency-Key (replay, reuse with a different request, in progress, key
 * length, secrets encrypted at rest, concurrent duplicates) and CORS (preflight without a key,
 * allowed and refused origins, exposed headers).
 */
class IdempotencyCorsIT extends GatehouseIT {

    @Test
    void post_repeatedWithSameKey_isReplayedAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String name = "Idem " + System.nanoTime();
        Http.Reply first = http.post("api/v1/workspaces").key(root).header("Idempotency-Key", key)
                .json("{\"name\": \"" + name + "\", \"tier\": \"pro\"}").send();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        int count = workspaceCount();

        // same request, other formatting and key order: still the same request
        Http.Reply again = http.post("api/v1/workspaces").key(root).header("Idempotency-Key", key)
                .json("{ \"tier\":\"pro\",\n \"name\":\"" + name + "\" }").send();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isNotNull().isEqualTo(first.header("Location"));
        assertThat(again.header("Content-Type")).startsWith("application/json");
        assertThat(again.header("X-Request-ID")).isNotEqualTo(first.header("X-Request-ID"));
        assertThat(workspaceCount()).as("no second workspace").isEqualTo(count);

        Http.Reply otherBody = http.post("api/v1/workspaces").key(root).header("Idempotency-Key", key)
                .json("{\"name\": \"" + name + " 2\"}").send();
        assertThat(otherBody.status()).as(otherBody.toString()).isEqualTo(422);
        assertThat(otherBody.error()).isEqualTo("idempotency_key_reused");
        Http.Reply otherPath = http.post("api/v1/api-keys").key(root).header("Idempotency-Key", key)
                .json("{\"name\": \"" + name + "\", \"tier\": \"pro\"}").send();
        assertThat(otherPath.status()).isEqualTo(422);
        assertThat(otherPath.error()).isEqualTo("idempotency_key_reused");
        assertThat(workspaceCount()).isEqualTo(count);
    }

    @Test
    void keys_areScopedToTheCallingKey_andLimitedTo255Characters() {
        long ws = newWorkspace("Idem scope " + System.nanoTime());
        String a = createKey(ws);
        String b = createKey(ws);
        String key = UUID.randomUUID().toString();
        Http.Reply byA = http.post("api/v1/api-keys").key(a).header("Idempotency-Key", key).json("{\"name\": \"from a\", \"scopes\": [\"api-keys:read\"]}").send();
        Http.Reply byB = http.post("api/v1/api-keys").key(b).header("Idempotency-Key", key).json("{\"name\": \"from b\", \"scopes\": [\"api-keys:read\"]}").send();
        assertThat(byA.status()).as(byA.toString()).isEqualTo(201);
        assertThat(byB.status()).as("another key's Idempotency-Key is not ours: " + byB).isEqualTo(201);
        assertThat(byB.header("Idempotent-Replayed")).isNull();

        Http.Reply tooLong = http.post("api/v1/api-keys").key(a).header("Idempotency-Key", "k".repeat(256)).json("{\"name\": \"x\"}").send();
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().getJsonObject("errors").containsKey("Idempotency-Key")).isTrue();
        Http.Reply longest = http.post("api/v1/api-keys").key(a).header("Idempotency-Key", "k".repeat(255)).json("{\"name\": \"x\", \"scopes\": [\"api-keys:read\"]}").send();
        assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
    }

    @Test
    void delete_repeatedWithSameKey_isReplayedInsteadOf404() {
        long ws = newWorkspace("Idem delete " + System.nanoTime());
        long id = http.post("api/v1/api-keys").key(root).workspace(ws).json("{\"name\": \"doomed\"}").send().data()
                .getJsonNumber("id").longValue();
        String key = UUID.randomUUID().toString();
        Http.Reply first = http.delete("api/v1/api-keys/" + id).key(root).workspace(ws).header("Idempotency-Key", key).send();
        Http.Reply again = http.delete("api/v1/api-keys/" + id).key(root).workspace(ws).header("Idempotency-Key", key).send();
        assertThat(first.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(http.delete("api/v1/api-keys/" + id).key(root).workspace(ws).send().status()).as("without the key").isEqualTo(404);
    }

    @Test
    void sameKey_whileFirstStillRuns_is409() throws SQLException {
        long ws = newWorkspace("Idem running " + System.nanoTime());
        String caller = createKey(ws);
        long callerId = http.get("api/v1/me").key(caller).send().data().getJsonObject("key").getJsonNumber("id").longValue();
        String key = UUID.randomUUID().toString();
        // What another instance's claim looks like while its request is still executing.
        try (Connection c = database(); PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_keys"
                + " (key_id, idempotency_key, fingerprint, state, created_at, expires_at) VALUES (?, ?, ?, 'in_progress', ?, ?)")) {
            Instant now = Instant.now();
            s.setLong(1, callerId);
            s.setString(2, key);
            s.setString(3, "0".repeat(64));
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now.plus(1, ChronoUnit.HOURS)));
            s.executeUpdate();
        }
        Http.Reply running = http.post("api/v1/api-keys").key(caller).header("Idempotency-Key", key).json("{\"name\": \"x\"}").send();
        assertThat(running.status()).as(running.toString()).isEqualTo(409);
        assertThat(running.error()).isEqualTo("idempotency_request_in_progress");
    }

    @Test
    void concurrentDuplicates_executeOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "Idem race " + System.nanoTime();
        int before = workspaceCount();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> http.post("api/v1/workspaces").key(root)
                        .header("Idempotency-Key", key).json("{\"name\": \"" + name + "\"}").send(), pool));
            }
            int executed = 0;
            for (CompletableFuture<Http.Reply> f : replies) {
                Http.Reply r = f.get();
                if (r.status() == 201 && r.header("Idempotent-Replayed") == null) {
                    executed++;
                } else if (r.status() == 201) {
                    assertThat(r.header("Idempotent-Replayed")).isEqualTo("true");
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(409);
                    assertThat(r.error()).isEqualTo("idempotency_request_in_progress");
                }
            }
            assertThat(executed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(workspaceCount()).isEqualTo(before + 1);
    }

    @Test
    void storedResponses_holdNoSecretInClear_butReplayIt() throws SQLException {
        long ws = newWorkspace("Idem secret " + System.nanoTime());
        String key = UUID.randomUUID().toString();
        Http.Reply created = http.post("api/v1/api-keys").key(root).workspace(ws).header("Idempotency-Key", key)
                .json("{\"name\": \"secretive\"}").send();
        assertThat(created.status()).isEqualTo(201);
        String secret = created.data().getString("key");
        long id = created.data().getJsonNumber("id").longValue();
        Http.Reply rotated = http.post("api/v1/api-keys/" + id + "/rotate").key(root).workspace(ws)
                .header("Idempotency-Key", key + "-rotate").json("{\"grace_period_hours\": 1}").send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String rotatedSecret = rotated.data().getString("key");

        List<String> bodies = new ArrayList<>();
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "SELECT response_body FROM idempotency_keys WHERE idempotency_key LIKE ?")) {
            s.setString(1, key + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    bodies.add(rs.getString(1));
                }
            }
        }
        assertThat(bodies).hasSize(2).allSatisfy(b -> assertThat(b).startsWith("v1:")
                .doesNotContain(secret).doesNotContain(rotatedSecret).doesNotContain("secretive"));

        Http.Reply replay = http.post("api/v1/api-keys").key(root).workspace(ws).header("Idempotency-Key", key)
                .json("{\"name\": \"secretive\"}").send();
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.data().getString("key")).isEqualTo(secret);
    }

    @Test
    void cors_preflightFromAllowedOrigin_isAnsweredWithoutKey() {
        Http.Reply preflight = http.call("OPTIONS", "api/v1/api-keys").header("Origin", ItEnvironment.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ItEnvironment.ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST", "PATCH", "DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization", "Idempotency-Key", "X-API-Key");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void cors_otherOrigin_getsNoCorsHeaders() {
        Http.Reply preflight = http.call("OPTIONS", "api/v1/api-keys").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").send();
        assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        Http.Reply get = http.get("api/v1/me").key(root).header("Origin", "https://evil.example").send();
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void cors_actualRequestFromAllowedOrigin_exposesGatehouseHeaders() {
        Http.Reply get = http.get("api/v1/me").key(root).header("Origin", ItEnvironment.ALLOWED_ORIGIN).send();
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo(ItEnvironment.ALLOWED_ORIGIN);
        assertThat(get.header("Access-Control-Expose-Headers"))
                .contains("X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Idempotent-Replayed");
        Http.Reply unauthorized = http.get("api/v1/me").header("Origin", ItEnvironment.ALLOWED_ORIGIN).send();
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).as("errors are readable too").isEqualTo(ItEnvironment.ALLOWED_ORIGIN);
    }

    private String createKey(long ws) {
        Http.Reply r = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"idem\", \"scopes\": [\"api-keys:read\", \"api-keys:write\"]}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getString("key");
    }

    private int workspaceCount() {
        JsonObject meta = http.get("api/v1/workspaces?per_page=1").key(root).send().json().getJsonObject("meta");
        return meta.getInt("total");
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(ItEnvironment.jdbcUrl(), ItEnvironment.isPostgres() ? "postgres" : "sa", "");
    }
}
