package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.keys.ScopeSet;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One REST operation offered as an MCP tool.
 *
 * @param name       the tool name (the operationId in snake case, e.g. {@code list_webhook_endpoints})
 * @param method     the HTTP method, upper case
 * @param path       the path template below the API base, e.g. {@code /webhooks/{id}}
 * @param arguments  where each argument goes: argument name to its parameter
 * @param hasBody    whether the operation takes a JSON body (the {@code body} argument)
 * @param scopes     the scopes it requires (empty: any valid key)
 * @param anyScope   true when one of {@code scopes} is enough
 * @param structured whether answers carry {@code structuredContent} (the tool declares an output schema)
 * @param definition the tool as {@code tools/list} shows it, with {@code outputSchema}
 */
public record GatehouseTool(String name, String method, String path, Map<String, Parameter> arguments, boolean hasBody,
                            List<String> scopes, boolean anyScope, boolean structured, JsonObject definition) {

    /** Where an argument goes in the REST call. */
    public enum In { PATH, QUERY, HEADER, BODY }

    /**
     * One argument of a tool.
     *
     * @param in       where it goes
     * @param name     its name there (the path template's name, the query parameter or the header)
     * @param type     its JSON schema type ({@code integer}, {@code string}, {@code boolean}, {@code object}, …)
     * @param required whether the call needs it
     */
    public record Parameter(In in, String name, String type, boolean required) {
    }

    /** Whether a key holding these scopes may call the tool; the REST filter decides again on the call. */
    public boolean allowedFor(ScopeSet held) {
        if (scopes.isEmpty()) {
            return true;
        }
        return anyScope ? held.grantsAny(scopes) : held.grantsAll(scopes);
    }
}
