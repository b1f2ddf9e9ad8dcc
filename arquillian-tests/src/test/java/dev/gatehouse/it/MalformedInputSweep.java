package dev.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every operation of the OpenAPI document the server serves with malformed input — wrong
 * types, nulls, missing and unknown fields, huge and deeply nested bodies, NUL and control
 * characters, bad path ids and query values, odd headers — and reports every answer that is a
 * 5xx or not in the documented error shape ({@link #problem}). Driven by the document, so an
 * endpoint added later is swept without a change here. Requests that change state run with the
 * real ids of a workspace made for the sweep; deletions run last so they cannot hide the rest.
 */
final class MalformedInputSweep {

    private static final List<String> BAD_IDS = List.of("abc", "-1", "0", "1.5", "99999999999999999999", "%20", "%01",
            "%E2%82%AC", "x".repeat(1_000), "1e3");
    private static final List<String> BAD_QUERY_VALUES = List.of("", "%00", "%01", "x".repeat(300), "-1", "abc",
            "99999999999999999999", "2026-13-45", "%E2%82%AC");

    private final RawHttp raw;
    private final String root;
    private final long workspace;
    private final AtomicInteger sent = new AtomicInteger();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private int operations;
    private long millis;

    MalformedInputSweep(RawHttp raw, String root, long workspace) {
        this.raw = raw;
        this.root = root;
        this.workspace = workspace;
    }

    /** Why an answer is not acceptable, or null when it is. */
    static String problem(RawHttp.Answer a) {
        if (a.status() == 0) {
            return "no HTTP answer";
        }
        if (a.status() >= 500) {
            return "status " + a.status();
        }
        if (a.header("X-Request-ID") == null) {
            return "no X-Request-ID";
        }
        if (a.status() < 400) {
            return null;
        }
        String type = a.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "error with Content-Type " + type;
        }
        try (JsonReader r = Json.createReader(new StringReader(a.body()))) {
            JsonObject body = r.readObject();
            if (!(body.get("error") instanceof JsonString) || !(body.get("message") instanceof JsonString)) {
                return "error body without string error/message";
            }
            return null;
        } catch (RuntimeException e) {
            return "error body is not a JSON object";
        }
    }

    /** Sweeps the document; returns the failures. */
    List<String> run() {
        long start = System.nanoTime();
        JsonObject doc = HostileInputIT.json(raw.get("/api/v1/openapi.json", Map.of()).body());
        String prefix = doc.getJsonArray("servers").getJsonObject(0).getString("url");
        Fixtures fixtures = new Fixtures(prefix);
        List<Runnable> first = new ArrayList<>();
        List<Runnable> last = new ArrayList<>();
        doc.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, op) -> {
            if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            operations++;
            Operation operation = new Operation(method.toUpperCase(Locale.ROOT), prefix, path, doc, item.asJsonObject(),
                    op.asJsonObject(), fixtures);
            (operation.method.equals("DELETE") ? last : first).addAll(cases(operation));
        }));
        runAll(first);
        runAll(last);
        millis = (System.nanoTime() - start) / 1_000_000;
        return failures;
    }

    String summary() {
        return operations + " operations, " + sent.get() + " requests in " + millis + " ms; " + failures.size()
                + " failures"
                + ":\n" + String.join("\n", failures.subList(0, Math.min(80, failures.size())));
    }

    private void runAll(List<Runnable> cases) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = cases.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Runnable> cases(Operation op) {
        List<Runnable> out = new ArrayList<>();
        byte[] body = op.body == null ? null : utf8(op.baseBody().toString());
        out.add(() -> check(op, "as documented", op.target(Map.of(), ""), headers(op, Map.of()), body));
        for (String param : op.pathParams) {
            for (String bad : BAD_IDS) {
                out.add(() -> check(op, "path " + param + "=" + abbreviate(bad), op.target(Map.of(param, bad), ""),
                        headers(op, Map.of()), body));
            }
        }
        for (String param : op.queryParams) {
            for (String bad : BAD_QUERY_VALUES) {
                out.add(() -> check(op, "query " + param + "=" + abbreviate(bad), op.target(Map.of(), param + "=" + bad),
                        headers(op, Map.of()), body));
            }
            for (String value : op.enumValues.getOrDefault(param, List.of())) {
                out.add(() -> check(op, "query " + param + "=" + value, op.target(Map.of(), param + "=" + value),
                        headers(op, Map.of()), body));
            }
        }
        out.add(() -> check(op, "unknown query parameter", op.target(Map.of(), "zz_unknown=1"), headers(op, Map.of()), body));
        if (!op.queryParams.isEmpty()) {
            String q = op.queryParams.get(0);
            out.add(() -> check(op, "query " + q + " twice", op.target(Map.of(), q + "=1&" + q + "=2"), headers(op, Map.of()), body));
        }
        if (op.body != null) {
            for (Map.Entry<String, byte[]> whole : wholeBodies(op).entrySet()) {
                out.add(() -> check(op, "body " + whole.getKey(), op.target(Map.of(), ""), headers(op, Map.of()), whole.getValue()));
            }
            for (String field : op.bodyFields()) {
                for (Map.Entry<String, JsonValue> bad : badValues().entrySet()) {
                    JsonObject changed = Json.createObjectBuilder(op.baseBody()).add(field, bad.getValue()).build();
                    out.add(() -> check(op, "body " + field + "=" + bad.getKey(), op.target(Map.of(), ""), headers(op, Map.of()),
                            utf8(changed.toString())));
                }
                JsonObject without = Json.createObjectBuilder(op.baseBody()).remove(field).build();
                out.add(() -> check(op, "body without " + field, op.target(Map.of(), ""), headers(op, Map.of()), utf8(without.toString())));
            }
        }
        for (Map.Entry<String, Map<String, String>> odd : oddHeaders(op).entrySet()) {
            out.add(() -> check(op, "header " + odd.getKey(), op.target(Map.of(), ""), headers(op, odd.getValue()), body));
        }
        return out;
    }

    private Map<String, byte[]> wholeBodies(Operation op) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty", new byte[0]);
        for (String s : List.of("null", "[]", "\"text\"", "42", "true", "{", "{}", "{\"a\":", "{} x", "{}{}", "[{}]")) {
            bodies.put(s, utf8(s));
        }
        bodies.put("trailing text", utf8(op.baseBody() + " xyz"));
        bodies.put("two documents", utf8(op.baseBody() + "" + op.baseBody()));
        bodies.put("unknown field", utf8(Json.createObjectBuilder(op.baseBody()).add("zz_unknown", 1).build().toString()));
        bodies.put("nested 2,000 deep", utf8("{\"zz\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}"));
        bodies.put("2 MiB", utf8("{\"zz\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"));
        bodies.put("not UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        return bodies;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, JsonValue> badValues() {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        values.put("null", JsonValue.NULL);
        values.put("integer", Json.createValue(123));
        values.put("negative", Json.createValue(-1));
        values.put("fraction", Json.createValue(1.5));
        values.put("huge number", Json.createValue(new java.math.BigDecimal("1e400")));
        values.put("long overflow", Json.createValue(new java.math.BigInteger("99999999999999999999")));
        values.put("string", Json.createValue("str"));
        values.put("empty string", Json.createValue(""));
        values.put("true", JsonValue.TRUE);
        values.put("array", JsonValue.EMPTY_JSON_ARRAY);
        values.put("array of objects", Json.createArrayBuilder().add(JsonValue.EMPTY_JSON_OBJECT).build());
        values.put("object", JsonValue.EMPTY_JSON_OBJECT);
        values.put("NUL", Json.createValue("a\u0000b"));
        values.put("control", Json.createValue("a\u0001\u001fb"));
        values.put("10,000 chars", Json.createValue("x".repeat(10_000)));
        values.put("bad date", Json.createValue("2026-13-45T99:99:99Z"));
        values.put("emoji", Json.createValue("\uD83D\uDE00"));
        JsonValue deep = JsonValue.EMPTY_JSON_ARRAY;
        for (int i = 0; i < 70; i++) {
            deep = Json.createArrayBuilder().add(deep).build();
        }
        values.put("nested 70 deep", deep);
        return values;
    }

    private Map<String, Map<String, String>> oddHeaders(Operation op) {
        Map<String, Map<String, String>> h = new LinkedHashMap<>();
        h.put("no Authorization", Map.of("Authorization", ""));
        h.put("Authorization Basic", Map.of("Authorization", "Basic Zm9vOmJhcg=="));
        h.put("Authorization Bearer only", Map.of("Authorization", "Bearer"));
        h.put("Authorization unknown key", Map.of("Authorization", "Bearer " + TestKeys.unknownWorkspaceKey()));
        h.put("Authorization 5,000 chars", Map.of("Authorization", "Bearer " + "a".repeat(5_000)));
        h.put("X-API-Key garbage", Map.of("Authorization", "", "X-API-Key", "garbage"));
        for (String ws : List.of("abc", "-1", "0", "99999999999999999999", "", "1.5")) {
            h.put("X-Workspace-ID " + ws, Map.of("X-Workspace-ID", ws));
        }
        if (!op.method.equals("GET")) {
            h.put("Idempotency-Key 300 chars", Map.of("Idempotency-Key", "k".repeat(300)));
            h.put("Idempotency-Key empty", Map.of("Idempotency-Key", ""));
        }
        if (op.body != null) {
            for (String type : List.of("foo", "text/plain", "application/json; charset=latin1", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x")) {
                h.put("Content-Type " + type, Map.of("Content-Type", type));
            }
        }
        h.put("Accept text/html", Map.of("Accept", "text/html"));
        h.put("Accept application/xml", Map.of("Accept", "application/xml"));
        h.put("X-Request-ID with spaces", Map.of("X-Request-ID", "a b c"));
        h.put("X-Request-ID 500 chars", Map.of("X-Request-ID", "r".repeat(500)));
        h.put("control byte", Map.of("X-Odd", "a\u0001b"));
        h.put("NUL byte", Map.of("X-Odd", "a\u0000b"));
        h.put("non-ASCII", Map.of("X-Odd", "caf\u00e9"));
        h.put("9 KiB", Map.of("X-Odd", "a".repeat(9 * 1024)));
        h.put("Origin", Map.of("Origin", "https://evil.example"));
        return h;
    }

    private Map<String, String> headers(Operation op, Map<String, String> override) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + root);
        h.put("X-Workspace-ID", Long.toString(workspace));
        h.put("Accept", "application/json");
        if (op.body != null) {
            h.put("Content-Type", "application/json");
        }
        override.forEach((name, value) -> {
            if (value.isEmpty() && name.equals("Authorization")) {
                h.remove(name);
            } else {
                h.put(name, value);
            }
        });
        return h;
    }

    private void check(Operation op, String what, String target, Map<String, String> headers, byte[] body) {
        sent.incrementAndGet();
        RawHttp.Answer a;
        try {
            a = raw.send(op.method, target, headers, body);
        } catch (RuntimeException e) {
            record(op.method + " " + op.path + " [" + what + "] → " + e);
            return;
        }
        String problem = problem(a);
        if (problem != null) {
            record(op.method + " " + op.path + " [" + what + "] → " + problem + ": " + abbreviate(a.body()));
        }
    }

    private void record(String failure) {
        failures.add(failure);
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\u0000", "\\0").replace("\u0001", "\\1");
        return flat.length() > 120 ? flat.substring(0, 120) + "…(" + flat.length() + ")" : flat;
    }

    /** Real ids for path parameters, made once: a key, a user; others fall back to 1. */
    private final class Fixtures {
        final Map<String, String> ids = new LinkedHashMap<>();

        Fixtures(String prefix) {
            ids.put("/workspaces/{id}", Long.toString(workspace));
            ids.put("/api-keys/{id}", create(prefix + "/api-keys", "{\"name\": \"sweep\"}"));
            ids.put("/users/{id}", create(prefix + "/users", "{\"external_id\": \"sweep-user\", \"email\": \"sweep@example.com\"}"));
        }

        private String create(String path, String json) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Authorization", "Bearer " + root);
            h.put("X-Workspace-ID", Long.toString(workspace));
            h.put("Content-Type", "application/json");
            RawHttp.Answer a = raw.send("POST", path, h, json.getBytes(StandardCharsets.UTF_8));
            if (a.status() != 201) {
                return "1";
            }
            JsonObject data = HostileInputIT.json(a.body()).getJsonObject("data");
            return (data.containsKey("id") ? data : data.getJsonObject("user")).get("id").toString();
        }

        String id(String path, String param) {
            for (Map.Entry<String, String> e : ids.entrySet()) {
                if (path.startsWith(e.getKey().replace("{id}", "")) && param.equals("id")) {
                    return e.getValue();
                }
            }
            return param.equals("feature") ? "posts" : "1";
        }
    }

    /** One operation of the document, with what the sweep needs to vary. */
    private static final class Operation {
        final String method;
        final String prefix;
        final String path;
        final List<String> pathParams = new ArrayList<>();
        final List<String> queryParams = new ArrayList<>();
        final Map<String, List<String>> enumValues = new LinkedHashMap<>();
        final JsonObject body;
        final JsonObject doc;
        final Fixtures fixtures;

        Operation(String method, String prefix, String path, JsonObject doc, JsonObject item, JsonObject op, Fixtures fixtures) {
            this.method = method;
            this.prefix = prefix;
            this.path = path;
            this.doc = doc;
            this.fixtures = fixtures;
            List<JsonValue> params = new ArrayList<>();
            if (item.containsKey("parameters")) {
                params.addAll(item.getJsonArray("parameters"));
            }
            if (op.containsKey("parameters")) {
                params.addAll(op.getJsonArray("parameters"));
            }
            for (JsonValue p : params) {
                JsonObject param = resolve(p.asJsonObject());
                String name = param.getString("name");
                switch (param.getString("in")) {
                    case "path" -> pathParams.add(name);
                    case "query" -> {
                        queryParams.add(name);
                        JsonObject schema = param.getJsonObject("schema");
                        if (schema != null && schema.containsKey("enum")) {
                            enumValues.put(name, schema.getJsonArray("enum").stream()
                                    .map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList());
                        }
                    }
                    default -> { }
                }
            }
            JsonObject schema = null;
            if (op.containsKey("requestBody")) {
                JsonObject content = resolve(op.getJsonObject("requestBody")).getJsonObject("content");
                if (content != null && content.containsKey("application/json")) {
                    schema = resolve(content.getJsonObject("application/json").getJsonObject("schema"));
                }
            }
            this.body = schema;
        }

        JsonObject resolve(JsonObject maybeRef) {
            JsonObject at = maybeRef;
            while (at != null && at.containsKey("$ref")) {
                JsonValue node = doc;
                for (String part : at.getString("$ref").substring(2).split("/")) {
                    node = node.asJsonObject().get(part.replace("~1", "/").replace("~0", "~"));
                }
                at = node.asJsonObject();
            }
            return at;
        }

        String target(Map<String, String> pathValues, String query) {
            String p = path;
            for (String param : pathParams) {
                String value = pathValues.containsKey(param) ? pathValues.get(param) : fixtures.id(path, param);
                p = p.replace("{" + param + "}", value);
            }
            return prefix + p + (query.isEmpty() ? "" : "?" + query);
        }

        List<String> bodyFields() {
            JsonObject props = body.getJsonObject("properties");
            return props == null ? List.of() : new ArrayList<>(props.keySet());
        }

        /** An object with every documented field set to a plausible value of its type. */
        JsonObject baseBody() {
            var b = Json.createObjectBuilder();
            JsonObject props = body.getJsonObject("properties");
            if (props != null) {
                props.forEach((name, schema) -> b.add(name, plausible(resolve(schema.asJsonObject()))));
            }
            return b.build();
        }

        private JsonValue plausible(JsonObject schema) {
            if (schema == null) {
                return Json.createValue("sweep");
            }
            if (schema.containsKey("enum") && !schema.getJsonArray("enum").isEmpty()) {
                return schema.getJsonArray("enum").get(0);
            }
            String type = type(schema);
            return switch (type) {
                case "integer", "number" -> Json.createValue(1);
                case "boolean" -> JsonValue.TRUE;
                case "array" -> Json.createArrayBuilder().add(plausible(resolve(schema.getJsonObject("items")))).build();
                case "object" -> JsonValue.EMPTY_JSON_OBJECT;
                default -> switch (schema.getString("format", "")) {
                    case "date-time" -> Json.createValue("2030-01-01T00:00:00Z");
                    case "uri" -> Json.createValue("https://example.com/sweep");
                    case "email" -> Json.createValue("sweep@example.com");
                    default -> Json.createValue("sweep");
                };
            };
        }

        private static String type(JsonObject schema) {
            JsonValue t = schema.get("type");
            if (t instanceof JsonString s) {
                return s.getString();
            }
            if (t instanceof JsonArray a) {
                for (JsonValue v : a) {
                    if (v instanceof JsonString s && !s.getString().equals("null")) {
                        return s.getString();
                    }
                }
            }
            return "string";
        }
    }
}
