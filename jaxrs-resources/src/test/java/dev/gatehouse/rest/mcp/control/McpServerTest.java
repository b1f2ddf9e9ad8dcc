package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpServerTest {

    private final McpServer server = new McpServer(GatehouseToolsTest.TOOLS, "test");
    private final List<Rest.Call> calls = new ArrayList<>();

    /** A REST API whose key holds {@code scopes} and whose every other call answers {@code status} with {@code body}. */
    private Rest rest(String scopes, int status, String body) {
        return call -> {
            calls.add(call);
            if (call.pathAndQuery().equals("/auth/verify")) {
                return reply(200, "{\"valid\": true, \"key_id\": 5, \"scopes\": " + scopes + "}");
            }
            return reply(status, body);
        };
    }

    private static Rest.Reply reply(int status, String body) {
        return new Rest.Reply(status, Map.of("x-request-id", List.of("req_1")), body.getBytes(StandardCharsets.UTF_8));
    }

    private McpServer.Outcome handle(String message, Rest rest) {
        return server.handle(message.getBytes(StandardCharsets.UTF_8), "2025-11-25", rest);
    }

    private static String call(String tool, String arguments) {
        return "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"tools/call\", \"params\": {\"name\": \"" + tool
                + "\", \"arguments\": " + arguments + "}}";
    }

    @Test
    void handle_malformedJson_isAParseErrorWith400() {
        McpServer.Outcome o = handle("{\"jsonrpc\": ", rest("[\"*\"]", 200, "{}"));
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.body().getJsonObject("error").getInt("code")).isEqualTo(-32700);
        assertThat(calls).isEmpty();
    }

    @Test
    void handle_batch_isAnInvalidRequest_andRunsNothing() {
        McpServer.Outcome o = handle("[{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}]", rest("[\"*\"]", 200, "{}"));
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.body().getJsonObject("error").getInt("code")).isEqualTo(-32600);
        assertThat(calls).isEmpty();
    }

    @Test
    void handle_unsupportedProtocolVersionHeader_is400() {
        McpServer.Outcome o = server.handle("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}".getBytes(StandardCharsets.UTF_8),
                "2024-11-05", rest("[\"*\"]", 200, "{}"));
        assertThat(o.status()).isEqualTo(400);
    }

    @Test
    void handle_notification_is202WithoutBody_afterAuthentication() {
        McpServer.Outcome o = handle("{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}", rest("[\"*\"]", 200, "{}"));
        assertThat(o.status()).isEqualTo(202);
        assertThat(o.body()).isNull();
        assertThat(calls).extracting(Rest.Call::pathAndQuery).containsExactly("/auth/verify");
    }

    @Test
    void handle_unknownMethod_isMethodNotFound() {
        McpServer.Outcome o = handle("{\"jsonrpc\": \"2.0\", \"id\": \"a\", \"method\": \"prompts/list\"}", rest("[\"*\"]", 200, "{}"));
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.body().getString("id")).isEqualTo("a");
        assertThat(o.body().getJsonObject("error").getInt("code")).isEqualTo(-32601);
    }

    @Test
    void initialize_negotiatesDownToTheClientsRevision_orOffersTheNewest() {
        String init = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\": \"%s\"}}";
        assertThat(handle(init.formatted("2025-06-18"), rest("[]", 200, "{}")).body().getJsonObject("result")
                .getString("protocolVersion")).isEqualTo("2025-06-18");
        assertThat(handle(init.formatted("1.0"), rest("[]", 200, "{}")).body().getJsonObject("result")
                .getString("protocolVersion")).isEqualTo("2025-11-25");
    }

    @Test
    void toolsList_showsOnlyToolsTheKeysScopesAllow() {
        JsonObject result = handle("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}",
                rest("[\"webhooks:read\"]", 200, "{}")).body().getJsonObject("result");
        List<String> names = result.getJsonArray("tools").stream().map(t -> t.asJsonObject().getString("name")).toList();
        assertThat(names).contains("list_webhook_endpoints", "get_webhook_delivery", "get_me", "list_event_types")
                .doesNotContain("create_webhook_endpoint", "list_api_keys", "create_workspace");
    }

    @Test
    void toolsCall_putsArgumentsInThePathQueryHeadersAndBody() {
        McpServer.Outcome o = handle(call("update_webhook_endpoint",
                "{\"id\": 12, \"x_workspace_id\": \"3\", \"idempotency_key\": \"k-1\", \"body\": {\"is_active\": false}}"),
                rest("[\"*\"]", 200, "{\"data\": {\"id\": 12}}"));
        Rest.Call sent = calls.get(calls.size() - 1);
        assertThat(sent.method()).isEqualTo("PATCH");
        assertThat(sent.pathAndQuery()).isEqualTo("/webhooks/12");
        assertThat(sent.headers()).containsEntry("X-Workspace-ID", "3").containsEntry("Idempotency-Key", "k-1");
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("{\"is_active\":false}");
        JsonObject result = o.body().getJsonObject("result");
        assertThat(result.getBoolean("isError")).isFalse();
        assertThat(result.getJsonObject("structuredContent")).isEqualTo(Json.createObjectBuilder()
                .add("data", Json.createObjectBuilder().add("id", 12)).build());

        handle(call("list_webhook_deliveries", "{\"id\": 4, \"status\": \"failed\", \"search\": \"a b&c\"}"), rest("[\"*\"]", 200, "{}"));
        assertThat(calls.get(calls.size() - 1).pathAndQuery()).isEqualTo("/webhooks/4/deliveries?search=a%20b%26c&status=failed");
    }

    @Test
    void toolsCall_badArguments_areInvalidParams_andCallNothing() {
        for (String arguments : List.of("{\"id\": \"../../workspaces\"}", "{\"id\": \"..\"}", "{\"id\": \"\"}",
                "{}", "{\"id\": 1, \"nope\": 2}", "{\"id\": [1]}", "{\"id\": {\"a\": 1}}", "[]")) {
            calls.clear();
            McpServer.Outcome o = handle(call("get_webhook_endpoint", arguments), rest("[\"*\"]", 200, "{}"));
            assertThat(o.body().getJsonObject("error")).as(arguments + " " + o.body()).isNotNull();
            assertThat(o.body().getJsonObject("error").getInt("code")).as(arguments).isEqualTo(-32602);
            assertThat(calls).as(arguments).isEmpty();
        }
        McpServer.Outcome unknown = handle(call("drop_database", "{}"), rest("[\"*\"]", 200, "{}"));
        assertThat(unknown.body().getJsonObject("error").getString("message")).isEqualTo("Unknown tool: drop_database");
    }

    @Test
    void toolsCall_businessError_isAToolErrorWithTheRestBody() {
        String notFound = "{\"error\": \"not_found\", \"message\": \"Resource not found.\"}";
        JsonObject result = handle(call("get_webhook_endpoint", "{\"id\": 9}"), rest("[\"*\"]", 404, notFound))
                .body().getJsonObject("result");
        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(notFound);
        assertThat(result.containsKey("structuredContent")).isFalse();
    }

    @Test
    void toolsCall_refusedKey_is401WithTheBearerChallenge() {
        McpServer.Outcome o = handle(call("get_webhook_endpoint", "{\"id\": 9}"),
                rest("[]", 401, "{\"error\": \"unauthorized\", \"code\": \"key_revoked\", \"message\": \"This API key has been revoked.\"}"));
        assertThat(o.status()).isEqualTo(401);
        assertThat(o.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"gatehouse\", error=\"invalid_token\"");
        assertThat(o.body().getJsonObject("error").getJsonObject("data").getString("code")).isEqualTo("key_revoked");
    }

    @Test
    void toolsCall_missingScope_is403NamingTheScope() {
        McpServer.Outcome o = handle(call("create_workspace", "{\"body\": {\"name\": \"x\"}}"), rest("[\"read\"]", 403,
                "{\"error\": \"access_denied\", \"code\": \"insufficient_scope\", \"required_scopes\": [\"workspaces:write\"],"
                        + " \"message\": \"Missing scope workspaces:write.\"}"));
        assertThat(o.status()).isEqualTo(403);
        assertThat(o.headers()).containsEntry("WWW-Authenticate",
                "Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\"workspaces:write\"");
        assertThat(o.body().getJsonObject("error").getInt("code")).isEqualTo(-32003);
    }

    @Test
    void resourcesRead_missingObject_isResourceNotFound() {
        McpServer.Outcome o = handle("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"resources/read\", \"params\": {\"uri\": "
                + "\"gatehouse://webhooks/5/deliveries/77\"}}", rest("[\"*\"]", 404, "{\"error\": \"not_found\"}"));
        assertThat(calls.get(calls.size() - 1).pathAndQuery()).isEqualTo("/webhooks/5/deliveries/77");
        assertThat(o.body().getJsonObject("error").getInt("code")).isEqualTo(-32002);
        for (String uri : List.of("gatehouse://webhooks/..", "gatehouse://webhooks/1/deliveries", "file:///etc/passwd", "gatehouse://nothing")) {
            McpServer.Outcome none = handle("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"resources/read\", \"params\": {\"uri\": \""
                    + uri + "\"}}", rest("[\"*\"]", 200, "{}"));
            assertThat(none.body().getJsonObject("error")).as(uri + " " + none.body()).isNotNull();
            assertThat(none.body().getJsonObject("error").getInt("code")).as(uri).isEqualTo(-32002);
        }
    }

    @Test
    void resourcesList_filtersByScope_andRefusesForeignCursors() {
        JsonObject result = handle("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"resources/list\"}", rest("[\"webhooks:read\"]", 200, "{}"))
                .body().getJsonObject("result");
        assertThat(result.getJsonArray("resources").stream().map(r -> r.asJsonObject().getString("uri")).toList())
                .containsExactly("gatehouse://openapi.json", "gatehouse://event-types");
        McpServer.Outcome bad = handle("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"resources/list\", \"params\": {\"cursor\": \"b2Zmc2V0Oi0x\"}}",
                rest("[\"*\"]", 200, "{}"));
        assertThat(bad.body().getJsonObject("error").getInt("code")).isEqualTo(-32602);
    }
}
