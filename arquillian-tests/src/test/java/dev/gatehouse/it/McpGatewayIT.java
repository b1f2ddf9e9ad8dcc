package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's MCP gateway over real HTTP: a workspace registers the reference MCP server
 * ({@code @modelcontextprotocol/server-everything}, started here in Streamable HTTP mode on 127.0.0.1)
 * and bad upstreams this test serves itself (down, slow, garbage, too large, failing); the official MCP
 * TypeScript SDK client lists and calls the upstream's tools through Gatehouse's {@code /mcp} as
 * {@code <server>__<tool>}, REST does the same, and every failure is a clear error naming the server —
 * never a hang or a 500. The deployment runs with the test settings that let webhooks (and so upstreams)
 * use http and loopback addresses; the shipped default refuses them (UpstreamSpecTest), and even here
 * a metadata address is refused.
 */
class McpGatewayIT extends GatehouseIT {

    private static final Path WORKDIR = Path.of(System.getProperty("gatehouse.it.workdir", "target"));
    private static final Path NODE_DIR = Path.of(System.getProperty("gatehouse.it.node", "target/node"));
    private static final String UPSTREAM_SECRET = "Bearer upstream-secret-7f3a9c";

    private static Process everything;
    private static int everythingPort;
    private static HttpServer fakes;
    private static int downPort;
    /** The tools/call requests each fake upstream path received. */
    private static final Map<String, AtomicInteger> TOOL_CALLS = new ConcurrentHashMap<>();
    /** Released at the end so the slow upstream's handler threads finish. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    Http local;

    @BeforeAll
    static void startUpstreams() throws Exception {
        fakes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        fakes.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        fakes.createContext("/garbage", x -> answer(x, 200, "text/html", "<html><body>Not an MCP server</body></html>"));
        fakes.createContext("/not-json", x -> answer(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": "));
        fakes.createContext("/huge", x -> answer(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {\"pad\": \""
                + "x".repeat(5 * 1024 * 1024) + "\"}}"));
        fakes.createContext("/slow", x -> {
            try {
                RELEASE.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, 503, "text/plain", "late");
        });
        fakes.createContext("/failing", McpGatewayIT::failingUpstream);
        fakes.createContext("/metered", McpGatewayIT::failingUpstream);
        fakes.start();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            downPort = s.getLocalPort();
        }
        if (nodeToolsMissing()) {
            return;
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            everythingPort = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("node", "--import", "./loopback-only.mjs",
                "node_modules/@modelcontextprotocol/server-everything/dist/index.js", "streamableHttp")
                .directory(NODE_DIR.toFile())
                .redirectOutput(WORKDIR.resolve("server-everything.out").toFile())
                .redirectError(WORKDIR.resolve("server-everything.err").toFile());
        pb.environment().put("PORT", Integer.toString(everythingPort));
        everything = pb.start();
        Eventually.until(Duration.ofSeconds(60), () -> listening(InetAddress.getLoopbackAddress(), everythingPort), up -> up);
    }

    @AfterAll
    static void stopUpstreams() {
        RELEASE.countDown();
        if (everything != null) {
            everything.destroy();
        }
        if (fakes != null) {
            fakes.stop(0);
        }
    }

    @BeforeEach
    void connectAsLocalhost() {
        local = new Http(URI.create(localBase()));
    }

    @Test
    void everythingServer_listensOnLoopbackOnly() throws Exception {
        requireNodeTools();
        assertThat(listening(InetAddress.getLoopbackAddress(), everythingPort)).isTrue();
        InetAddress other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
        Assumptions.assumeTrue(other != null, "this machine has no non-loopback IPv4 address to try");
        assertThat(listening(other, everythingPort)).as("server-everything on " + other).isFalse();
    }

    @Test
    void registeredUpstream_toolsOnMcpAndRest_callsForwarded_secretNeverShown_auditSaysServerAndVia() throws Exception {
        requireNodeTools();
        long ws = newWorkspace("Gateway " + System.nanoTime());
        String agent = key(ws, "mcp:read", "mcp:write");
        Http.Reply created = register(ws, "{\"id\": \"everything\", \"name\": \"Everything\", \"url\": \"" + everythingUrl()
                + "\", \"headers\": {\"Authorization\": \"" + UPSTREAM_SECRET + "\"}, \"allowed_tools\": [\"echo\", \"get-sum\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/mcp/servers/everything");
        JsonObject server = created.data();
        assertThat(server.getString("status")).as(server.toString()).isEqualTo("ok");
        assertThat(strings(server.getJsonArray("tools"))).containsExactlyInAnyOrder("echo", "get-sum");
        assertThat(strings(server.getJsonArray("headers"))).containsExactly("Authorization");
        assertThat(created.body()).doesNotContain("upstream-secret");

        Http.Reply listed = http.get("api/v1/mcp/servers").key(agent).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList())
                .containsExactly("gatehouse", "everything");
        assertThat(listed.body()).doesNotContain("upstream-secret");
        Http.Reply tools = http.get("api/v1/mcp/servers/everything/tools").key(agent).send();
        JsonObject echo = tools.json().getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals("echo")).findFirst().orElseThrow();
        assertThat(echo.getString("mcp_name")).isEqualTo("everything__echo");
        assertThat(echo.getJsonObject("parameters").getJsonObject("message").getBoolean("required")).isTrue();

        JsonObject out = client(agent, "[{\"op\": \"listTools\"},"
                + "{\"op\": \"callTool\", \"name\": \"everything__echo\", \"arguments\": {\"message\": \"hello through Gatehouse\"}},"
                + "{\"op\": \"callTool\", \"name\": \"everything__get-sum\", \"arguments\": {\"a\": 2, \"b\": 40}},"
                + "{\"op\": \"callTool\", \"name\": \"everything__get-env\", \"arguments\": {}}]");
        JsonArray results = out.getJsonArray("results");
        Set<String> names = results.getJsonObject(0).getJsonArray("tools").stream()
                .map(t -> t.asJsonObject().getString("name")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).contains("everything__echo", "everything__get-sum")
                .doesNotContain("everything__get-env");
        assertThat(text(results.getJsonObject(1))).isEqualTo("Echo: hello through Gatehouse");
        assertThat(results.getJsonObject(1).getBoolean("isError", false)).isFalse();
        assertThat(text(results.getJsonObject(2))).contains("42");
        assertThat(results.getJsonObject(3).toString()).as("a tool allowed_tools leaves out").contains("-32602");

        Http.Reply rest = http.post("api/v1/mcp/tools/call").key(agent)
                .json("{\"server\": \"everything\", \"tool\": \"echo\", \"arguments\": {\"message\": \"over REST\"}}").send();
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(text(rest.json().getJsonObject("result"))).isEqualTo("Echo: over REST");
        assertThat(rest.header("X-RateLimit-Limit")).as("counted against the key's rate limit").isNotNull();

        List<JsonObject> calls = auditEvents(ws, "mcp.tool_called");
        assertThat(calls).hasSize(3);
        assertThat(calls).allSatisfy(e -> {
            assertThat(e.getJsonObject("details").getString("server")).isEqualTo("everything");
            assertThat(e.getJsonObject("details").getString("outcome")).isEqualTo("ok");
            assertThat(e.getJsonObject("details").containsKey("duration_ms")).isTrue();
        });
        assertThat(calls.stream().filter(e -> "mcp".equals(e.getJsonObject("details").getString("via", null))).count())
                .as("the two SDK calls came over /mcp, the REST one did not").isEqualTo(2);
        assertThat(calls.toString()).doesNotContain("hello through Gatehouse").doesNotContain("upstream-secret");
        assertThat(auditEvents(ws, "mcp_server.registered")).hasSize(1);

        String noMcp = key(ws, "api-keys:read");
        JsonObject plain = client(noMcp, "[{\"op\": \"listTools\"}]");
        assertThat(plain.getJsonArray("results").getJsonObject(0).getJsonArray("tools").stream()
                .map(t -> t.asJsonObject().getString("name"))).noneMatch(n -> n.startsWith("everything__"));
        String readOnly = key(ws, "mcp:read");
        assertThat(http.post("api/v1/mcp/tools/call").key(readOnly)
                .json("{\"server\": \"everything\", \"tool\": \"echo\", \"arguments\": {\"message\": \"x\"}}").send().status())
                .isEqualTo(403);
        Http.Reply other = http.get("api/v1/mcp/servers/everything").key(key(newWorkspace("Other " + System.nanoTime()), "mcp:read")).send();
        assertThat(other.status()).as("another workspace's server").isEqualTo(404);
    }

    @Test
    void badUpstreams_giveClearErrorsNamingTheServer_neverAHangOrA500() throws Exception {
        long ws = newWorkspace("Bad upstreams " + System.nanoTime());
        String agent = key(ws, "mcp:read", "mcp:write");
        Map<String, String> urls = Map.of(
                "down", "http://127.0.0.1:" + downPort + "/mcp",
                "slow", fake("/slow"),
                "garbage", fake("/garbage"),
                "notjson", fake("/not-json"),
                "huge", fake("/huge"),
                "failing", fake("/failing"),
                "nokey", fake("/failing"));
        for (Map.Entry<String, String> u : urls.entrySet()) {
            String headers = u.getKey().equals("failing") ? ", \"headers\": {\"Authorization\": \"" + UPSTREAM_SECRET + "\"}" : "";
            Http.Reply r = register(ws, "{\"id\": \"" + u.getKey() + "\", \"name\": \"" + u.getKey() + "\", \"url\": \"" + u.getValue()
                    + "\", \"timeout_ms\": 1500" + headers + "}");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        Map<String, String> expected = Map.of(
                "down", "upstream_unreachable",
                "slow", "upstream_timeout",
                "garbage", "upstream_bad_response",
                "notjson", "upstream_bad_response",
                "huge", "upstream_response_too_large",
                "failing", "upstream_error",
                "nokey", "upstream_http_error");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Http.Reply r = http.post("api/v1/mcp/tools/call").key(agent)
                    .json("{\"server\": \"" + e.getKey() + "\", \"tool\": \"boom\", \"arguments\": {}}").send();
            assertThat(r.status()).as(r.toString()).isEqualTo(e.getKey().equals("slow") ? 504 : 502);
            assertThat(r.json().getString("error")).as(r.toString()).isEqualTo(e.getValue());
            assertThat(r.json().getString("server")).isEqualTo(e.getKey());
            assertThat(r.json().getString("message")).startsWith("MCP server " + e.getKey() + " ");
            assertThat(r.body()).doesNotContain("upstream-secret").doesNotContain("127.0.0.1");
        }
        Http.Reply failing = http.get("api/v1/mcp/servers/failing/tools").key(agent).send();
        assertThat(failing.status()).as("the failing upstream lists its tools fine").isEqualTo(200);
        Http.Reply listed = http.get("api/v1/mcp/servers").key(agent).send();
        assertThat(listed.status()).isEqualTo(200);
        Map<String, String> status = listed.json().getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getString("id"), s -> s.getString("status")));
        assertThat(status).containsEntry("down", "unavailable").containsEntry("garbage", "unavailable")
                .containsEntry("failing", "ok").containsEntry("gatehouse", "ok");
        assertThat(auditEvents(ws, "mcp.tool_called").stream().map(a -> a.getJsonObject("details").getString("outcome")))
                .contains("upstream_unreachable", "upstream_timeout", "upstream_error");

        if (!nodeToolsMissing()) {
            JsonObject out = client(agent, "[{\"op\": \"callTool\", \"name\": \"down__boom\", \"arguments\": {}},"
                    + "{\"op\": \"callTool\", \"name\": \"failing__boom\", \"arguments\": {}},"
                    + "{\"op\": \"callTool\", \"name\": \"nosuch__boom\", \"arguments\": {}}, {\"op\": \"listTools\"}]");
            JsonArray results = out.getJsonArray("results");
            assertThat(results.getJsonObject(0).getBoolean("isError")).isTrue();
            assertThat(text(results.getJsonObject(0))).contains("upstream_unreachable", "MCP server down");
            assertThat(results.getJsonObject(1).getBoolean("isError")).isTrue();
            assertThat(text(results.getJsonObject(1))).contains("upstream_error", "kaboom");
            assertThat(results.getJsonObject(2).toString()).as("an unknown server").contains("-32602");
            assertThat(results.getJsonObject(3).getJsonArray("tools").stream().map(t -> t.asJsonObject().getString("name")))
                    .contains("failing__boom").noneMatch(n -> n.startsWith("down__") || n.startsWith("garbage__"));
        }
    }

    @Test
    void registration_isValidated_metadataRefused_andServersChangeAndGo() {
        long ws = newWorkspace("Gateway admin " + System.nanoTime());
        String admin = key(ws, "mcp:read", "mcp:write");
        assertValidation(register(ws, "{\"id\": \"meta\", \"name\": \"m\", \"url\": \"http://169.254.169.254/mcp\"}"), "url");
        assertValidation(register(ws, "{\"id\": \"Bad Slug\", \"name\": \"m\", \"url\": \"" + fake("/failing") + "\"}"), "id");
        assertValidation(register(ws, "{\"id\": \"gatehouse\", \"name\": \"m\", \"url\": \"" + fake("/failing") + "\"}"), "id");
        assertValidation(register(ws, "{\"id\": \"h\", \"name\": \"m\", \"url\": \"" + fake("/failing") + "\", \"headers\": {\"Host\": \"x\"}}"),
                "headers");
        assertValidation(register(ws, "{\"id\": \"t\", \"name\": \"m\", \"url\": \"" + fake("/failing") + "\", \"timeout_ms\": 5}"), "timeout_ms");
        assertValidation(register(ws, "{\"id\": \"x\", \"name\": \"m\", \"url\": \"ftp://example.com/\"}"), "url");
        assertThat(http.get("api/v1/mcp/servers").key(admin).send().json().getJsonArray("data")).as("nothing was stored").hasSize(1);

        assertThat(register(ws, "{\"id\": \"fake\", \"name\": \"Fake\", \"url\": \"" + fake("/failing") + "\"}").status()).isEqualTo(201);
        Http.Reply withoutKey = http.post("api/v1/mcp/tools/call").key(admin).json("{\"server\": \"fake\", \"tool\": \"ok\"}").send();
        assertThat(withoutKey.json().getString("error")).as("no Authorization header stored yet: the upstream's 401")
                .isEqualTo("upstream_http_error");
        Http.Reply twice = register(ws, "{\"id\": \"fake\", \"name\": \"Again\", \"url\": \"" + fake("/failing") + "\"}");
        assertThat(twice.status()).isEqualTo(409);
        Http.Reply forbidden = http.post("api/v1/mcp/servers").key(key(ws, "mcp:read"))
                .json("{\"id\": \"ro\", \"name\": \"m\", \"url\": \"" + fake("/failing") + "\"}").send();
        assertThat(forbidden.status()).isEqualTo(403);

        Http.Reply patched = http.patch("api/v1/mcp/servers/fake").key(admin)
                .json("{\"name\": \"Renamed\", \"headers\": {\"Authorization\": \"" + UPSTREAM_SECRET + "\"}, \"allowed_tools\": [\"bo*\"]}").send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.data().getString("name")).isEqualTo("Renamed");
        assertThat(strings(patched.data().getJsonArray("tools"))).containsExactly("boom");
        assertThat(patched.body()).doesNotContain("upstream-secret");
        // The next calls use the changed server at once: its new header and its narrowed tools.
        Http.Reply withKey = http.post("api/v1/mcp/tools/call").key(admin).json("{\"server\": \"fake\", \"tool\": \"boom\"}").send();
        assertThat(withKey.json().getString("error")).as(withKey.toString()).isEqualTo("upstream_error");
        Http.Reply narrowed = http.post("api/v1/mcp/tools/call").key(admin).json("{\"server\": \"fake\", \"tool\": \"ok\"}").send();
        assertThat(narrowed.status()).as("ok is no longer offered").isEqualTo(422);
        assertValidation(http.patch("api/v1/mcp/servers/fake").key(admin).json("{\"url\": null}").send(), "url");
        assertThat(http.patch("api/v1/mcp/servers/gatehouse").key(admin).json("{\"name\": \"x\"}").send().status()).isEqualTo(400);
        assertThat(http.delete("api/v1/mcp/servers/gatehouse").key(admin).send().status()).isEqualTo(400);

        assertThat(http.delete("api/v1/mcp/servers/fake").key(admin).send().status()).isEqualTo(204);
        assertThat(http.delete("api/v1/mcp/servers/fake").key(admin).send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/mcp/servers/fake").key(admin).send().status()).isEqualTo(404);
        Http.Reply gone = http.post("api/v1/mcp/tools/call").key(admin).json("{\"server\": \"fake\", \"tool\": \"boom\"}").send();
        assertThat(gone.status()).isEqualTo(422);
        assertThat(auditEvents(ws, "mcp_server.deleted")).hasSize(1);
    }

    @Test
    void mcpCalls_areMetered_andAHardLimitRefusesWithFeatureLimitReached() throws Exception {
        long ws = newWorkspace("Gateway plan " + System.nanoTime());
        String agent = key(ws, "mcp:read", "mcp:write");
        register(ws, "{\"id\": \"fake\", \"name\": \"Fake\", \"url\": \"" + fake("/metered") + "\", \"headers\": {\"Authorization\": \""
                + UPSTREAM_SECRET + "\"}}");
        Http.Reply limit = http.call("PUT", "api/v1/entitlements/overrides/mcp_calls").key(root).workspace(ws)
                .json("{\"type\": \"hard\", \"limit\": 1}").send();
        assertThat(limit.status()).as(limit.toString()).isIn(200, 201);
        Http.Reply first = http.post("api/v1/mcp/tools/call").key(agent).json("{\"server\": \"fake\", \"tool\": \"ok\"}").send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(text(first.json().getJsonObject("result"))).isEqualTo("fine");
        Http.Reply second = http.post("api/v1/mcp/tools/call").key(agent).json("{\"server\": \"fake\", \"tool\": \"ok\"}").send();
        assertThat(second.status()).as(second.toString()).isEqualTo(403);
        assertThat(second.json().getString("error")).isEqualTo("feature_limit_reached");
        assertThat(second.json().getString("feature")).isEqualTo("mcp_calls");
        assertThat(TOOL_CALLS.get("/metered").get()).as("the refused call never reached the upstream").isEqualTo(1);
        Http.Reply usage = http.get("api/v1/entitlements/summary").key(root).workspace(ws).send();
        assertThat(usage.body()).contains("mcp_calls");
        assertThat(usage.data().getJsonObject("entitlements").getJsonObject("mcp_calls").getJsonNumber("used").longValue()).isEqualTo(1);
        if (!nodeToolsMissing()) {
            JsonObject out = client(agent, "[{\"op\": \"callTool\", \"name\": \"fake__ok\", \"arguments\": {}}]");
            JsonObject refused = out.getJsonArray("results").getJsonObject(0);
            assertThat(refused.getBoolean("isError")).as(refused.toString()).isTrue();
            assertThat(text(refused)).contains("feature_limit_reached", "mcp_calls");
            assertThat(TOOL_CALLS.get("/metered").get()).as("nor did the one over /mcp").isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * A tiny MCP server over JSON answers: it wants {@link #UPSTREAM_SECRET} as Authorization (else 401),
     * offers the tools {@code boom} (a JSON-RPC error) and {@code ok}.
     */
    private static void failingUpstream(HttpExchange x) throws IOException {
        if (!UPSTREAM_SECRET.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            answer(x, 401, "application/json", "{\"error\": \"unauthorized\"}");
            return;
        }
        JsonObject m = parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!m.containsKey("id")) {
            answer(x, 202, "text/plain", "");
            return;
        }
        String id = m.get("id").toString();
        if (m.getString("method").equals("tools/call")) {
            TOOL_CALLS.computeIfAbsent(x.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
        }
        String result = switch (m.getString("method")) {
            case "initialize" -> "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {\"tools\": {}}, "
                    + "\"serverInfo\": {\"name\": \"failing\", \"version\": \"1\"}}";
            case "tools/list" -> "{\"tools\": [{\"name\": \"boom\", \"inputSchema\": {\"type\": \"object\"}},"
                    + " {\"name\": \"ok\", \"inputSchema\": {\"type\": \"object\"}}]}";
            case "tools/call" -> m.getJsonObject("params").getString("name").equals("ok")
                    ? "{\"content\": [{\"type\": \"text\", \"text\": \"fine\"}]}" : null;
            default -> null;
        };
        answer(x, 200, "application/json", result != null ? "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": " + result + "}"
                : "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"error\": {\"code\": -32603, \"message\": \"kaboom\"}}");
    }

    private static void answer(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        } catch (IOException closedByTheGateway) {
            // the gateway stops reading a too large answer
        }
    }

    private static String fake(String path) {
        return "http://127.0.0.1:" + fakes.getAddress().getPort() + path;
    }

    private static String everythingUrl() {
        return "http://127.0.0.1:" + everythingPort + "/mcp";
    }

    private Http.Reply register(long ws, String json) {
        return http.post("api/v1/mcp/servers").key(root).workspace(ws).json(json).send();
    }

    private static void assertValidation(Http.Reply r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().getJsonObject("errors").containsKey(field)).as(r.toString()).isTrue();
    }

    private List<JsonObject> auditEvents(long ws, String type) {
        Http.Reply r = http.get("api/v1/audit-events?per_page=100&type=" + type).key(root).workspace(ws).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("data").stream().map(JsonValue::asJsonObject).toList();
    }

    private String key(long workspace, String... scopes) {
        String list = java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        Http.Reply r = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .json("{\"name\": \"gateway\", \"scopes\": [" + list + "]}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getString("key");
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(((jakarta.json.JsonString) v).getString()));
        return out;
    }

    private static String text(JsonObject callToolResult) {
        return callToolResult.getJsonArray("content").getJsonObject(0).getString("text");
    }

    private static boolean listening(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private JsonObject client(String key, String steps) throws Exception {
        Path out = Files.createTempFile(WORKDIR, "gateway-out", ".txt");
        Path err = Files.createTempFile(WORKDIR, "gateway-err", ".txt");
        Process p = new ProcessBuilder("node", "mcp-client.mjs", localBase() + "mcp", key, steps).directory(NODE_DIR.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mcp-client.mjs did not finish in 300 s: " + Files.readString(err));
        }
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        String[] lines = Files.readString(out).strip().split("\n");
        JsonObject result = parse(lines[lines.length - 1]);
        assertThat(result.containsKey("connectError")).as(result.toString()).isFalse();
        return result;
    }

    private String localBase() {
        return "http://localhost:" + base.getPort() + "/";
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static boolean nodeToolsMissing() {
        return !Files.isDirectory(NODE_DIR.resolve("node_modules/@modelcontextprotocol/server-everything"));
    }

    private static void requireNodeTools() {
        if (!nodeToolsMissing()) {
            return;
        }
        String reason = "Missing the npm test tools in " + NODE_DIR + " (built by the npm-ci step; needs node and npm)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        Assumptions.abort(reason);
    }
}
