package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway's cache of upstream servers across two Gatehouse processes on one PostgreSQL database
 * (the uber-jar; http and loopback upstreams allowed, as in {@code McpGatewayIT}): a server registered,
 * changed or removed on A is what the next calls on B use, long before B's cache (30 s) would have
 * expired — only the cross-instance invalidation can meet the deadline. The upstreams are two tiny MCP
 * servers this test serves, each answering the tool {@code whoami} with its own name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpGatewayClusterIT {

    private static final Duration WELL_BELOW_THE_CACHE = Duration.ofSeconds(5);

    private final String root = TestKeys.newRootKey();
    private HttpServer upstreams;
    private GatehouseProcess one;
    private GatehouseProcess two;
    private Http a;
    private Http b;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(ItEnvironment.isPostgres(), "several instances share a PostgreSQL database");
        Path jar = Path.of(System.getProperty("gatehouse.it.uberJar", "../war/target/gatehouse.jar"));
        assumeTrue(Files.isRegularFile(jar), "no uber-jar at " + jar + " (built by mvn package)");
        upstreams = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstreams.setExecutor(Executors.newCachedThreadPool());
        upstreams.createContext("/one", x -> upstream(x, "one"));
        upstreams.createContext("/two", x -> upstream(x, "two"));
        upstreams.start();
        String database = GatehouseProcess.freshPostgres("mcpcluster");
        one = GatehouseProcess.start("mcp-cluster-a", database, root, List.of());
        two = GatehouseProcess.start("mcp-cluster-b", database, root, List.of());
        a = one.http;
        b = two.http;
    }

    @AfterAll
    void stop() {
        for (GatehouseProcess p : new GatehouseProcess[] {one, two}) {
            if (p != null) {
                p.close();
            }
        }
        if (upstreams != null) {
            upstreams.stop(0);
        }
    }

    @Test
    void registerChangeRemove_onA_nextCallsOnBFollow() {
        Http.Reply ws = a.post("api/v1/workspaces").key(root).json("{\"name\": \"Gateway cluster\", \"tier\": \"enterprise\"}").send();
        assertThat(ws.status()).as(ws.toString()).isEqualTo(201);
        long workspace = ws.data().getJsonNumber("id").longValue();
        Http.Reply issued = a.post("api/v1/api-keys").key(root).workspace(workspace)
                .json("{\"name\": \"agent\", \"scopes\": [\"mcp:read\", \"mcp:write\"]}").send();
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String agent = issued.data().getString("key");

        assertThat(call(b, agent).status()).as("no server yet; B caches the workspace's empty list").isEqualTo(422);
        Http.Reply registered = a.post("api/v1/mcp/servers").key(root).workspace(workspace)
                .json("{\"id\": \"up\", \"name\": \"Up\", \"url\": \"" + url("/one") + "\"}").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Eventually.until(WELL_BELOW_THE_CACHE, () -> call(b, agent), r -> r.status() == 200);
        assertThat(whoami(call(b, agent))).isEqualTo("one");
        assertThat(whoami(call(b, agent))).as("now from B's cache").isEqualTo("one");

        Http.Reply moved = a.patch("api/v1/mcp/servers/up").key(root).workspace(workspace)
                .json("{\"url\": \"" + url("/two") + "\"}").send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        Eventually.until(WELL_BELOW_THE_CACHE, () -> call(b, agent), r -> r.status() == 200 && whoami(r).equals("two"));

        Http.Reply narrowed = a.patch("api/v1/mcp/servers/up").key(root).workspace(workspace)
                .json("{\"allowed_tools\": [\"other\"]}").send();
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
        Eventually.until(WELL_BELOW_THE_CACHE, () -> call(b, agent), r -> r.status() == 422);

        assertThat(a.delete("api/v1/mcp/servers/up").key(root).workspace(workspace).send().status()).isEqualTo(204);
        Http.Reply gone = Eventually.until(WELL_BELOW_THE_CACHE, () -> call(b, agent),
                r -> r.status() == 422 && r.body().contains("is not an MCP server"));
        assertThat(gone.body()).contains("is not an MCP server of this workspace");
    }

    private static Http.Reply call(Http on, String key) {
        return on.post("api/v1/mcp/tools/call").key(key).json("{\"server\": \"up\", \"tool\": \"whoami\"}").send();
    }

    private static String whoami(Http.Reply r) {
        return r.json().getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + upstreams.getAddress().getPort() + path;
    }

    /** A tiny MCP server over JSON answers whose one tool, {@code whoami}, answers {@code name}. */
    private static void upstream(HttpExchange x, String name) throws IOException {
        JsonObject m;
        try (JsonReader reader = Json.createReader(new StringReader(new String(x.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8)))) {
            m = reader.readObject();
        }
        if (!m.containsKey("id")) {
            answer(x, 202, "");
            return;
        }
        String result = switch (m.getString("method")) {
            case "initialize" -> "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {\"tools\": {}}, "
                    + "\"serverInfo\": {\"name\": \"" + name + "\", \"version\": \"1\"}}";
            case "tools/list" -> "{\"tools\": [{\"name\": \"whoami\", \"inputSchema\": {\"type\": \"object\"}}]}";
            default -> "{\"content\": [{\"type\": \"text\", \"text\": \"" + name + "\"}]}";
        };
        answer(x, 200, "{\"jsonrpc\": \"2.0\", \"id\": " + m.get("id") + ", \"result\": " + result + "}");
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
