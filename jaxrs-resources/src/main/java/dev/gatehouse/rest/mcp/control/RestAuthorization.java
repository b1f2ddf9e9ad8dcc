package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.keys.ScopeSet;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How REST's answers about the caller end an MCP request: authentication through {@code GET /auth/verify},
 * and 401, a missing scope and 429 as HTTP-level refusals with the REST status and headers.
 */
final class RestAuthorization {

    private RestAuthorization() {
    }

    /**
     * Authenticates the request with the same code as REST ({@code GET /auth/verify} under the
     * caller's credentials) and returns the key's scopes; a refused key ends the request with the
     * REST status (401 with {@code WWW-Authenticate}).
     */
    static ScopeSet authenticate(Rest rest) {
        Rest.Reply reply = rest.call(new Rest.Call("GET", "/auth/verify", Map.of(), null));
        failOnAuthorization(reply);
        if (!reply.ok()) {
            throw new McpFailure(reply.status(), McpFailure.UNAUTHORIZED, "Authentication failed with HTTP " + reply.status() + ".",
                    McpServer.parseOrNull(reply.text()), passOn(reply));
        }
        JsonValue json = McpServer.parseOrNull(reply.text());
        JsonArray scopes = json instanceof JsonObject o ? o.getJsonArray("scopes") : null;
        if (scopes == null) {
            throw new McpFailure(500, McpFailure.INTERNAL_ERROR, "The key's scopes could not be read.", null, Map.of());
        }
        return ScopeSet.of(scopes.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    /** 401, a missing scope and 429 end the whole request at the HTTP level, as MCP's transport says. */
    static void failOnAuthorization(Rest.Reply reply) {
        JsonValue json = reply.status() == 401 || reply.status() == 403 || reply.status() == 429 ? McpServer.parseOrNull(reply.text()) : null;
        JsonObject error = json instanceof JsonObject o ? o : null;
        if (reply.status() == 401) {
            Map<String, String> headers = new LinkedHashMap<>(passOn(reply));
            headers.put("WWW-Authenticate", "Bearer realm=\"gatehouse\", error=\"invalid_token\"");
            throw new McpFailure(401, McpFailure.UNAUTHORIZED, error != null ? error.getString("message", "Unauthorized.") : "Unauthorized.",
                    error, headers);
        }
        if (reply.status() == 403 && error != null && "insufficient_scope".equals(McpServer.stringOrNull(error, "code"))) {
            JsonArray required = error.getJsonArray("required_scopes");
            String scope = required == null ? "" : String.join(" ",
                    required.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
            Map<String, String> headers = new LinkedHashMap<>(passOn(reply));
            headers.put("WWW-Authenticate", "Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
            throw new McpFailure(403, McpFailure.FORBIDDEN, error.getString("message", "Insufficient scope."), error, headers);
        }
        if (reply.status() == 429) {
            throw new McpFailure(429, McpFailure.INTERNAL_ERROR, error != null ? error.getString("message", "Rate limit exceeded.")
                    : "Rate limit exceeded.", error, passOn(reply));
        }
    }

    private static Map<String, String> passOn(Rest.Reply reply) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-request-id")) {
            String value = reply.header(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }
}
