package dev.gatehouse.rest.contract.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Nullable;
import dev.gatehouse.rest.platform.boundary.Wire.Omitted;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RecordSchemasTest {

    enum Colour { DARK_RED, BLUE }

    record Inner(String label) {
    }

    @Wire.Schema("Everything")
    @Doc("A record with each kind of component.")
    record Kinds(@Required long id, int count, boolean active, double ratio, Number percentage, String name,
                 @Values({"a", "b"}) String letter, @Doc(value = "Where.", format = "uri", examples = "[\"https://x\"]") String url,
                 Instant at, LocalDate day, Colour colour, List<String> tags, Set<Long> ids, Map<String, Inner> byKey,
                 Map<String, Object> anything, JsonObject payload, JsonValue raw, Inner inner,
                 @Nullable Inner maybeInner, @Nullable Long maybeId, @Nullable List<String> maybeTags,
                 @Omitted String optional, @Omitted @Nullable Optional<Long> limit, @Wire.Name("x-custom") String custom) {
    }

    private static JsonObject property(JsonObject schema, String name) {
        return schema.getJsonObject("properties").getJsonObject(name);
    }

    @Test
    void derive_mapsEachKindOfComponent() {
        Map<String, JsonValue> components = new TreeMap<>();
        RecordSchemas.derive(Kinds.class, components);
        JsonObject s = components.get("Everything").asJsonObject();

        assertThat(s.getString("type")).isEqualTo("object");
        assertThat(s.getString("description")).isEqualTo("A record with each kind of component.");
        assertThat(s.getJsonArray("required").toString()).isEqualTo("[\"id\"]");
        assertThat(property(s, "id").toString()).isEqualTo("{\"type\":\"integer\",\"format\":\"int64\"}");
        assertThat(property(s, "count").toString()).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
        assertThat(property(s, "active").toString()).isEqualTo("{\"type\":\"boolean\"}");
        assertThat(property(s, "ratio").toString()).isEqualTo("{\"type\":\"number\"}");
        assertThat(property(s, "percentage").toString()).isEqualTo("{\"type\":\"number\"}");
        assertThat(property(s, "name").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(property(s, "letter").toString()).isEqualTo("{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}");
        assertThat(property(s, "url").toString())
                .isEqualTo("{\"type\":\"string\",\"format\":\"uri\",\"description\":\"Where.\",\"examples\":[\"https://x\"]}");
        assertThat(property(s, "at").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(property(s, "day").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"date\"}");
        assertThat(property(s, "colour").toString()).isEqualTo("{\"type\":\"string\",\"enum\":[\"dark_red\",\"blue\"]}");
        assertThat(property(s, "tags").toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(property(s, "ids").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int64\"}}");
        assertThat(property(s, "by_key").toString())
                .isEqualTo("{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#/components/schemas/Inner\"}}");
        assertThat(property(s, "anything").toString()).isEqualTo("{\"type\":\"object\"}");
        assertThat(property(s, "payload").toString()).isEqualTo("{\"type\":\"object\"}");
        assertThat(property(s, "raw").toString()).isEqualTo("{}");
        assertThat(property(s, "inner").toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Inner\"}");
        assertThat(property(s, "maybe_inner").toString())
                .isEqualTo("{\"oneOf\":[{\"$ref\":\"#/components/schemas/Inner\"},{\"type\":\"null\"}]}");
        assertThat(property(s, "maybe_id").toString()).isEqualTo("{\"type\":[\"integer\",\"null\"],\"format\":\"int64\"}");
        assertThat(property(s, "maybe_tags").toString())
                .isEqualTo("{\"type\":[\"array\",\"null\"],\"items\":{\"type\":\"string\"}}");
        assertThat(property(s, "optional").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(property(s, "limit").toString()).isEqualTo("{\"type\":[\"integer\",\"null\"],\"format\":\"int64\"}");
        assertThat(property(s, "x-custom").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(components.get("Inner").toString())
                .isEqualTo("{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\"}}}");
    }

    record Listed(@Values({"x", "y"}) List<String> letters, @Wire.Range(min = 0, max = 1) double share) {
    }

    @Test
    void derive_valuesOfAList_areItsItems() {
        Map<String, JsonValue> components = new TreeMap<>();
        RecordSchemas.derive(Listed.class, components);
        JsonObject s = components.get("Listed").asJsonObject();
        assertThat(property(s, "letters").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"x\",\"y\"]}}");
        assertThat(property(s, "share").toString()).isEqualTo("{\"type\":\"number\",\"minimum\":0,\"maximum\":1}");
    }

    @Test
    void derive_sameNameTwiceDifferently_isRefused() {
        Map<String, JsonValue> components = new TreeMap<>();
        components.put("Inner", JsonValue.EMPTY_JSON_OBJECT);
        assertThatThrownBy(() -> RecordSchemas.derive(Inner.class, components))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Inner");
    }

    @Test
    void wire_writesNullsAndLeavesOutOmittedOnes_inDeclarationOrder() {
        Kinds k = new Kinds(7, 1, true, 0.5, new BigDecimal("4.5"), "n", "a", "https://x", Instant.parse("2026-01-02T03:04:05.678Z"),
                LocalDate.of(2026, 1, 2), Colour.DARK_RED, List.of("t"), Set.of(3L), Map.of("k", new Inner("l")), Map.of(),
                JsonValue.EMPTY_JSON_OBJECT, JsonValue.TRUE, new Inner("i"), null, null, null, null, Optional.empty(), "c");
        String json = Json.value(k).toString();
        assertThat(json).startsWith("{\"id\":7,\"count\":1,\"active\":true,\"ratio\":0.5,\"percentage\":4.5,");
        assertThat(json).contains("\"at\":\"2026-01-02T03:04:05Z\"", "\"day\":\"2026-01-02\"", "\"colour\":\"dark_red\"",
                "\"maybe_inner\":null", "\"maybe_id\":null", "\"limit\":null", "\"x-custom\":\"c\"");
        assertThat(json).doesNotContain("\"optional\"");
        assertThat(Wire.fields(Kinds.class)).contains("by_key", "x-custom", "optional").hasSize(24);
    }
}
