package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile and malformed input against {@code gatehouse.jar} started with the shipped defaults (only
 * the database and the root key are set), on H2 and on PostgreSQL: whatever layer refuses a
 * request, the answer is never a 5xx and is JSON in the documented error shape with an
 * {@code X-Request-ID}. {@link MalformedInputSweep} runs every operation of the served OpenAPI
 * document, so endpoints added later are covered without a change here; the other tests pin the
 * answers to the cases issue 11 names, and the few refusals Payara's HTTP parser makes before any
 * application code runs (README, "Limits").
 */
@ExtendWith(DatabaseAvailable.class)
class HostileInputIT {

    private static GatehouseProcess server;
    private static RawHttp raw;
    private static String root;
    private static long workspace;

    @BeforeAll
    static void start() {
        root = TestKeys.newRootKey();
        String db = ItEnvironment.isPostgres() ? GatehouseProcess.freshPostgres("hostile") : null;
        server = GatehouseProcess.startWithDefaults("hostile", db, root);
        raw = new RawHttp(server.port());
        RawHttp.Answer created = raw.send("POST", "/api/v1/workspaces", auth(Map.of("Content-Type", "application/json")),
                "{\"name\": \"Hostile\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        workspace = json(created.body()).getJsonObject("data").getJsonNumber("id").longValue();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sweep_everyOperationWithMalformedInput_answersInTheErrorShape_neverA5xx() {
        MalformedInputSweep sweep = new MalformedInputSweep(raw, root, workspace);
        List<String> failures = sweep.run();
        System.out.println("[gatehouse-it] sweep: " + sweep.summary());
        assertThat(failures).as(sweep.summary()).isEmpty();
    }

    @Test
    void jsonBodies_tooDeepTrailingTextOrNul_areClearRefusals() {
        assertError(post("/api/v1/workspaces", "{\"name\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}"), 400, "invalid_json");
        assertError(post("/api/v1/workspaces", "{\"name\": \"a\"} xyz"), 400, "invalid_json");
        assertError(post("/api/v1/workspaces", "{\"name\": \"a\"}{\"name\": \"b\"}"), 400, "invalid_json");
        RawHttp.Answer nul = post("/api/v1/workspaces", "{\"name\": \"a\\u0000b\", \"settings\": {\"timezone\": \"UTC\\u0000\"}}");
        assertError(nul, 422, "validation_failed");
        assertThat(json(nul.body()).getJsonObject("errors").keySet()).containsExactlyInAnyOrder("name", "settings.timezone");
        RawHttp.Answer search = raw.get("/api/v1/workspaces?search=a%00b", auth(Map.of()));
        assertError(search, 422, "validation_failed");
        assertThat(json(search.body()).getJsonObject("errors").keySet()).containsExactly("search");
    }

    @Test
    void belowTheApplication_refusalsAreOurs_withARequestId() {
        assertError(raw.get("/api/v1/me", auth(Map.of("X-Big", "a".repeat(9_000)))), 431, "headers_too_large");
        assertError(raw.get("/api/v1/me", auth(Map.of("X-Control", "a\u0001b"))), 400, "invalid_header");
        assertError(raw.get("/api/v1/me", auth(Map.of("X-Latin", "caf\u00e9"))), 400, "invalid_header");
        assertError(raw.send("POST", "/api/v1/workspaces", auth(Map.of("Content-Type", "foo")), "{}".getBytes(StandardCharsets.UTF_8)),
                400, "invalid_header");
        assertError(raw.get("/api/v1/workspaces?search=%ZZ", auth(Map.of())), 400, "invalid_query");
        assertError(raw.get("/no-such-page", Map.of()), 404, "not_found");
        assertError(raw.get("/api/v1/no-such-resource", Map.of()), 404, "not_found");
        assertError(raw.send("TRACE", "/api/v1/me", auth(Map.of()), null), 405, "method_not_allowed");
        assertError(raw.send("TRACE", "/docs/", Map.of(), null), 405, "method_not_allowed");
        RawHttp.Answer incoming = raw.get("/api/v1/me", Map.of("X-Request-ID", "trace-me-123"));
        assertThat(incoming.header("X-Request-ID")).isEqualTo("trace-me-123");
        RawHttp.Answer docs = raw.get("/docs/", Map.of());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.header("Content-Type")).startsWith("text/html");
    }

