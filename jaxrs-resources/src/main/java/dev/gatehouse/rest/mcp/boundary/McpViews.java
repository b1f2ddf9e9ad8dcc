package dev.gatehouse.rest.mcp.boundary;

import dev.gatehouse.rest.mcp.control.GatehouseMcp;
import dev.gatehouse.rest.mcp.control.McpGateway;
import dev.gatehouse.rest.mcp.control.UpstreamServer;
import dev.gatehouse.rest.mcp.gateway.UpstreamFailure;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the MCP REST surface, each typed once as a record. */
final class McpViews {

    /** Looked up once: {@code Json.create…} asks the ServiceLoader for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private McpViews() {
    }

    /**
     * An MCP server: Gatehouse's own ({@code url} null) or a registered upstream.
     *
     * @param tools  the names of the tools this key may call through it ({@code <id>__<tool>} on /mcp)
     * @param status {@code ok}, or {@code unavailable} when the upstream's tools could not be listed
     * @param error  why not, or null
     */
    record Server(String id, String name, String description, String url, List<String> headerNames,
                  List<String> allowedTools, Integer timeoutMs, List<String> tools, String status, UpstreamError error,
                  Instant createdAt, Instant updatedAt) {

        static Server gatehouse(List<String> tools) {
            return new Server(GatehouseMcp.SERVER_ID, "Gatehouse", "Gatehouse's own REST API as MCP tools", null, null,
                    null, null, tools, "ok", null, null, null);
        }

        static Server upstream(UpstreamServer s, McpGateway.Listing listing) {
            List<String> tools = listing.tools().stream().map(t -> t.getString("name")).map(n -> n.substring(s.slug().length() + 2))
                    .toList();
            return new Server(s.slug(), s.name(), s.description(), s.url(), s.headerNames(), s.allowedTools().patterns(),
                    s.timeoutMs(), tools, listing.failure() == null ? "ok" : "unavailable",
                    listing.failure() == null ? null : UpstreamError.of(s, listing.failure()), s.createdAt(), s.updatedAt());
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("description", description == null ? "" : description);
            m.put("url", url);
            m.put("tools", tools);
            m.put("status", status);
            if (url != null) {
                m.put("headers", headerNames);
                m.put("allowed_tools", allowedTools);
                m.put("timeout_ms", timeoutMs);
                m.put("error", error == null ? null : error.json());
                m.put("created_at", createdAt);
                m.put("updated_at", updatedAt);
            }
            return m;
        }
    }

    /** Why an upstream could not be used: the error code of {@link UpstreamFailure.Kind} and a message naming the server. */
    record UpstreamError(String code, String message) {
        static UpstreamError of(UpstreamServer s, UpstreamFailure f) {
            return new UpstreamError(f.kind().code(), "MCP server " + s.slug() + " " + f.getMessage() + ".");
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", code);
            m.put("message", message);
            return m;
        }
    }

    /**
     * One tool in seed 001's shape ({@code name}, {@code description}, {@code parameters}) plus the full
     * {@code input_schema}; {@code mcp_name} is its name on /mcp.
     */
    record Tool(String name, String mcpName, JsonObject definition) {

        Map<String, Object> json() {
            JsonObject input = definition.get("inputSchema") instanceof JsonObject o ? o : JSON.createObjectBuilder()
                    .add("type", "object").build();
            JsonArray required = input.get("required") instanceof JsonArray a ? a : null;
            List<String> requiredNames = required == null ? List.of()
                    : required.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            JsonObjectBuilder parameters = JSON.createObjectBuilder();
            JsonObject properties = input.get("properties") instanceof JsonObject p ? p : JsonObject.EMPTY_JSON_OBJECT;
            properties.forEach((argument, schema) -> {
                JsonObject s = schema instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
                JsonObjectBuilder p = JSON.createObjectBuilder()
                        .add("type", s.get("type") instanceof JsonString t ? t.getString() : "object")
                        .add("required", requiredNames.contains(argument));
                if (s.get("description") instanceof JsonString d) {
                    p.add("description", d.getString());
                }
                parameters.add(argument, p);
            });
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", name);
            view.put("mcp_name", mcpName);
            view.put("description", definition.get("description") instanceof JsonString d ? d.getString() : "");
            view.put("parameters", parameters.build());
            view.put("input_schema", input);
            if (definition.get("outputSchema") instanceof JsonObject output) {
                view.put("output_schema", output);
            }
            if (definition.get("annotations") instanceof JsonObject annotations) {
                view.put("annotations", annotations);
            }
            return view;
        }
    }
}
