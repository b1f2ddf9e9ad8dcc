package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.keys.ScopeSet;
import dev.gatehouse.rest.mcp.gateway.UpstreamClient;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP server's protocol: one JSON-RPC message in, one HTTP outcome out. Stateless — no session
 * is kept between requests, every request is authenticated on its own and {@code initialize} only
 * negotiates the revision — so the 2026 revision without sessions and {@code initialize} costs
 * little. Every tool call and resource read is a REST call through {@link Rest}; this class owns
 * only the translation between JSON-RPC and REST.
 */
public final class McpServer {

    /** Supported protocol revisions, newest first (the gateway speaks the same to upstreams). */
    public static final List<String> VERSIONS = UpstreamClient.VERSIONS;
    /** The revision assumed when a request names none (as the 2025-06-18 transport says). */
    public static final String DEFAULT_VERSION = "2025-03-26";

    private static final int RESOURCES_PAGE = 50;
    /** Looked up once: {@code Json.create…} asks the ServiceLoader for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final GatehouseTools tools;
    private final GatehouseResources resources;
    private final String serverVersion;

    public McpServer(GatehouseTools tools, String serverVersion) {
        this.tools = tools;
        this.resources = new GatehouseResources(tools);
        this.serverVersion = serverVersion;
    }

    public GatehouseTools tools() {
        return tools;
    }

    /**
     * What to answer over HTTP.
     *
     * @param status  the HTTP status
     * @param headers extra response headers
     * @param body    the JSON-RPC response, or null for none (202)
     */
    public record Outcome(int status, Map<String, String> headers, JsonObject body) {
        static Outcome accepted() {
            return new Outcome(202, Map.of(), null);
        }

        static Outcome ok(JsonValue id, JsonObject result) {
            return new Outcome(200, Map.of(), JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                    .add("result", result).build());
        }
    }

    /** The tools a key holding these scopes may call. */
    public List<GatehouseTool> toolsFor(ScopeSet scopes) {
        return tools.all().values().stream().filter(t -> t.allowedFor(scopes)).toList();
    }

    /**
     * Calls one tool for a caller already authenticated (the REST surface {@code POST /mcp/tools/call}).
     *
     * @return the MCP {@code CallToolResult}
     * @throws McpFailure for an unknown tool, bad arguments or a refused key
     */
    public JsonObject call(String name, JsonObject arguments, Rest rest) {
        JsonObjectBuilder params = JSON.createObjectBuilder().add("name", name == null ? "" : name);
        params.add("arguments", arguments == null ? JsonValue.EMPTY_JSON_OBJECT : arguments);
        return callTool(params.build(), VERSIONS.get(0), rest);
    }

    /**
     * Reads one resource for a caller already authenticated (the REST surface {@code GET /mcp/resources/{uri}}).
     *
     * @return the MCP {@code ReadResourceResult}
     * @throws McpFailure when it does not exist or the key may not read it
     */
    public JsonObject read(String uri, Rest rest) {
        return readResource(JSON.createObjectBuilder().add("uri", uri).build(), rest);
    }

    /**
     * Handles one POSTed message.
     *
     * @param body            the raw request body
     * @param protocolVersion the {@code MCP-Protocol-Version} header, or null
     * @param rest            the REST API under the caller's credentials
     */
    public Outcome handle(byte[] body, String protocolVersion, Rest rest) {
        JsonValue id = JsonValue.NULL;
        try {
            JsonValue message = parse(body);
            if (message.getValueType() == JsonValue.ValueType.ARRAY) {
                throw new McpFailure(400, McpFailure.INVALID_REQUEST, "Batch requests are not supported; send one JSON-RPC message per request.",
                        null, Map.of());
            }
            if (message.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new McpFailure(400, McpFailure.INVALID_REQUEST, "A JSON-RPC message is a JSON object.", null, Map.of());
            }
            JsonObject m = message.asJsonObject();
            if (m.containsKey("id")) {
                JsonValue candidate = m.get("id");
                if (candidate.getValueType() == JsonValue.ValueType.STRING || candidate.getValueType() == JsonValue.ValueType.NUMBER) {
                    id = candidate;
                } else {
                    throw new McpFailure(400, McpFailure.INVALID_REQUEST, "The id must be a string or a number.", null, Map.of());
                }
            }
            if (!"2.0".equals(stringOrNull(m, "jsonrpc"))) {
                throw new McpFailure(400, McpFailure.INVALID_REQUEST, "The message must say \"jsonrpc\": \"2.0\".", null, Map.of());
            }
            if (protocolVersion != null && !VERSIONS.contains(protocolVersion)) {
                throw new McpFailure(400, McpFailure.INVALID_REQUEST, "Unsupported MCP-Protocol-Version " + protocolVersion
                        + "; supported: " + String.join(", ", VERSIONS) + ".", null, Map.of());
            }
            if (!m.containsKey("method")) {
                if (m.containsKey("id") && (m.containsKey("result") || m.containsKey("error"))) {
                    RestAuthorization.authenticate(rest);
                    return Outcome.accepted();
                }
                throw new McpFailure(400, McpFailure.INVALID_REQUEST, "A request needs a method.", null, Map.of());
            }
            if (m.get("method").getValueType() != JsonValue.ValueType.STRING) {
                throw new McpFailure(400, McpFailure.INVALID_REQUEST, "The method must be a string.", null, Map.of());
            }
            String method = m.getString("method");
            JsonValue rawParams = m.getOrDefault("params", JsonValue.EMPTY_JSON_OBJECT);
            if (rawParams.getValueType() != JsonValue.ValueType.OBJECT) {
                throw McpFailure.params("params must be an object.");
            }
            JsonObject params = rawParams.asJsonObject();
            if (!m.containsKey("id")) {
                RestAuthorization.authenticate(rest);
                return Outcome.accepted();
            }
            String version = protocolVersion == null ? DEFAULT_VERSION : protocolVersion;
            return Outcome.ok(id, dispatch(method, params, version, rest));
        } catch (McpFailure f) {
            JsonObjectBuilder error = JSON.createObjectBuilder().add("code", f.code).add("message", f.getMessage());
            if (f.data != null) {
                error.add("data", f.data);
            }
            return new Outcome(f.http, f.headers, JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                    .add("error", error).build());
        }
    }

