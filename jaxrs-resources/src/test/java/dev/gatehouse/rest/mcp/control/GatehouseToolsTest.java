package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.keys.ScopeSet;
import dev.gatehouse.rest.Gatehouse;
import dev.gatehouse.rest.contract.control.OpenApiDocument;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatehouseToolsTest {

    static final JsonObject OPEN_API = OpenApiDocument.build(Gatehouse.restClasses(), "/api/v1");
    static final GatehouseTools TOOLS = GatehouseTools.from(OPEN_API);

    @Test
    void from_everyOperationButTheContractsAndMcpsOwnIsOneToolNamedAfterItsOperationId() {
        List<String> expected = new ArrayList<>();
        OPEN_API.getJsonObject("paths").values().forEach(item -> item.asJsonObject().values().forEach(op -> {
            JsonObject operation = op.asJsonObject();
            if (!List.of("Contract", "MCP").contains(operation.getJsonArray("tags").getString(0))) {
                expected.add(GatehouseTools.snake(operation.getString("operationId")));
            }
        }));
        assertThat(TOOLS.all().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(TOOLS.find("get_open_api_json")).isNull();
        assertThat(TOOLS.all().keySet()).allMatch(name -> name.matches("[a-z0-9_]{1,64}"));
    }

    @Test
    void from_pathParametersAreRequired_headersAreSnakeCase_andTheBodyIsOneArgument() {
        GatehouseTool delivery = TOOLS.find("get_webhook_delivery");
        assertThat(delivery.method()).isEqualTo("GET");
        assertThat(delivery.path()).isEqualTo("/webhooks/{id}/deliveries/{deliveryId}");
        JsonObject input = delivery.definition().getJsonObject("inputSchema");
        assertThat(input.getJsonArray("required").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .containsExactly("id", "deliveryId");
        assertThat(input.getJsonObject("properties").keySet()).contains("x_workspace_id");
        assertThat(input.getBoolean("additionalProperties")).isFalse();

        GatehouseTool create = TOOLS.find("create_webhook_endpoint");
        assertThat(create.arguments()).containsKeys("body", "x_workspace_id", "idempotency_key");
        assertThat(create.arguments().get("idempotency_key").name()).isEqualTo("Idempotency-Key");
        assertThat(create.definition().getJsonObject("inputSchema").getJsonObject("properties").getJsonObject("body")
                .getString("$ref")).isEqualTo("#/$defs/WebhookEndpointCreate");
    }

    @Test
    void from_annotationsFollowTheHttpMethod() {
        JsonObject list = TOOLS.find("list_api_keys").definition().getJsonObject("annotations");
        assertThat(list.getBoolean("readOnlyHint")).isTrue();
        assertThat(list.getBoolean("destructiveHint")).isFalse();
        JsonObject revoke = TOOLS.find("revoke_api_key").definition().getJsonObject("annotations");
        assertThat(revoke.getBoolean("readOnlyHint")).isFalse();
        assertThat(revoke.getBoolean("destructiveHint")).isTrue();
        assertThat(revoke.getBoolean("idempotentHint")).isTrue();
        JsonObject create = TOOLS.find("create_api_key").definition().getJsonObject("annotations");
        assertThat(create.getBoolean("idempotentHint")).isFalse();
    }

    @Test
    void from_schemasAreSelfContained_everyReferenceResolvesInTheirDefs() {
        for (GatehouseTool tool : TOOLS.all().values()) {
            for (String key : List.of("inputSchema", "outputSchema")) {
                JsonObject schema = tool.definition().getJsonObject(key);
                if (schema == null) {
                    continue;
                }
                assertThat(schema.getString("type")).as(tool.name() + " " + key).isEqualTo("object");
                JsonObject defs = schema.containsKey("$defs") ? schema.getJsonObject("$defs") : JsonValue.EMPTY_JSON_OBJECT;
                List<String> refs = new ArrayList<>();
                collectRefs(schema, refs);
                for (String ref : refs) {
                    assertThat(ref).as(tool.name()).startsWith("#/$defs/");
                    assertThat(defs).as(tool.name() + " " + ref).containsKey(ref.substring("#/$defs/".length()));
                }
            }
        }
        assertThat(TOOLS.find("get_workspace").structured()).isTrue();
        assertThat(TOOLS.find("delete_workspace").structured()).as("204: no output schema").isFalse();
    }

    @Test
    void allowedFor_followsTheOperationsScopes() {
        GatehouseTool list = TOOLS.find("list_webhook_endpoints");
        assertThat(list.allowedFor(ScopeSet.of("webhooks:read"))).isTrue();
        assertThat(list.allowedFor(ScopeSet.of("api-keys:read"))).isFalse();
        assertThat(list.allowedFor(ScopeSet.of("*"))).isTrue();
        assertThat(TOOLS.find("list_event_types").allowedFor(ScopeSet.of("events:write"))).as("any of").isTrue();
        assertThat(TOOLS.find("get_me").allowedFor(ScopeSet.empty())).as("any valid key").isTrue();
    }

    @Test
    void snake_turnsOperationIdsIntoToolNames() {
        assertThat(GatehouseTools.snake("listWebhookEndpoints")).isEqualTo("list_webhook_endpoints");
        assertThat(GatehouseTools.snake("getOpenApiJson")).isEqualTo("get_open_api_json");
        assertThat(GatehouseTools.snake("X_Workspace_ID")).isEqualTo("x_workspace_id");
    }

    private static void collectRefs(JsonValue value, List<String> refs) {
        switch (value.getValueType()) {
            case OBJECT -> value.asJsonObject().forEach((k, v) -> {
                if (k.equals("$ref")) {
                    refs.add(((JsonString) v).getString());
                } else {
                    collectRefs(v, refs);
                }
            });
            case ARRAY -> value.asJsonArray().forEach(v -> collectRefs(v, refs));
            default -> { }
        }
    }
}
