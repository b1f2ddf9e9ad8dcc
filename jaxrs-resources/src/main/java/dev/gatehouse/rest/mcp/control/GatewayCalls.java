package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.keys.ScopeSet;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The upstream servers' tools on {@code /mcp}: listed and called through the REST surface
 * ({@code GET /mcp/tools}, {@code POST /mcp/tools/call}) under the caller's key, so that scopes
 * ({@code mcp:read} and {@code mcp:write}), tenancy, rate limits, metering ({@code mcp_calls}) and the
 * audit log are those of REST, as for Gatehouse's own tools.
 */
final class GatewayCalls {

    /** A key needs both to see upstream tools on {@code /mcp}: tools/list shows only what the key may call. */
    static final List<String> SCOPES = List.of("mcp:read", "mcp:write");

    private static final JsonProvider JSON = JsonProvider.provider();

    private GatewayCalls() {
    }

    /** Whether a tool name is an upstream's ({@code <server>__<tool>}). */
    static boolean isUpstream(String name) {
        return name.indexOf(UpstreamSpec.SEPARATOR) > 0;
    }

    /**
     * The upstream tools the key may call, or none: a key without both scopes, a root key naming no
     * workspace, or any refusal leaves Gatehouse's own list as it is.
     */
    static List<JsonObject> tools(ScopeSet scopes, Rest rest) {
        if (!scopes.grantsAll(SCOPES)) {
            return List.of();
        }
        Rest.Reply reply = rest.call(new Rest.Call("GET", "/mcp/tools", Map.of(), null));
        if (!reply.ok() || !(McpServer.parseOrNull(reply.text()) instanceof JsonObject body)
                || !(body.get("data") instanceof JsonArray data)) {
            return List.of();
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue tool : data) {
            if (tool instanceof JsonObject t) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Calls {@code <server>__<tool>} as {@code POST /mcp/tools/call} and returns the upstream's
     * {@code CallToolResult}; a refusal of the gateway (the upstream down, slow, answering garbage, the
     * plan's {@code mcp_calls} used up) is {@code isError: true} with the REST error body.
     *
     * @throws McpFailure -32602 for an unknown server or a tool it does not offer; 401, 403 and 429 as over REST
     */
    static JsonObject call(String name, JsonObject arguments, Rest rest) {
        int cut = name.indexOf(UpstreamSpec.SEPARATOR);
        JsonObject body = JSON.createObjectBuilder().add("server", name.substring(0, cut))
                .add("tool", name.substring(cut + UpstreamSpec.SEPARATOR.length())).add("arguments", arguments).build();
        Rest.Reply reply = rest.call(new Rest.Call("POST", "/mcp/tools/call", Map.of(),
                body.toString().getBytes(StandardCharsets.UTF_8)));
        RestAuthorization.failOnAuthorization(reply);
        JsonValue json = McpServer.parseOrNull(reply.text());
        if (reply.ok() && json instanceof JsonObject o && o.get("result") instanceof JsonObject result) {
            return result;
        }
        if (reply.status() == 422) {
            throw new McpFailure(200, McpFailure.INVALID_PARAMS, "Unknown tool or bad arguments: " + name + ".", json, Map.of());
        }
        return JSON.createObjectBuilder()
                .add("content", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("type", "text")
                        .add("text", reply.text().isEmpty() ? "HTTP " + reply.status() : reply.text())))
                .add("isError", true).build();
    }
}