    /**
     * {@code POST /pixel/track} is served in front of Jersey: its own edges — a chunked body within
     * the limit and one over it without {@code Content-Length}, a declared length over it, bodies
     * that are not one JSON object — answer as JAX-RS did, with the rate-limit, CORS and request-id
     * headers; the requests it leaves to Jersey (a query string, an {@code Accept} without JSON)
     * are answered there the same way.
     */
    @Test
    void pixelTrack_inFrontOfJersey_edgesAreClear4xx_withTheSameHeaders() {
        RawHttp.Answer site = post("/api/v1/sites", "{\"name\": \"Hostile pixel\", \"domains\": [\"pixel.hostile.test\"]}");
        assertThat(site.status()).as(site.toString()).isEqualTo(201);
        Map<String, String> beacon = new LinkedHashMap<>();
        beacon.put("Content-Type", "text/plain;charset=UTF-8");
        beacon.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        beacon.put("Origin", "https://pixel.hostile.test");
        byte[] hit = "{\"n\":\"pageview\",\"u\":\"https://pixel.hostile.test/a\"}".getBytes(StandardCharsets.UTF_8);
        byte[] tooLarge = ("{\"n\":\"pageview\",\"u\":\"https://pixel.hostile.test/\",\"x\":\"" + "a".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        for (RawHttp.Answer ok : List.of(raw.send("POST", "/api/v1/pixel/track", beacon, hit),
                raw.sendChunked("POST", "/api/v1/pixel/track", beacon, hit, 7),
                raw.send("POST", "/api/v1/pixel/track?via=jersey", beacon, hit))) {
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(json(ok.body()).getBoolean("tracked")).as(ok.toString()).isTrue();
            assertThat(ok.header("Content-Type")).isEqualTo("application/json");
            assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
            assertPixelHeaders(ok);
        }
        assertError(raw.sendChunked("POST", "/api/v1/pixel/track", beacon, tooLarge, 4096), 413, "payload_too_large");
        assertError(raw.send("POST", "/api/v1/pixel/track", beacon, tooLarge), 413, "payload_too_large");
        assertError(raw.sendChunked("POST", "/api/v1/pixel/track", beacon, "{\"n\": ".getBytes(StandardCharsets.UTF_8), 3),
                400, "invalid_json");
        assertError(raw.sendChunked("POST", "/api/v1/pixel/track", beacon, new byte[0], 1), 400, "invalid_json");
        assertError(raw.send("POST", "/api/v1/pixel/track", beacon, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x7b}), 400, "invalid_json");
        assertError(raw.send("POST", "/api/v1/pixel/track", beacon, "{\"n\":\"pageview\",\"u\":\"https://pixel.hostile.test/\",\"colour\":1}"
                .getBytes(StandardCharsets.UTF_8)), 422, "validation_failed");
        assertError(raw.send("POST", "/api/v1/pixel/track?x=%00", beacon, hit), 422, "validation_failed");
        Map<String, String> html = new LinkedHashMap<>(beacon);
        html.put("Accept", "text/html");
        assertError(raw.send("POST", "/api/v1/pixel/track", html, hit), 406, "not_acceptable");
        Map<String, String> foreign = new LinkedHashMap<>(beacon);
        foreign.put("Origin", "https://evil.test");
        RawHttp.Answer refused = raw.send("POST", "/api/v1/pixel/track", foreign, hit);
        assertError(refused, 403, "origin_not_allowed");
        assertPixelHeaders(refused);

        RawHttp.Answer preflight = raw.send("OPTIONS", "/api/v1/pixel/track",
                Map.of("Origin", "https://anywhere.test", "Access-Control-Request-Method", "POST"), null);
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, OPTIONS");
        assertThat(preflight.header("X-Request-ID")).isNotBlank();
        assertThat(preflight.header("X-RateLimit-Limit")).isNull();
    }

