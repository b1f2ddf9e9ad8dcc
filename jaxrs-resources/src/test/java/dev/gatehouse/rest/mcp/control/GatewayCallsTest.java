package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream tools on {@code /mcp}: listed and called through the REST surface, as {@link McpServer} handles them. */
class GatewayCallsTest {

    private final McpServer server = new McpServer(GatehouseToolsTest.TOOLS, "test");
    private final List<Rest.Call> calls = new ArrayList<>();

    /** A REST API whose key holds {@code scopes}; the gateway's endpoints answer {@code status} with {@code body}. */
    private Rest rest(String scopes, int status, String body) {
        return call -> {
            calls.add(call);
            if (call.pathAndQuery().equals("/auth/verify")) {
                return reply(200, "{\"valid\": true, \"key_id\": 5, \"scopes\": " + scopes + "}");
            }
            if (call.pathAndQuery().startsWith("/mcp/")) {
                return reply(status, body);
            }
            return reply(404, "{\"error\": \"not_found\"}");
        };
    }

    private static Rest.Reply reply(int status, String body) {
        return new Rest.Reply(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject handle(String message, Rest rest) {
        McpServer.Outcome o = server.handle(message.getBytes(StandardCharsets.UTF_8), "2025-11-25", rest);
        return o.body();
    }

    private static final String LIST = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}";
    private static final String UPSTREAM_TOOLS = "{\"data\": [{\"name\": \"everything__echo\", \"inputSchema\": {\"type\": \"object\"},"
            + " \"outputSchema\": {\"type\": \"object\"}}]}";

    private static String call(String name) {
        return "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\": {\"name\": \"" + name
                + "\", \"arguments\": {\"message\": \"hi\"}}}";
    }

    @Test
    void toolsList_withMcpReadAndWrite_addsTheUpstreamsTools() {
        JsonObject result = handle(LIST, rest("[\"mcp:read\", \"mcp:write\"]", 200, UPSTREAM_TOOLS)).getJsonObject("result");
        assertThat(result.getJsonArray("tools").stream().map(t -> t.asJsonObject().getString("name"))).contains("everything__echo");
        assertThat(calls).extracting(Rest.Call::pathAndQuery).containsExactly("/auth/verify", "/mcp/tools");
    }

    @Test
    void toolsList_withoutBothScopes_neverAsksForUpstreamTools() {
        for (String scopes : List.of("[\"mcp:read\"]", "[\"mcp:write\"]", "[\"api-keys:read\"]")) {
            calls.clear();
            JsonObject result = handle(LIST, rest(scopes, 200, UPSTREAM_TOOLS)).getJsonObject("result");
            assertThat(result.getJsonArray("tools").stream().map(t -> t.asJsonObject().getString("name")))
                    .as(scopes).noneMatch(n -> n.contains("__"));
            assertThat(calls).extracting(Rest.Call::pathAndQuery).as(scopes).containsExactly("/auth/verify");
        }
    }

    @Test
    void toolsList_aRefusedListing_leavesGatehousesOwnTools() {
        JsonObject result = handle(LIST, rest("[\"*\"]", 422, "{\"error\": \"validation_failed\"}")).getJsonObject("result");
        assertThat(result.getJsonArray("tools")).isNotEmpty();
        assertThat(result.getJsonArray("tools").stream().map(t -> t.asJsonObject().getString("name"))).noneMatch(n -> n.contains("__"));
    }

    @Test
    void toolsList_theOldestRevision_dropsOutputSchemas() {
        McpServer.Outcome o = server.handle(LIST.getBytes(StandardCharsets.UTF_8), "2025-03-26",
                rest("[\"mcp:read\", \"mcp:write\"]", 200, UPSTREAM_TOOLS));
        JsonObject echo = o.body().getJsonObject("result").getJsonArray("tools").stream().map(t -> t.asJsonObject())
                .filter(t -> t.getString("name").equals("everything__echo")).findFirst().orElseThrow();
        assertThat(echo.containsKey("outputSchema")).isFalse();
    }

    @Test
    void toolsCall_isPostedToTheRestSurface_andAnswersTheUpstreamsResult() {
        JsonObject body = handle(call("everything__echo"), rest("[\"mcp:write\"]", 200,
                "{\"result\": {\"content\": [{\"type\": \"text\", \"text\": \"Echo: hi\"}]}}"));
        assertThat(body.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("Echo: hi");
        Rest.Call posted = calls.get(calls.size() - 1);
        assertThat(posted.method()).isEqualTo("POST");
        assertThat(posted.pathAndQuery()).isEqualTo("/mcp/tools/call");
        assertThat(Json.createReader(new StringReader(new String(posted.body(), StandardCharsets.UTF_8))).readObject())
                .isEqualTo(Json.createObjectBuilder().add("server", "everything").add("tool", "echo")
                        .add("arguments", Json.createObjectBuilder().add("message", "hi")).build());
    }

    @Test
    void toolsCall_anUnknownServerOrTool_isInvalidParams() {
        JsonObject body = handle(call("nosuch__echo"), rest("[\"*\"]", 422, "{\"error\": \"validation_failed\", \"errors\": {}}"));
        assertThat(body.getJsonObject("error").getInt("code")).isEqualTo(-32602);
    }

    @Test
    void toolsCall_anUpstreamFailure_isAToolErrorWithTheRestBody() {
        String error = "{\"error\": \"upstream_timeout\", \"message\": \"MCP server slow did not answer within 500 ms.\", \"server\": \"slow\"}";
        JsonObject result = handle(call("slow__echo"), rest("[\"*\"]", 504, error)).getJsonObject("result");
        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(error);
    }

    @Test
    void toolsCall_aMissingScope_isTheHttp403OfTheTransport() {
        McpServer.Outcome o = server.handle(call("everything__echo").getBytes(StandardCharsets.UTF_8), "2025-11-25",
                rest("[\"mcp:read\"]", 403, "{\"error\": \"access_denied\", \"code\": \"insufficient_scope\", \"required_scopes\": [\"mcp:write\"]}"));
        assertThat(o.status()).isEqualTo(403);
        assertThat(o.headers().get("WWW-Authenticate")).contains("insufficient_scope", "mcp:write");
    }

    @Test
    void toolsCall_aToolNameWithoutAServer_isStillUnknown() {
        JsonObject body = handle(call("__echo"), rest("[\"*\"]", 200, "{}"));
        assertThat(body.getJsonObject("error").getInt("code")).isEqualTo(-32602);
        assertThat(calls).extracting(Rest.Call::pathAndQuery).doesNotContain("/mcp/tools/call");
    }
}
