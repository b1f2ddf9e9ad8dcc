package dev.gatehouse.rest.mcp.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gatehouse's own MCP tools, derived from the OpenAPI document ({@code OpenApiDocument}) so the two
 * cannot drift: one tool per operation, named after its operationId in snake case. The input schema
 * holds the operation's path, query and header parameters as arguments (headers in snake case:
 * {@code x_workspace_id}, {@code idempotency_key}) and its JSON body as {@code body}; the output
 * schema is the success response's schema; the annotations follow from the HTTP method. Schemas
 * referenced from {@code components} are copied into the tool's {@code $defs}.
 *
 * <p>The contract's own operations (tag {@code Contract}) are not tools: the document is the
 * resource {@code gatehouse://openapi.json}. Nor is the REST surface over MCP itself (tag {@code MCP}):
 * a tool that calls tools would only be a longer way round.
 */
public final class GatehouseTools {

    private static final Set<String> SKIPPED_TAGS = Set.of("Contract", "MCP");
    private static final String COMPONENT_SCHEMAS = "#/components/schemas/";

    private final Map<String, GatehouseTool> tools;

    private GatehouseTools(Map<String, GatehouseTool> tools) {
        this.tools = Collections.unmodifiableMap(tools);
    }

    /** The tools of this OpenAPI document, in path order. */
    public static GatehouseTools from(JsonObject openApi) {
        JsonObject components = openApi.getJsonObject("components");
        Map<String, GatehouseTool> tools = new LinkedHashMap<>();
        openApi.getJsonObject("paths").forEach((path, item) -> {
            ((JsonObject) item).forEach((method, op) -> {
                JsonObject operation = (JsonObject) op;
                if (skipped(operation)) {
                    return;
                }
                GatehouseTool tool = tool(path, method.toUpperCase(Locale.ROOT), operation, components);
                if (tools.put(tool.name(), tool) != null) {
                    throw new IllegalStateException("Two operations make the tool " + tool.name());
                }
            });
        });
        return new GatehouseTools(tools);
    }

    /** Every tool by name. */
    public Map<String, GatehouseTool> all() {
        return tools;
    }

    /** The tool of this name, or null. */
    public GatehouseTool find(String name) {
        return tools.get(name);
    }

    private static boolean skipped(JsonObject operation) {
        JsonArray tags = operation.getJsonArray("tags");
        return tags != null && tags.getValuesAs(JsonString.class).stream().anyMatch(t -> SKIPPED_TAGS.contains(t.getString()));
    }

    static GatehouseTool tool(String path, String method, JsonObject operation, JsonObject components) {
        String name = snake(operation.getString("operationId"));
        Set<String> refs = new LinkedHashSet<>();
        JsonObjectBuilder properties = Json.createObjectBuilder();
        JsonArrayBuilder required = Json.createArrayBuilder();
        Map<String, GatehouseTool.Parameter> arguments = new LinkedHashMap<>();
        JsonArray parameters = operation.getJsonArray("parameters");
        for (JsonValue p : parameters == null ? JsonValue.EMPTY_JSON_ARRAY : parameters) {
            JsonObject parameter = resolveParameter((JsonObject) p, components);
            String in = parameter.getString("in");
            String argument = "header".equals(in) ? snake(parameter.getString("name").replace('-', '_')) : parameter.getString("name");
            boolean isRequired = parameter.getBoolean("required", false);
            JsonObject schema = parameter.getJsonObject("schema");
            JsonObjectBuilder property = Json.createObjectBuilder(rewrite(schema, refs).asJsonObject());
            if (parameter.containsKey("description")) {
                property.add("description", parameter.getString("description"));
            }
            add(arguments, argument, new GatehouseTool.Parameter(GatehouseTool.In.valueOf(in.toUpperCase(Locale.ROOT)),
                    parameter.getString("name"), schema.getString("type", "string"), isRequired), name);
            properties.add(argument, property);
            if (isRequired) {
                required.add(argument);
            }
        }
        boolean hasBody = operation.containsKey("requestBody");
        if (hasBody) {
            JsonObject requestBody = operation.getJsonObject("requestBody");
            JsonObject schema = requestBody.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
            boolean isRequired = requestBody.getBoolean("required", true);
            add(arguments, "body", new GatehouseTool.Parameter(GatehouseTool.In.BODY, "body", "object", isRequired), name);
            properties.add("body", Json.createObjectBuilder(rewrite(schema, refs).asJsonObject())
                    .add("description", "The JSON request body."));
            if (isRequired) {
                required.add("body");
            }
        }
        JsonObjectBuilder input = Json.createObjectBuilder().add("type", "object").add("properties", properties)
                .add("required", required).add("additionalProperties", false);
        JsonObject defs = defs(refs, components);
        if (!defs.isEmpty()) {
            input.add("$defs", defs);
        }

        JsonObject output = outputSchema(operation, components);
        List<String> scopes = new ArrayList<>();
        JsonArray declared = operation.getJsonArray("x-required-scopes");
        if (declared != null) {
            declared.getValuesAs(JsonString.class).forEach(s -> scopes.add(s.getString()));
        }
        boolean any = "any".equals(operation.getString("x-required-scopes-mode", "all"));

        JsonObjectBuilder definition = Json.createObjectBuilder()
                .add("name", name)
                .add("title", operation.getString("summary", name))
                .add("description", operation.getString("summary", name) + ". " + method + " " + path + ". "
                        + operation.getString("description", ""))
                .add("inputSchema", input.build())
                .add("annotations", annotations(method, operation.getString("summary", name)));
        if (output != null) {
            definition.add("outputSchema", output);
        }
        return new GatehouseTool(name, method, path, arguments, hasBody, List.copyOf(scopes), any, output != null,
                definition.build());
    }

    private static void add(Map<String, GatehouseTool.Parameter> arguments, String name, GatehouseTool.Parameter parameter,
                            String tool) {
        if (arguments.put(name, parameter) != null) {
            throw new IllegalStateException("Tool " + tool + " has two arguments named " + name);
        }
    }

    private static JsonObject annotations(String method, String title) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        return Json.createObjectBuilder()
                .add("title", title)
                .add("readOnlyHint", read)
                .add("destructiveHint", method.equals("DELETE"))
                .add("idempotentHint", read || method.equals("PUT") || method.equals("DELETE"))
                .add("openWorldHint", false)
                .build();
    }

    /** The success response's schema as an object schema, or null when it is not a JSON object. */
    private static JsonObject outputSchema(JsonObject operation, JsonObject components) {
        for (Map.Entry<String, JsonValue> response : operation.getJsonObject("responses").entrySet()) {
            if (!response.getKey().startsWith("2")) {
                continue;
            }
            JsonObject content = response.getValue().asJsonObject().getJsonObject("content");
            if (content == null || !content.containsKey("application/json")) {
                return null;
            }
            JsonObject schema = content.getJsonObject("application/json").getJsonObject("schema");
            Set<String> refs = new LinkedHashSet<>();
            JsonObject top = schema;
            if (schema.containsKey("$ref")) {
                String ref = schema.getString("$ref");
                top = components.getJsonObject("schemas").getJsonObject(ref.substring(COMPONENT_SCHEMAS.length()));
            }
            if (top == null || !"object".equals(top.getString("type", ""))) {
                return null;
            }
            JsonObjectBuilder output = Json.createObjectBuilder(rewrite(top, refs).asJsonObject());
            JsonObject defs = defs(refs, components);
            if (!defs.isEmpty()) {
                output.add("$defs", defs);
            }
            return output.build();
        }
        return null;
    }

    private static JsonObject resolveParameter(JsonObject parameter, JsonObject components) {
        if (!parameter.containsKey("$ref")) {
            return parameter;
        }
        String ref = parameter.getString("$ref");
        return components.getJsonObject("parameters").getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** Copies the referenced component schemas (and theirs, transitively) into a {@code $defs} object. */
    private static JsonObject defs(Set<String> refs, JsonObject components) {
        JsonObject schemas = components.getJsonObject("schemas");
        Map<String, JsonValue> defs = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(refs);
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (defs.containsKey(name)) {
                continue;
            }
            JsonObject schema = schemas.getJsonObject(name);
            if (schema == null) {
                throw new IllegalStateException("No schema " + name + " in the OpenAPI document");
            }
            Set<String> more = new LinkedHashSet<>();
            defs.put(name, rewrite(schema, more));
            pending.addAll(more);
        }
        JsonObjectBuilder out = Json.createObjectBuilder();
        defs.forEach(out::add);
        return out.build();
    }

    /** The schema with {@code #/components/schemas/X} references pointing at {@code #/$defs/X}. */
    private static JsonValue rewrite(JsonValue value, Set<String> refs) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder out = Json.createObjectBuilder();
                value.asJsonObject().forEach((key, v) -> {
                    if (key.equals("$ref") && v instanceof JsonString s && s.getString().startsWith(COMPONENT_SCHEMAS)) {
                        String name = s.getString().substring(COMPONENT_SCHEMAS.length());
                        refs.add(name);
                        out.add(key, "#/$defs/" + name);
                    } else {
                        out.add(key, rewrite(v, refs));
                    }
                });
                return out.build();
            }
            case ARRAY -> {
                JsonArrayBuilder out = Json.createArrayBuilder();
                value.asJsonArray().forEach(v -> out.add(rewrite(v, refs)));
                return out.build();
            }
            default -> {
                return value;
            }
        }
    }

    /** {@code listWebhookEndpoints} → {@code list_webhook_endpoints}; {@code X_Workspace_ID} → {@code x_workspace_id}. */
    static String snake(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean boundary = i > 0 && name.charAt(i - 1) != '_'
                        && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))
                        || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
                if (boundary) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