    private static void assertPixelHeaders(RawHttp.Answer a) {
        assertThat(a.header("X-Request-ID")).as(a.toString()).isNotBlank();
        assertThat(a.header("Access-Control-Allow-Origin")).as(a.toString()).isEqualTo("*");
        assertThat(a.header("Access-Control-Expose-Headers")).as(a.toString()).isEqualTo("X-Request-ID, X-Pixel-Dropped, Retry-After");
        assertThat(a.header("Vary")).as(a.toString()).isEqualTo("Origin");
        assertThat(a.header("X-RateLimit-Limit")).as(a.toString()).isEqualTo("300");
        assertThat(a.header("RateLimit-Policy")).as(a.toString()).isEqualTo("300;w=60");
    }

    /** Found by the sweep: deleting one workspace from several requests at once was a 500. */
    @Test
    void concurrentDeletes_ofOneWorkspace_answer204Or404Or409_neverA5xx() throws Exception {
        RawHttp.Answer created = post("/api/v1/workspaces", "{\"name\": \"Deleted Twice\"}");
        long id = json(created.body()).getJsonObject("data").getJsonNumber("id").longValue();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<RawHttp.Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> raw.send("DELETE", "/api/v1/workspaces/" + id, auth(Map.of()), null)));
            }
            int deleted = 0;
            for (var f : answers) {
                RawHttp.Answer a = f.get();
                assertThat(a.status()).as(a.toString()).isIn(204, 404, 409);
                assertThat(MalformedInputSweep.problem(a)).as(a.toString()).isNull();
                deleted += a.status() == 204 ? 1 : 0;
            }
            assertThat(deleted).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What Payara Micro's HTTP parser refuses before any application code runs, exactly as README's
     * "Limits" section says; if one of these changes, so must the README.
     */
    @Test
    void parser_refusalsBeforeTheApplication_areTheDocumentedOnes() {
        for (String path : List.of("/api/v1/%00", "/api/v1/%ff", "/api/v1/a%5Cb")) {
            RawHttp.Answer a = raw.get(path, auth(Map.of()));
            assertThat(a.status()).as(path + " → " + a).isEqualTo(400);
        }
        RawHttp.Answer huge = raw.get("/api/v1/me", auth(Map.of("X-Huge", "a".repeat(70_000))));
        assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
        Map<String, String> noColon = new LinkedHashMap<>(auth(Map.of()));
        noColon.put("NoColonHere", null); // the line is dropped; the request is served without it
        assertThat(raw.get("/api/v1/me", noColon).status()).isEqualTo(200);
        for (String path : List.of("/api/v1/%", "/api/v1/%ZZ")) { // Payara answers 200 with no body and logs an IllegalStateException
            RawHttp.Answer a = raw.get(path, auth(Map.of()));
            assertThat(a.status()).as(path + " → " + a).isEqualTo(200);
            assertThat(a.body()).as(path).isEmpty();
        }
    }

    private static RawHttp.Answer post(String path, String body) {
        return raw.send("POST", path, auth(Map.of("Content-Type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> auth(Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + root);
        if (workspace > 0) {
            headers.put("X-Workspace-ID", Long.toString(workspace));
        }
        headers.putAll(more);
        return headers;
    }

    private static void assertError(RawHttp.Answer a, int status, String error) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(MalformedInputSweep.problem(a)).as(a.toString()).isNull();
        assertThat(json(a.body()).getString("error")).as(a.toString()).isEqualTo(error);
    }

    static JsonObject json(String body) {
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }
}