    private JsonObject dispatch(String method, JsonObject params, String version, Rest rest) {
        return switch (method) {
            case "initialize" -> {
                RestAuthorization.authenticate(rest);
                yield initialize(params);
            }
            case "ping" -> {
                RestAuthorization.authenticate(rest);
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            case "tools/list" -> listTools(params, version, RestAuthorization.authenticate(rest), rest);
            case "tools/call" -> callTool(params, version, rest);
            case "resources/list" -> listResources(params, RestAuthorization.authenticate(rest));
            case "resources/templates/list" -> listTemplates(params, RestAuthorization.authenticate(rest));
            case "resources/read" -> readResource(params, rest);
            default -> throw new McpFailure(200, McpFailure.METHOD_NOT_FOUND, "Method not found: " + method, null, Map.of());
        };
    }

    private JsonObject initialize(JsonObject params) {
        String requested = stringOrNull(params, "protocolVersion");
        if (requested == null) {
            throw McpFailure.params("initialize needs params.protocolVersion.");
        }
        String version = VERSIONS.contains(requested) ? requested : VERSIONS.get(0);
        return JSON.createObjectBuilder()
                .add("protocolVersion", version)
                .add("capabilities", JSON.createObjectBuilder()
                        .add("tools", JSON.createObjectBuilder().add("listChanged", false))
                        .add("resources", JSON.createObjectBuilder().add("listChanged", false).add("subscribe", false)))
                .add("serverInfo", JSON.createObjectBuilder().add("name", "gatehouse").add("title", "Gatehouse")
                        .add("version", serverVersion))
                .add("instructions", "Gatehouse's REST API as tools: API keys, workspaces, users, webhooks, events, "
                        + "entitlements, plans and the audit log. Each tool is one REST operation under your key's scopes; "
                        + "a root key names the workspace it acts on with the x_workspace_id argument. Secrets (new keys, "
                        + "webhook signing secrets) are shown once, in the answer that creates them.")
                .build();
    }

    private JsonObject listTools(JsonObject params, String version, ScopeSet scopes, Rest rest) {
        if (params.containsKey("cursor")) {
            throw McpFailure.params("Invalid cursor: tools/list is a single page.");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (GatehouseTool tool : tools.all().values()) {
            if (tool.allowedFor(scopes)) {
                list.add(forVersion(tool.definition(), version));
            }
        }
        for (JsonObject upstream : GatewayCalls.tools(scopes, rest)) {
            list.add(forVersion(upstream, version));
        }
        return JSON.createObjectBuilder().add("tools", list).build();
    }

    private static JsonObject forVersion(JsonObject definition, String version) {
        if (!version.equals("2025-03-26")) {
            return definition;
        }
        JsonObjectBuilder b = JSON.createObjectBuilder(definition);
        b.remove("outputSchema");
        b.remove("title");
        return b.build();
    }

    private JsonObject callTool(JsonObject params, String version, Rest rest) {
        String name = stringOrNull(params, "name");
        if (name == null) {
            throw McpFailure.params("tools/call needs params.name.");
        }
        GatehouseTool tool = tools.find(name);
        if (tool == null && !GatewayCalls.isUpstream(name)) {
            throw McpFailure.params("Unknown tool: " + name);
        }
        JsonValue rawArguments = params.getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT);
        if (rawArguments.getValueType() != JsonValue.ValueType.OBJECT) {
            throw McpFailure.params("arguments must be an object.");
        }
        if (tool == null) {
            return GatewayCalls.call(name, rawArguments.asJsonObject(), rest);
        }
        if (tool.scopes().isEmpty()) {
            // A public operation needs no key over REST; /mcp itself does.
            RestAuthorization.authenticate(rest);
        }
        Rest.Call call = ToolCalls.toCall(tool, rawArguments.asJsonObject());
        Rest.Reply reply = rest.call(call);
        RestAuthorization.failOnAuthorization(reply);
        String text = reply.text();
        JsonObjectBuilder result = JSON.createObjectBuilder();
        if (reply.ok()) {
            JsonValue json = text.isEmpty() ? null : parseOrNull(text);
            result.add("content", JSON.createArrayBuilder().add(textContent(text.isEmpty()
                    ? "Done (HTTP " + reply.status() + ", no content)." : text)));
            if (tool.structured() && !version.equals("2025-03-26") && json != null
                    && json.getValueType() == JsonValue.ValueType.OBJECT) {
                result.add("structuredContent", json);
            }
            result.add("isError", false);
        } else {
            result.add("content", JSON.createArrayBuilder().add(textContent(text.isEmpty()
                    ? "HTTP " + reply.status() : text)));
            result.add("isError", true);
        }
        return result.build();
    }

    private JsonObject listResources(JsonObject params, ScopeSet scopes) {
        List<GatehouseResources.Entry> visible = new ArrayList<>();
        for (GatehouseResources.Entry e : resources.fixed()) {
            if (e.tool() == null || e.tool().allowedFor(scopes)) {
                visible.add(e);
            }
        }
        int offset = cursor(params);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        int end = Math.min(visible.size(), offset + RESOURCES_PAGE);
        for (int i = offset; i < end; i++) {
            list.add(visible.get(i).json(false));
        }
        JsonObjectBuilder result = JSON.createObjectBuilder().add("resources", list);
        if (end < visible.size()) {
            result.add("nextCursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return result.build();
    }

    private JsonObject listTemplates(JsonObject params, ScopeSet scopes) {
        if (params.containsKey("cursor")) {
            throw McpFailure.params("Invalid cursor: resources/templates/list is a single page.");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (GatehouseResources.Entry e : resources.templates()) {
            if (e.tool().allowedFor(scopes)) {
                list.add(e.json(true));
            }
        }
        return JSON.createObjectBuilder().add("resourceTemplates", list).build();
    }

    private JsonObject readResource(JsonObject params, Rest rest) {
        String uri = stringOrNull(params, "uri");
        if (uri == null) {
            throw McpFailure.params("resources/read needs params.uri.");
        }
        Optional<GatehouseResources.Target> target = resources.resolve(uri);
        JsonObject notFound = JSON.createObjectBuilder().add("uri", uri).build();
        if (target.isEmpty()) {
            RestAuthorization.authenticate(rest);
            throw new McpFailure(200, McpFailure.RESOURCE_NOT_FOUND, "Resource not found: " + uri, notFound, Map.of());
        }
        if (target.get().entry().tool() == null || target.get().entry().tool().scopes().isEmpty()) {
            RestAuthorization.authenticate(rest);
        }
        Rest.Reply reply = rest.call(new Rest.Call("GET", target.get().restPath(), Map.of(), null));
        RestAuthorization.failOnAuthorization(reply);
        if (reply.status() == 404) {
            throw new McpFailure(200, McpFailure.RESOURCE_NOT_FOUND, "Resource not found: " + uri, notFound, Map.of());
        }
        if (!reply.ok()) {
            throw new McpFailure(200, reply.status() < 500 ? McpFailure.INVALID_PARAMS : McpFailure.INTERNAL_ERROR,
                    "Reading " + uri + " failed with HTTP " + reply.status() + ".", parseOrNull(reply.text()), Map.of());
        }
        return JSON.createObjectBuilder().add("contents", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                .add("uri", uri).add("mimeType", "application/json").add("text", reply.text()))).build();
    }

    private static int cursor(JsonObject params) {
        if (!params.containsKey("cursor")) {
            return 0;
        }
        JsonValue raw = params.get("cursor");
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(((JsonString) raw).getString()), StandardCharsets.UTF_8);
            if (decoded.matches("offset:[0-9]{1,6}")) {
                return Integer.parseInt(decoded.substring("offset:".length()));
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            // fall through: not one of ours
        }
        throw McpFailure.params("Invalid cursor.");
    }

    private static JsonObject textContent(String text) {
        return JSON.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    static String stringOrNull(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static JsonValue parse(byte[] body) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new McpFailure(400, McpFailure.PARSE_ERROR, "Parse error: the body is not valid JSON.", null, Map.of());
        } catch (JsonException e) {
            throw new McpFailure(400, McpFailure.PARSE_ERROR, "Parse error: the body is not a JSON value.", null, Map.of());
        }
    }

    static JsonValue parseOrNull(String text) {
        try (JsonReader reader = JSON.createReader(new java.io.StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            return null;
        }
    }

    /** Percent-encodes one path segment or query value. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static boolean isIntegral(JsonValue v) {
        return v instanceof JsonNumber n && n.isIntegral();
    }
}
