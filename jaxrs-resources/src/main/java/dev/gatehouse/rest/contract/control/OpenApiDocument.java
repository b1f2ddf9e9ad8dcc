package dev.gatehouse.rest.contract.control;

import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.Public;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds Gatehouse's OpenAPI 3.1 document from the JAX-RS resource classes themselves, so an
 * endpoint cannot exist without appearing in the contract.
 *
 * <p>Reflection gives what the code already says: every resource method's HTTP method and path,
 * its path, query and header parameters, whether it takes a JSON body ({@link JsonBody}), whether
 * it is {@link Public} and which {@link RequiresScopes scopes} it requires (as the security
 * requirement, the {@code x-required-scopes} extension and a line of the description), and from
 * that the error responses that can happen (401/403 when authenticated, 404 with path parameters,
 * 413/422 with a body, 409/422 and {@code Idempotency-Key} for writes, 429, 500).
 *
 * <p>What reflection cannot see — summaries, the JSON shapes of bodies, success statuses, list
 * filters — comes from a sidecar file next to each resource class, {@code <SimpleName>.openapi.json}
 * on the classpath (in {@code src/main/resources} under the class's package):
 * <pre>{@code
 * {"tag": {"name": "API keys", "description": "..."},
 *  "schemas": {"ApiKeyCreate": {...}},                 // request bodies, merged into components.schemas
 *  "operations": {
 *    "<java method name>": {
 *      "operationId": "createApiKey", "summary": "...", "description": "...",
 *      "status": 201,                                   // success status (default 200)
 *      "request": "ApiKeyCreate",                       // schema of the JSON body
 *      "data": "ApiKeyIssued",                          // response {"data": <schema>, "message"?}
 *      "list": "ApiKey",                                // or a list {"data": [..], "meta", "links"}
 *      "body": "KeyVerdict",                            // or the schema of the whole body
 *      "filters": {"status": {"type": "string", "enum": [...]}},  // extra query parameters of a list
 *      "mediaType": "application/yaml",                 // of the success body (default application/json)
 *      "errors": {"400": "key_limit_reached",           // endpoint-specific errors: error codes of a 400,
 *                 "502": "The upstream failed: ..."}    // the description of a status above 500
 *    }}}
 * }</pre>
 * The schemas of response bodies are not written there: they are derived from the response
 * records the resource lists in {@link Wire.Records} ({@link RecordSchemas}), the same records the
 * resource answers with.
 * An operation without a sidecar entry still appears, with a generic body; the contract test in
 * jaxrs-resources fails until it has a summary and a response shape.
 */
public final class OpenApiDocument {

    /** Where the document is served, relative to the application path. */
    public static final String DEFAULT_BASE_PATH = "/api/v1";

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(:[^}]*)?}");
    private static final List<String> METHOD_ORDER = List.of("get", "post", "put", "patch", "delete", "head", "options");
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    private static final String[] LIST_PARAMETERS = {"page", "per_page", "limit", "offset", "sort", "fields", "search",
        "created_after", "created_before", "updated_after", "updated_before"};

    private OpenApiDocument() {
    }

    /**
     * The document for these JAX-RS classes (non-resource classes are skipped).
     *
     * @param classes  what the JAX-RS application registers
     * @param basePath the application path, as the server URL (e.g. {@code /api/v1})
     */
    public static JsonObject build(Collection<Class<?>> classes, String basePath) {
        JsonObject base = read(OpenApiDocument.class, "openapi-base.json");
        Map<String, Map<String, JsonObject>> paths = new TreeMap<>();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        Map<String, JsonValue> schemas = new TreeMap<>(base.getJsonObject("components").getJsonObject("schemas"));
        Set<String> operationIds = new LinkedHashSet<>();
        List<Class<?>> resources = classes.stream().filter(c -> c.isAnnotationPresent(Path.class))
                .sorted(Comparator.comparing(Class::getName)).toList();
        for (Class<?> resource : resources) {
            JsonObject sidecar = sidecar(resource);
            JsonObject tag = sidecar.containsKey("tag") ? sidecar.getJsonObject("tag")
                    : Json.createObjectBuilder().add("name", resource.getAnnotation(Path.class).value()).build();
            tags.putIfAbsent(tag.getString("name"), tag);
            if (sidecar.containsKey("schemas")) {
                sidecar.getJsonObject("schemas").forEach((name, schema) -> {
                    if (schemas.putIfAbsent(name, schema) != null && !schemas.get(name).equals(schema)) {
                        throw new IllegalStateException("Schema " + name + " is defined differently by " + resource.getName());
                    }
                });
            }
            Wire.Records records = resource.getAnnotation(Wire.Records.class);
            if (records != null) {
                for (Class<? extends Record> record : records.value()) {
                    RecordSchemas.derive(record, schemas);
                }
            }
            JsonObject operations = sidecar.containsKey("operations") ? sidecar.getJsonObject("operations") : JsonValue.EMPTY_JSON_OBJECT;
            Method[] methods = resource.getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method method : methods) {
                String http = httpMethod(method);
                if (http == null || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                String path = path(resource, method);
                JsonObject doc = operations.containsKey(method.getName()) ? operations.getJsonObject(method.getName())
                        : JsonValue.EMPTY_JSON_OBJECT;
                JsonObject operation = operation(resource, method, http, path, tag.getString("name"), doc, schemas);
                if (!operationIds.add(operation.getString("operationId"))) {
                    throw new IllegalStateException("Duplicate operationId " + operation.getString("operationId"));
                }
                JsonObject previous = paths.computeIfAbsent(path, p -> new TreeMap<>(Comparator.comparing(METHOD_ORDER::indexOf)))
                        .put(http, operation);
                if (previous != null) {
                    throw new IllegalStateException("Two operations for " + http.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        JsonObjectBuilder pathsJson = Json.createObjectBuilder();
        paths.forEach((path, ops) -> {
            JsonObjectBuilder item = Json.createObjectBuilder();
            ops.forEach(item::add);
            pathsJson.add(path, item);
        });
        JsonArrayBuilder tagsJson = Json.createArrayBuilder();
        tags.values().forEach(tagsJson::add);
        JsonObjectBuilder schemasJson = Json.createObjectBuilder();
        schemas.forEach(schemasJson::add);
        JsonObject components = Json.createObjectBuilder(base.getJsonObject("components")).add("schemas", schemasJson).build();
        return Json.createObjectBuilder(base)
                .add("servers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("url", basePath)))
                .add("tags", tagsJson)
                .add("paths", pathsJson)
                .add("components", components)
                .build();
    }

    private static JsonObject operation(Class<?> resource, Method method, String http, String path, String tag, JsonObject doc,
                                        Map<String, JsonValue> schemas) {
        boolean isPublic = method.isAnnotationPresent(Public.class) || resource.isAnnotationPresent(Public.class);
        RequiresScopes scopes = method.isAnnotationPresent(RequiresScopes.class) ? method.getAnnotation(RequiresScopes.class)
                : resource.getAnnotation(RequiresScopes.class);
        boolean write = WRITES.contains(http);
        JsonObjectBuilder op = Json.createObjectBuilder();
        op.add("tags", Json.createArrayBuilder().add(tag));
        op.add("operationId", doc.getString("operationId", defaultOperationId(resource, method)));
        op.add("summary", doc.getString("summary", method.getName()));

        StringBuilder description = new StringBuilder();
        if (doc.containsKey("description")) {
            description.append(doc.getString("description")).append("\n\n");
        }
        if (isPublic) {
            description.append("**Authentication:** none.");
            op.add("security", JsonValue.EMPTY_JSON_ARRAY);
        } else if (scopes == null || scopes.value().length == 0) {
            description.append("**Required scopes:** none; any valid key.");
        } else {
            description.append("**Required scopes:** ").append(scopes.any() && scopes.value().length > 1 ? "any of " : "")
                    .append(String.join(", ", Arrays.stream(scopes.value()).map(s -> "`" + s + "`").toList())).append('.');
        }
        if (write && !isPublic) {
            description.append(" Safe to retry with an `Idempotency-Key`.");
        }
        op.add("description", description.toString());
        if (!isPublic) {
            JsonArrayBuilder names = Json.createArrayBuilder();
            if (scopes != null) {
                Arrays.stream(scopes.value()).forEach(names::add);
            }
            op.add("x-required-scopes", names);
            op.add("x-required-scopes-mode", scopes != null && scopes.any() ? "any" : "all");
        }

        JsonArrayBuilder parameters = Json.createArrayBuilder();
        boolean hasBody = false;
        Set<String> templated = new LinkedHashSet<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            templated.add(m.group(1));
        }
        Set<String> declaredPath = new LinkedHashSet<>();
        for (Parameter p : method.getParameters()) {
            if (p.isAnnotationPresent(PathParam.class)) {
                String name = p.getAnnotation(PathParam.class).value();
                declaredPath.add(name);
                parameters.add(Json.createObjectBuilder().add("name", name).add("in", "path").add("required", true)
                        .add("schema", schema(p.getType(), null)));
            } else if (p.isAnnotationPresent(QueryParam.class)) {
                parameters.add(Json.createObjectBuilder().add("name", p.getAnnotation(QueryParam.class).value()).add("in", "query")
                        .add("schema", schema(p.getType(), p.getAnnotation(DefaultValue.class))));
            } else if (p.isAnnotationPresent(HeaderParam.class)) {
                parameters.add(Json.createObjectBuilder().add("name", p.getAnnotation(HeaderParam.class).value()).add("in", "header")
                        .add("schema", schema(p.getType(), p.getAnnotation(DefaultValue.class))));
            } else if (!p.isAnnotationPresent(Context.class) && !isJaxRsAnnotated(p)) {
                hasBody = true;
            }
        }
        for (String name : templated) {
            if (!declaredPath.contains(name)) {
                parameters.add(Json.createObjectBuilder().add("name", name).add("in", "path").add("required", true)
                        .add("schema", Json.createObjectBuilder().add("type", "string")));
            }
        }
        boolean isList = doc.containsKey("list");
        if (isList) {
            for (String name : LIST_PARAMETERS) {
                parameters.add(ref("parameters", name));
            }
            if (doc.containsKey("filters")) {
                doc.getJsonObject("filters").forEach((name, schema) -> parameters.add(Json.createObjectBuilder()
                        .add("name", name).add("in", "query").add("description", "Filter by " + name + ".").add("schema", schema)));
            }
        }
        if (!isPublic) {
            parameters.add(ref("parameters", "WorkspaceId"));
            if (write) {
                parameters.add(ref("parameters", "IdempotencyKey"));
            }
        }
        JsonArray params = parameters.build();
        if (!params.isEmpty()) {
            op.add("parameters", params);
        }
        if (hasBody) {
            JsonValue schema = doc.containsKey("request") ? schemaRef(doc.getString("request")) : ref("schemas", "AnyObject");
            op.add("requestBody", Json.createObjectBuilder().add("required", doc.getBoolean("requestRequired", true))
                    .add("content", Json.createObjectBuilder().add("application/json",
                            Json.createObjectBuilder().add("schema", schema))));
        }

        op.add("responses", OperationResponses.of(doc, schemas, isPublic, write, hasBody, isList, !templated.isEmpty()));
        return op.build();
    }

    static JsonObject schemaRef(String name) {
        return ref("schemas", name);
    }

    static JsonObject ref(String kind, String name) {
        return Json.createObjectBuilder().add("$ref", "#/components/" + kind + "/" + name).build();
    }

    private static JsonObject schema(Class<?> type, DefaultValue defaultValue) {
        JsonObjectBuilder s = Json.createObjectBuilder();
        if (type == long.class || type == Long.class) {
            s.add("type", "integer").add("format", "int64");
        } else if (type == int.class || type == Integer.class) {
            s.add("type", "integer").add("format", "int32");
        } else if (type == boolean.class || type == Boolean.class) {
            s.add("type", "boolean");
        } else {
            s.add("type", "string");
        }
        if (defaultValue != null) {
            s.add("default", defaultValue.value());
        }
        return s.build();
    }

    private static boolean isJaxRsAnnotated(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            if (a.annotationType().getPackageName().startsWith("jakarta.ws.rs")) {
                return true;
            }
        }
        return false;
    }

    static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    static String path(Class<?> resource, Method method) {
        String joined = "/" + resource.getAnnotation(Path.class).value()
                + (method.isAnnotationPresent(Path.class) ? "/" + method.getAnnotation(Path.class).value() : "");
        String clean = TEMPLATE.matcher(joined).replaceAll("{$1}").replaceAll("/{2,}", "/");
        return clean.length() > 1 && clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean;
    }

    private static String defaultOperationId(Class<?> resource, Method method) {
        String feature = resource.getSimpleName().replaceFirst("Resource$", "");
        return Character.toLowerCase(feature.charAt(0)) + feature.substring(1)
                + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
    }

    /** The sidecar of a resource class, or an empty object. */
    static JsonObject sidecar(Class<?> resource) {
        return read(resource, resource.getSimpleName() + ".openapi.json");
    }

    private static JsonObject read(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            try (JsonReader reader = Json.createReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " next to " + anchor.getName(), e);
        }
    }

    /** Lists what the sidecars leave undocumented: operations without a summary or a response shape. */
    public static List<String> undocumented(Collection<Class<?>> classes) {
        List<String> missing = new ArrayList<>();
        for (Class<?> resource : classes) {
            if (!resource.isAnnotationPresent(Path.class)) {
                continue;
            }
            JsonObject operations = sidecar(resource).getJsonObject("operations");
            for (Method method : resource.getMethods()) {
                if (httpMethod(method) == null) {
                    continue;
                }
                JsonObject doc = operations == null ? null : operations.getJsonObject(method.getName());
                String where = resource.getSimpleName() + "." + method.getName() + " ("
                        + httpMethod(method).toUpperCase(Locale.ROOT) + " " + path(resource, method) + ")";
                if (doc == null || !doc.containsKey("summary") || !doc.containsKey("operationId")) {
                    missing.add(where + ": no summary/operationId in " + resource.getSimpleName() + ".openapi.json");
                } else if (!(doc.containsKey("data") || doc.containsKey("list") || doc.containsKey("body")
                        || doc.getInt("status", 200) == 204)) {
                    missing.add(where + ": no response shape (data, list, body or status 204)");
                }
            }
        }
        return missing;
    }
}
