package dev.gatehouse.rest.mcp.boundary;

import dev.gatehouse.rest.mcp.control.GatehouseMcp;
import dev.gatehouse.rest.mcp.control.McpGateway;
import dev.gatehouse.rest.mcp.control.UpstreamServer;
import dev.gatehouse.rest.mcp.gateway.UpstreamFailure;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Nullable;
import dev.gatehouse.rest.platform.boundary.Wire.Omitted;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the MCP REST surface, each typed once as a response record (see {@link Wire}). */
final class McpViews {

    /** Looked up once: {@code Json.create…} asks the ServiceLoader for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private McpViews() {
    }

    /**
     * An MCP server: Gatehouse's own ({@code url} null) or a registered upstream; the fields after
     * {@code status} are an upstream's only.
     *
     * @param tools  the names of the tools this key may call through it ({@code <id>__<tool>} on /mcp)
     * @param status {@code ok}, or {@code unavailable} when the upstream's tools could not be listed
     * @param error  why not (empty when listed), or null for Gatehouse's own server
     */
    @Wire.Schema("McpServer")
    record Server(@Required @Doc(value = "`gatehouse` for Gatehouse's own server, else the slug the workspace registered the upstream under.",
                          examples = "[\"gatehouse\"]") String id,
                  @Required String name, @Required String description,
                  @Nullable @Doc("The upstream's Streamable HTTP URL; null for Gatehouse's own server.") String url,
                  @Required @Doc("Names of the tools this key may call (for an upstream, its own names; `/mcp` shows them as "
                          + "`<server>__<tool>`).") List<String> tools,
                  @Values({"ok", "unavailable"})
                  @Doc("`unavailable` when the upstream's tools could not be listed (see `error`).") String status,
                  @Omitted @Wire.Name("headers")
                  @Doc("Upstreams only: the names of the stored request headers. Their values are never returned.")
                  List<String> headerNames,
                  @Omitted @Doc("Upstreams only: the tool names or `*` patterns offered; empty offers every tool.")
                  List<String> allowedTools,
                  @Omitted @Doc("Upstreams only: the deadline of each call.") Integer timeoutMs,
                  @Omitted @Nullable @Doc("Upstreams only: why its tools could not be listed.") Optional<UpstreamError> error,
                  @Omitted Instant createdAt, @Omitted Instant updatedAt) {

        static Server gatehouse(List<String> tools) {
            return new Server(GatehouseMcp.SERVER_ID, "Gatehouse", "Gatehouse's own REST API as MCP tools", null, tools,
                    "ok", null, null, null, null, null, null);
        }

        static Server upstream(UpstreamServer s, McpGateway.Listing listing) {
            List<String> tools = listing.tools().stream().map(t -> t.getString("name")).map(n -> n.substring(s.slug().length() + 2))
                    .toList();
            return new Server(s.slug(), s.name(), s.description() == null ? "" : s.description(), s.url(), tools,
                    listing.failure() == null ? "ok" : "unavailable", s.headerNames(), s.allowedTools().patterns(),
                    s.timeoutMs(), Optional.ofNullable(listing.failure() == null ? null : UpstreamError.of(s, listing.failure())),
                    s.createdAt(), s.updatedAt());
        }
    }

    /** Why an upstream could not be used: the error code of {@link UpstreamFailure.Kind} and a message naming the server. */
    @Wire.Schema("McpUpstreamError")
    record UpstreamError(@Wire.Name("error") @Values(of = UpstreamFailure.Kind.class, method = "code") String code,
                         String message) {

        static UpstreamError of(UpstreamServer s, UpstreamFailure f) {
            return new UpstreamError(f.kind().code(), "MCP server " + s.slug() + " " + f.getMessage() + ".");
        }
    }

    /**
     * One tool in seed 001's shape ({@code name}, {@code description}, {@code parameters}) plus the full
     * {@code input_schema}; {@code mcp_name} is its name on /mcp.
     */
    @Wire.Schema("McpTool")
    record Tool(@Required @Doc(examples = "[\"list_api_keys\"]") String name,
                @Doc("The tool's name on `/mcp` (`<server>__<tool>` for an upstream's).") String mcpName,
                @Required String description,
                @Required @Doc("Each argument's type, description and whether it is required (seed 001's shape).")
                Map<String, ToolParameter> parameters,
                @Required @Doc("The tool's JSON Schema (2020-12) for its arguments.") JsonObject inputSchema,
                @Omitted @Doc("The JSON Schema of the tool's structured result.") JsonObject outputSchema,
                @Omitted @Doc("MCP tool annotations: readOnlyHint, destructiveHint, idempotentHint.") JsonObject annotations) {

        static Tool from(String name, String mcpName, JsonObject definition) {
            JsonObject input = definition.get("inputSchema") instanceof JsonObject o ? o : JSON.createObjectBuilder()
                    .add("type", "object").build();
            JsonArray required = input.get("required") instanceof JsonArray a ? a : null;
            List<String> requiredNames = required == null ? List.of()
                    : required.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            Map<String, ToolParameter> parameters = new LinkedHashMap<>();
            JsonObject properties = input.get("properties") instanceof JsonObject p ? p : JsonObject.EMPTY_JSON_OBJECT;
            properties.forEach((argument, schema) -> {
                JsonObject s = schema instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
                parameters.put(argument, new ToolParameter(s.get("type") instanceof JsonString t ? t.getString() : "object",
                        requiredNames.contains(argument), s.get("description") instanceof JsonString d ? d.getString() : null));
            });
            return new Tool(name, mcpName, definition.get("description") instanceof JsonString d ? d.getString() : "",
                    parameters, input, definition.get("outputSchema") instanceof JsonObject output ? output : null,
                    definition.get("annotations") instanceof JsonObject annotations ? annotations : null);
        }
    }

    /** One argument of a tool in seed 001's shape. */
    @Wire.Schema("McpToolParameter")
    record ToolParameter(String type, boolean required, @Omitted String description) {
    }

    /** {@code GET /mcp/resources/{uri}}: one resource read through Gatehouse's MCP server. */
    @Wire.Schema("McpResourceContent")
    record ResourceContent(@Required @Doc(examples = "[\"gatehouse://workspaces/1\"]") String uri,
                           @Required @Doc(examples = "[\"application/json\"]") String mimeType,
                           @Required @Doc("The resource's JSON.") JsonValue content) {
    }
}
