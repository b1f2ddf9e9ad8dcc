package dev.gatehouse.rest.contract.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.rest.Gatehouse;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private final JsonObject document = OpenApiDocument.build(Gatehouse.restClasses(), "/api/v1");

    @Test
    void undocumented_everyRegisteredOperationHasASidecarEntry() {
        // A new resource method fails here until its <Resource>.openapi.json describes it.
        assertThat(OpenApiDocument.undocumented(Gatehouse.restClasses())).isEmpty();
    }

    @Test
    void build_isOpenApi31_withBothSecuritySchemes() {
        assertThat(document.getString("openapi")).isEqualTo("3.1.0");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").keySet())
                .containsExactlyInAnyOrder("bearerAuth", "apiKeyHeader");
    }

    @Test
    void build_everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            JsonValue target = document;
            for (String part : ref.substring(2).split("/")) {
                assertThat(target.asJsonObject()).as(ref).containsKey(part);
                target = target.asJsonObject().get(part);
            }
        }
    }

    @Test
    void build_operationsCarryScopesAndErrors() {
        JsonObject create = document.getJsonObject("paths").getJsonObject("/api-keys").getJsonObject("post");
        assertThat(create.getJsonArray("x-required-scopes").getString(0)).isEqualTo("api-keys:write");
        assertThat(create.getString("description")).contains("`api-keys:write`");
        assertThat(create.getJsonObject("responses").keySet()).contains("201", "401", "403", "409", "422", "429", "500");
        assertThat(create.getJsonArray("parameters").toString()).contains("IdempotencyKey");
        JsonObject spec = document.getJsonObject("paths").getJsonObject("/openapi.json").getJsonObject("get");
        assertThat(spec.getJsonArray("security")).isEmpty();
        assertThat(spec.containsKey("x-required-scopes")).isFalse();
    }

    @Test
    void path_stripsRegexAndJoins() throws NoSuchMethodException {
        assertThat(OpenApiDocument.path(dev.gatehouse.rest.keys.boundary.ApiKeysResource.class,
                dev.gatehouse.rest.keys.boundary.ApiKeysResource.class.getMethod("get", long.class))).isEqualTo("/api-keys/{id}");
    }

    @Test
    void build_pathIds_areIntegers() {
        List<String> ids = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, op) -> {
            if (op instanceof JsonObject o && o.containsKey("parameters")) {
                for (JsonValue p : o.getJsonArray("parameters")) {
                    JsonObject param = p.asJsonObject();
                    if ("path".equals(param.getString("in", "")) && param.getString("name").toLowerCase().endsWith("id")) {
                        ids.add(method + " " + path + " " + param.getString("name") + ": " + param.getJsonObject("schema").getString("type"));
                    }
                }
            }
        }));
        // MCP servers are named by a slug (seed 001: the built-in "gatehouse" server); every other id is a number.
        assertThat(ids).isNotEmpty()
                .filteredOn(s -> !s.contains(" /mcp/servers/{id}"))
                .allMatch(s -> s.endsWith(": integer"));
        assertThat(ids).filteredOn(s -> s.contains(" /mcp/servers/{id}"))
                .containsExactlyInAnyOrder("get /mcp/servers/{id} id: string", "get /mcp/servers/{id}/tools id: string",
                        "patch /mcp/servers/{id} id: string", "delete /mcp/servers/{id} id: string");
    }

    @Test
    void yaml_quotesStringsAndNestsSequences() {
        JsonObject o = jakarta.json.Json.createObjectBuilder().add("a", "yes").add("/p/{id}", jakarta.json.Json.createArrayBuilder()
                .add(jakarta.json.Json.createObjectBuilder().add("x", 1).add("y", true)).add("s")).add("e", JsonValue.EMPTY_JSON_ARRAY).build();
        assertThat(Yaml.of(o)).isEqualTo("a: \"yes\"\n\"/p/{id}\":\n  - x: 1\n    y: true\n  - \"s\"\ne: []\n");
    }

    private static void collectRefs(JsonValue v, List<String> out) {
        if (v instanceof JsonObject o) {
            o.forEach((k, child) -> {
                if (k.equals("$ref")) {
                    out.add(((jakarta.json.JsonString) child).getString());
                } else {
                    collectRefs(child, out);
                }
            });
        } else if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            v.asJsonArray().forEach(child -> collectRefs(child, out));
        }
    }
}
