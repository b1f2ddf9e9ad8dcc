package dev.gatehouse.rest.mcp.boundary;

import dev.gatehouse.keys.ScopeSet;
import dev.gatehouse.rest.contract.control.OpenApiDocument;
import dev.gatehouse.rest.mcp.control.GatehouseMcp;
import dev.gatehouse.rest.mcp.control.GatehouseTool;
import dev.gatehouse.rest.mcp.control.McpServer;
import dev.gatehouse.rest.mcp.control.RestDispatcher;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 001's REST surface over MCP: the MCP servers a key can use (today Gatehouse's own,
 * {@code gatehouse}), their tools, a tool call and a resource read. A call runs exactly as over
 * {@code /mcp} — the tool's own REST operation, under the caller's key — so its scopes apply on top
 * of {@code mcp:write}.
 */
@Path("mcp")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class McpResource {

    private static final String DESCRIPTION = "Gatehouse's own REST API as MCP tools";

    @Inject
    GatehouseMcp mcp;

    @Inject
    CurrentRequest current;

    /** CDI's request (the one the container received), not JAX-RS's proxy: see {@link RestDispatcher}. */
    @Inject
    HttpServletRequest request;

    @Context
    ServletContext servletContext;

    @GET
    @Path("servers")
    @RequiresScopes("mcp:read")
    public JsonObject servers() {
        return Bodies.data(List.of(server()));
    }

    @GET
    @Path("servers/{id}")
    @RequiresScopes("mcp:read")
    public JsonObject server(@PathParam("id") String id) {
        requireKnown(id);
        return Bodies.data(server());
    }

    @GET
    @Path("servers/{id}/tools")
    @RequiresScopes("mcp:read")
    public JsonObject tools(@PathParam("id") String id) {
        requireKnown(id);
        List<Object> tools = new ArrayList<>();
        for (GatehouseTool tool : visibleTools()) {
            tools.add(toolView(tool));
        }
        return Bodies.data(tools);
    }

    @POST
    @Path("tools/call")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScopes("mcp:write")
    public JsonObject call(JsonBody body) {
        body.allowOnly("server", "tool", "arguments").require("server").require("tool");
        String server = body.string("server").orElse(null);
        String tool = body.string("tool").orElse(null);
        JsonValue arguments = body.json().getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT);
        if (arguments.getValueType() != JsonValue.ValueType.OBJECT && arguments.getValueType() != JsonValue.ValueType.NULL) {
            body.error("arguments", "must be an object.");
        }
        body.validate();
        if (!GatehouseMcp.SERVER_ID.equals(server)) {
            throw ApiException.validation("server", "is not an MCP server of this workspace: " + server + ".");
        }
        try {
            JsonObject result = mcp.server().call(tool, arguments.getValueType() == JsonValue.ValueType.OBJECT
                    ? arguments.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT, rest());
            return Json.createObjectBuilder().add("result", result).build();
        } catch (McpServer.Failure f) {
            throw refused(f, "arguments");
        }
    }

    @GET
    @Path("resources/{uri: .+}")
    @RequiresScopes("mcp:read")
    public JsonObject resource(@PathParam("uri") String uri) {
        // A proxy or the container may fold the "//" after the scheme into one slash.
        String decoded = URLDecoder.decode(uri, StandardCharsets.UTF_8).replaceFirst("^([a-z][a-z0-9+.-]*):/(?!/)", "$1://");
        try {
            JsonObject read = mcp.server().read(decoded, rest());
            JsonObject content = read.getJsonArray("contents").getJsonObject(0);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("uri", decoded);
            data.put("mime_type", content.getString("mimeType"));
            data.put("content", parse(content.getString("text")));
            return Bodies.data(data);
        } catch (McpServer.Failure f) {
            throw refused(f, "uri");
        }
    }

    private RestDispatcher rest() {
        return new RestDispatcher(servletContext, OpenApiDocument.DEFAULT_BASE_PATH, request);
    }

    private List<GatehouseTool> visibleTools() {
        return mcp.server().toolsFor(current.caller().key().scopes());
    }

    private Map<String, Object> server() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", GatehouseMcp.SERVER_ID);
        view.put("name", "Gatehouse");
        view.put("description", DESCRIPTION);
        view.put("url", null);
        view.put("tools", visibleTools().stream().map(GatehouseTool::name).toList());
        return view;
    }

    private static void requireKnown(String id) {
        if (!GatehouseMcp.SERVER_ID.equals(id)) {
            throw ApiException.notFound();
        }
    }

    /** Seed 001's tool shape ({@code name}, {@code description}, {@code parameters}) plus the full {@code input_schema}. */
    private static Map<String, Object> toolView(GatehouseTool tool) {
        JsonObject input = tool.definition().getJsonObject("inputSchema");
        JsonArray required = input.getJsonArray("required");
        List<String> requiredNames = required == null ? List.of()
                : required.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        JsonObjectBuilder parameters = Json.createObjectBuilder();
        input.getJsonObject("properties").forEach((name, schema) -> {
            JsonObject s = schema.asJsonObject();
            JsonObjectBuilder p = Json.createObjectBuilder()
                    .add("type", s.getString("type", "object"))
                    .add("required", requiredNames.contains(name));
            if (s.containsKey("description")) {
                p.add("description", s.getString("description"));
            }
            parameters.add(name, p);
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", tool.name());
        view.put("description", tool.definition().getString("description"));
        view.put("parameters", parameters.build());
        view.put("input_schema", input);
        if (tool.definition().containsKey("outputSchema")) {
            view.put("output_schema", tool.definition().getJsonObject("outputSchema"));
        }
        view.put("annotations", tool.definition().getJsonObject("annotations"));
        return view;
    }

    /** An MCP refusal as the REST error it stands for. */
    private static ApiException refused(McpServer.Failure f, String field) {
        if (f.notFound()) {
            return ApiException.notFound();
        }
        if (f.invalidParams()) {
            return ApiException.validation(field, f.getMessage());
        }
        if (f.data() instanceof JsonObject error && error.containsKey("error")) {
            ApiException e = new ApiException(f.http() == 200 ? 502 : f.http(), error.getString("error"),
                    error.getString("message", f.getMessage()));
            error.forEach((k, v) -> {
                if (!k.equals("error") && !k.equals("message")) {
                    e.with(k, v);
                }
            });
            return e;
        }
        return new ApiException(502, "mcp_error", f.getMessage());
    }

    private static JsonValue parse(String text) {
        try (var reader = Json.createReader(new java.io.StringReader(text))) {
            return reader.readValue();
        }
    }
}
