package dev.gatehouse.rest.mcp.boundary;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.entitlements.boundary.WorkspaceUsage;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.mcp.control.GatewayRecords;
import dev.gatehouse.rest.mcp.control.McpGateway;
import dev.gatehouse.rest.mcp.control.UpstreamServer;
import dev.gatehouse.rest.mcp.control.UpstreamServers;
import dev.gatehouse.rest.mcp.control.UpstreamSpec;
import dev.gatehouse.rest.mcp.control.UpstreamStore;
import dev.gatehouse.rest.mcp.gateway.UpstreamFailure;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.webhooks.UrlPolicy;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import dev.gatehouse.rest.contract.control.OpenApiDocument;
import dev.gatehouse.rest.mcp.control.GatehouseMcp;
import dev.gatehouse.rest.mcp.control.GatehouseTool;
import dev.gatehouse.rest.mcp.control.McpFailure;
import dev.gatehouse.rest.mcp.control.RestDispatcher;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
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
 * Seed 001's REST surface over MCP: the MCP servers a key can use — Gatehouse's own ({@code gatehouse})
 * and the upstream servers its workspace registered (the gateway) — their tools, a tool call and a
 * resource read, plus registering, changing and removing upstream servers. A call to Gatehouse's own
 * tool runs exactly as over {@code /mcp} (the tool's REST operation under the caller's key, so its
 * scopes apply on top of {@code mcp:write}); a call to an upstream's tool is forwarded with the
 * server's stored headers, metered as {@code mcp_calls} and audited as {@code mcp.tool_called}.
 *
 * <p>Application-scoped, holding nothing of a request (the request's parts come through request-scoped
 * beans' proxies and method parameters): creating it per request with its injections took about a
 * tenth of a gateway call's CPU (async-profiler, BENCHMARKS.md "MCP gateway overhead").
 */
@Path("mcp")
@Wire.Records({McpViews.Server.class, McpViews.Tool.class, McpViews.ResourceContent.class})
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class McpResource {

    static final String METERED_FEATURE = "mcp_calls";
    /** Looked up once: {@code Json.create…} asks the ServiceLoader for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> FIELDS = List.of("id", "name", "description", "url", "headers", "allowed_tools", "timeout_ms");

    @Inject
    GatehouseMcp mcp;

    @Inject
    McpGateway gateway;

    @Inject
    UpstreamStore upstreams;

    /** The request path's cached view of {@link #upstreams}. */
    @Inject
    UpstreamServers servers;

    @Inject
    GatewayRecords records;

    @Inject
    UrlPolicy urlPolicy;

    @Inject
    CurrentRequest current;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceUsage usage;

    @Inject
    PlanCatalog plans;

    @Inject
    JpaAuditSink audit;

    @Inject
    Clock clock;

    /** CDI's request (the one the container received), not JAX-RS's proxy: see {@link RestDispatcher}. */
    @Inject
    HttpServletRequest request;

    @Inject
    ServletContext servletContext;

    @GET
    @Path("servers")
    @RequiresScopes("mcp:read")
    public JsonObject servers() {
        List<Object> servers = new ArrayList<>();
        servers.add(McpViews.Server.gatehouse(visibleTools().stream().map(GatehouseTool::name).toList()));
        workspace().ifPresent(ws -> upstreams.list(ws).forEach(s -> servers.add(McpViews.Server.upstream(s, gateway.tools(s)))));
        return Bodies.data(servers);
    }

    @GET
    @Path("servers/{id}")
    @RequiresScopes("mcp:read")
    public JsonObject server(@PathParam("id") String id) {
        if (GatehouseMcp.SERVER_ID.equals(id)) {
            return Bodies.data(McpViews.Server.gatehouse(visibleTools().stream().map(GatehouseTool::name).toList()));
        }
        UpstreamServer s = upstream(id);
        return Bodies.data(McpViews.Server.upstream(s, gateway.tools(s)));
    }

    @GET
    @Path("servers/{id}/tools")
    @RequiresScopes("mcp:read")
    public JsonObject tools(@PathParam("id") String id) {
        List<Object> tools = new ArrayList<>();
        if (GatehouseMcp.SERVER_ID.equals(id)) {
            for (GatehouseTool tool : visibleTools()) {
                tools.add(McpViews.Tool.from(tool.name(), tool.name(), tool.definition()));
            }
            return Bodies.data(tools);
        }
        UpstreamServer s = upstream(id);
        McpGateway.Listing listing = gateway.tools(s);
        if (listing.failure() != null) {
            throw unavailable(s, listing.failure());
        }
        for (JsonObject tool : listing.tools()) {
            String name = tool.getString("name");
            tools.add(McpViews.Tool.from(name.substring(id.length() + UpstreamSpec.SEPARATOR.length()), name, tool));
        }
        return Bodies.data(tools);
    }

    /** Every registered upstream's offered tools as {@code /mcp} lists them; upstreams that cannot be asked are left out. */
    @GET
    @Path("tools")
    @RequiresScopes("mcp:read")
    public JsonObject gatewayTools() {
        List<Object> tools = new ArrayList<>();
        workspace().ifPresent(ws -> servers.list(ws).forEach(s -> tools.addAll(gateway.tools(s).tools())));
        return Bodies.data(tools);
    }

    @POST
    @Path("servers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScopes("mcp:write")
    public Response register(JsonBody body, @Context UriInfo uri) {
        body.allowOnly(FIELDS.toArray(String[]::new)).require("id", "name", "url");
        UpstreamSpec spec = spec(body, true);
        long ws = tenancy.workspaceId();
        UpstreamServer created;
        try {
            created = upstreams.create(ws, spec);
        } catch (UpstreamStore.DuplicateSlug duplicate) {
            throw ApiException.conflict(duplicate.getMessage());
        }
        auditChange("mcp_server.registered", created);
        return Response.created(uri.getAbsolutePathBuilder().path(created.slug()).build())
                .entity(Bodies.message("MCP server registered.", McpViews.Server.upstream(created, gateway.tools(created))))
                .build();
    }

    @PATCH
    @Path("servers/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScopes("mcp:write")
    public JsonObject update(@PathParam("id") String id, JsonBody body) {
        builtIn(id);
        UpstreamServer before = upstream(id);
        body.allowOnly(FIELDS.stream().filter(f -> !f.equals("id")).toArray(String[]::new));
        for (String field : List.of("name", "url", "timeout_ms")) {
            if (body.isNull(field)) {
                body.error(field, "cannot be null.");
            }
        }
        UpstreamSpec spec = spec(body, false);
        UpstreamServer updated = upstreams.update(before.workspaceId(), id, spec).orElseThrow(ApiException::notFound);
        gateway.forget(before);
        auditChange("mcp_server.updated", updated);
        return Bodies.message("MCP server updated.", McpViews.Server.upstream(updated, gateway.tools(updated)));
    }

    @DELETE
    @Path("servers/{id}")
    @RequiresScopes("mcp:write")
    public Response delete(@PathParam("id") String id) {
        builtIn(id);
        UpstreamServer s = upstream(id);
        if (!upstreams.delete(s.workspaceId(), id)) {
            throw ApiException.notFound();
        }
        gateway.forget(s);
        auditChange("mcp_server.deleted", s);
        return Response.noContent().build();
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
        JsonObject args = arguments.getValueType() == JsonValue.ValueType.OBJECT ? arguments.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        if (!GatehouseMcp.SERVER_ID.equals(server)) {
            return JSON.createObjectBuilder().add("result", callUpstream(server, tool, args)).build();
        }
        try {
            JsonObject result = mcp.server().call(tool, args, rest());
            return JSON.createObjectBuilder().add("result", result).build();
        } catch (McpFailure f) {
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
            return Bodies.data(new McpViews.ResourceContent(decoded, content.getString("mimeType"),
                    parse(content.getString("text"))));
        } catch (McpFailure f) {
            throw refused(f, "uri");
        }
    }

    /**
     * Forwards one call: the tool must be one the server offers; the plan's {@code mcp_calls} must have
     * room (when the catalog has the feature) and is counted once the upstream answered; every attempt is
     * audited with its server, tool, duration and outcome — never its arguments. The audit event and the
     * usage are written in one transaction ({@link GatewayRecords}) before the answer.
     */
    private JsonObject callUpstream(String slug, String tool, JsonObject arguments) {
        Workspace ws = tenancy.workspace();
        UpstreamServer s = servers.find(ws.id(), slug).orElseThrow(() ->
                ApiException.validation("server", "is not an MCP server of this workspace: " + slug + "."));
        if (!s.allowedTools().allows(tool)) {
            throw ApiException.validation("tool", "is not a tool MCP server " + slug + " offers: " + tool + ".");
        }
        String metered = plans.feature(METERED_FEATURE).isPresent() ? METERED_FEATURE : null;
        if (metered != null) {
            usage.require(metered, 1);
        }
        Instant started = clock.instant();
        JsonObject result;
        try {
            result = gateway.call(s, tool, arguments);
        } catch (UpstreamFailure f) {
            records.called(callEvent(s, tool, started, f.kind().code()), ws, null);
            throw unavailable(s, f);
        }
        records.called(callEvent(s, tool, started, result.getBoolean("isError", false) ? "tool_error" : "ok"), ws, metered);
        return result;
    }

    private static ApiException unavailable(UpstreamServer s, UpstreamFailure f) {
        McpViews.UpstreamError error = McpViews.UpstreamError.of(s, f);
        return new ApiException(f.kind() == UpstreamFailure.Kind.TIMEOUT ? 504 : 502, error.code(), error.message())
                .with("server", s.slug()).with("upstream_code", f.rpcCode());
    }

    private AuditEvent callEvent(UpstreamServer s, String tool, Instant started, String outcome) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("server", s.slug());
        details.put("tool", tool.length() > 128 ? tool.substring(0, 128) : tool);
        details.put("duration_ms", Long.toString(Duration.between(started, clock.instant()).toMillis()));
        details.put("outcome", outcome);
        return event("mcp.tool_called", s.workspaceId(), details);
    }

    private void auditChange(String type, UpstreamServer s) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("server", s.slug());
        details.put("headers", String.join(" ", s.headerNames()));
        record(type, s.workspaceId(), details);
    }

    private void record(String type, long workspaceId, Map<String, String> details) {
        audit.record(event(type, workspaceId, details));
    }

    private AuditEvent event(String type, long workspaceId, Map<String, String> details) {
        Caller caller = current.caller();
        return new AuditEvent(type, workspaceId, caller.keyId(), null, null, caller.requestId(), clock.instant(), details);
    }

    /** The body as a spec: JSON null clears description, headers and allowed_tools (on update). */
    private UpstreamSpec spec(JsonBody body, boolean creating) {
        Map<String, String> headers = null;
        if (body.isNull("headers")) {
            headers = Map.of();
        } else if (body.has("headers")) {
            if (body.json().get("headers") instanceof JsonObject object) {
                headers = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                    if (e.getValue() instanceof JsonString value) {
                        headers.put(e.getKey(), value.getString());
                    } else {
                        body.error("headers", "must map header names to strings.");
                    }
                }
            } else {
                body.error("headers", "must be an object of header names to values.");
            }
        }
        List<String> allowed = body.isNull("allowed_tools") ? List.of() : body.stringList("allowed_tools").orElse(null);
        String description = body.isNull("description") ? "" : body.string("description").orElse(null);
        Long timeout = body.integer("timeout_ms").orElse(null);
        body.validate();
        UpstreamSpec spec = new UpstreamSpec(creating ? body.string("id").orElse(null) : null, body.string("name").orElse(null),
                description, body.string("url").orElse(null), headers, allowed,
                timeout == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, timeout)));
        spec.validate(creating, urlPolicy);
        return spec;
    }

    /** The workspace the caller acts in, or none for a root key that names none (it sees only Gatehouse's server). */
    private Optional<Long> workspace() {
        if (current.caller().isRoot() && current.workspaceHeader() == null) {
            return Optional.empty();
        }
        return Optional.of(tenancy.workspaceId());
    }

    private UpstreamServer upstream(String id) {
        return upstreams.find(tenancy.workspaceId(), id).orElseThrow(ApiException::notFound);
    }

    private static void builtIn(String id) {
        if (GatehouseMcp.SERVER_ID.equals(id)) {
            throw ApiException.badRequest("builtin_server", "gatehouse is Gatehouse's own MCP server; it cannot be changed or removed.");
        }
    }

    private RestDispatcher rest() {
        return new RestDispatcher(servletContext, OpenApiDocument.DEFAULT_BASE_PATH, request);
    }

    private List<GatehouseTool> visibleTools() {
        return mcp.server().toolsFor(current.caller().key().scopes());
    }

    /** An MCP refusal as the REST error it stands for. */
    private static ApiException refused(McpFailure f, String field) {
        if (f.notFound()) {
            return ApiException.notFound();
        }
        if (f.invalidParams()) {
            return ApiException.validation(field, f.getMessage());
        }
        if (f.data() instanceof JsonObject error && error.containsKey("error")) {
            ApiException e = new ApiException(f.http() == 200 ? 502 : f.http(), error.getString("error"),
                    error.getString("message", f.getMessage()));
            for (Map.Entry<String, JsonValue> extra : error.entrySet()) {
                if (!extra.getKey().equals("error") && !extra.getKey().equals("message")) {
                    e = e.with(extra.getKey(), extra.getValue()); // with() returns a copy
                }
            }
            return e;
        }
        return new ApiException(502, "mcp_error", f.getMessage());
    }

    private static JsonValue parse(String text) {
        try (var reader = JSON.createReader(new java.io.StringReader(text))) {
            return reader.readValue();
        }
    }
}
