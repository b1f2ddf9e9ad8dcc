package dev.gatehouse.rest.contract.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.rest.Gatehouse;
import dev.gatehouse.rest.mcp.control.GatehouseTools;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every response record a resource lists, serialized the way the resource answers with it
 * ({@link Json#value}), is valid against its schema in the served document, and every property
 * of the schema appears in the JSON unless its component is {@link Wire.Omitted} and null: once with
 * every component set, once with every nullable, optional and omitted one empty.
 */
class ResponseRecordsTest {

    private final JsonObject schemas = OpenApiDocument.build(Gatehouse.restClasses(), "/api/v1")
            .getJsonObject("components").getJsonObject("schemas");

    @Test
    void everyResponseRecord_serializesToExactlyItsSchema() {
        Set<Class<?>> records = new LinkedHashSet<>();
        for (Class<?> resource : Gatehouse.restClasses()) {
            Wire.Records listed = resource.getAnnotation(Wire.Records.class);
            if (listed != null) {
                for (Class<?> r : listed.value()) {
                    collect(r, records);
                }
            }
        }
        assertThat(records).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (Class<?> record : records) {
            JsonObject schema = schemas.getJsonObject(RecordSchemas.name(record));
            assertThat(schema).as(record.getName()).isNotNull();
            for (boolean full : new boolean[] {true, false}) {
                JsonObject json = Json.value(sample(record, full)).asJsonObject();
                check(RecordSchemas.name(record) + (full ? " (full)" : " (sparse)"), record, schema, json, problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void mcpToolOutputSchema_isTheRecordsSchema() throws ClassNotFoundException {
        JsonObject document = OpenApiDocument.build(Gatehouse.restClasses(), "/api/v1");
        JsonObject output = GatehouseTools.from(document).find("get_api_key").definition().getJsonObject("outputSchema");
        assertThat(output.getJsonObject("$defs").getJsonObject("ApiKey")).isEqualTo(schemas.getJsonObject("ApiKey"));
        Set<String> names = new LinkedHashSet<>();
        Wire.properties(Class.forName("dev.gatehouse.rest.keys.boundary.KeyViews$Key")).forEach(p -> names.add(p.name()));
        assertThat(schemas.getJsonObject("ApiKey").getJsonObject("properties").keySet()).containsExactlyElementsOf(names);
    }

    private void check(String where, Class<?> record, JsonObject schema, JsonObject json, List<String> problems) {
        JsonObject properties = schema.getJsonObject("properties");
        for (String name : json.keySet()) {
            if (!properties.containsKey(name)) {
                problems.add(where + ": " + name + " is written but not in the schema");
            } else {
                valid(where + "." + name, properties.getJsonObject(name), json.get(name), problems);
            }
        }
        for (Wire.Property p : Wire.properties(record)) {
            if (!json.containsKey(p.name()) && !p.omittedWhenNull()) {
                problems.add(where + ": " + p.name() + " is in the schema but not written");
            }
        }
    }

    private void valid(String where, JsonObject schema, JsonValue value, List<String> problems) {
        if (schema.containsKey("$ref")) { // the referenced record is checked on its own
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                problems.add(where + ": " + value + " is not an object");
            }
            return;
        }
        if (schema.containsKey("oneOf")) {
            if (value != JsonValue.NULL) {
                valid(where, schema.getJsonArray("oneOf").getJsonObject(0), value, problems);
            }
            return;
        }
        if (!schema.containsKey("type")) {
            return; // any JSON
        }
        List<String> types = schema.get("type").getValueType() == JsonValue.ValueType.ARRAY
                ? schema.getJsonArray("type").getValuesAs(jakarta.json.JsonString.class).stream().map(s -> s.getString()).toList()
                : List.of(schema.getString("type"));
        String actual = switch (value.getValueType()) {
            case NULL -> "null";
            case TRUE, FALSE -> "boolean";
            case STRING -> "string";
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NUMBER -> ((JsonNumber) value).isIntegral() ? "integer" : "number";
        };
        if (!types.contains(actual) && !(actual.equals("integer") && types.contains("number"))) {
            problems.add(where + ": " + value + " is " + actual + ", the schema says " + types);
            return;
        }
        if (actual.equals("string") && schema.containsKey("enum")
                && !schema.getJsonArray("enum").contains(value)) {
            problems.add(where + ": " + value + " is not one of " + schema.getJsonArray("enum"));
        }
        if (actual.equals("string") && "date-time".equals(schema.getString("format", ""))) {
            Instant.parse(((jakarta.json.JsonString) value).getString());
        }
        if (actual.equals("array")) {
            for (JsonValue item : (JsonArray) value) {
                valid(where + "[]", schema.getJsonObject("items"), item, problems);
            }
        }
        if (actual.equals("object") && schema.containsKey("additionalProperties")) {
            value.asJsonObject().forEach((k, v) -> valid(where + "." + k, schema.getJsonObject("additionalProperties"), v, problems));
        }
    }

    private static void collect(Class<?> record, Set<Class<?>> into) {
        if (!into.add(record)) {
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            nested(c.getGenericType(), into);
        }
    }

    private static void nested(Type type, Set<Class<?>> into) {
        if (type instanceof Class<?> c && c.isRecord()) {
            collect(c, into);
        } else if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                nested(argument, into);
            }
        }
    }

    /** An instance with every component set ({@code full}) or every nullable, optional and omitted one empty. */
    static Object sample(Class<?> record, boolean full) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            boolean empty = !full && (c.isAnnotationPresent(Wire.Nullable.class) || c.isAnnotationPresent(Wire.Omitted.class));
            if (c.getType() == Optional.class) {
                args[i] = empty ? (c.isAnnotationPresent(Wire.Omitted.class) ? null : Optional.empty())
                        : Optional.of(value(((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0], c, full));
            } else {
                args[i] = empty ? null : value(c.getGenericType(), c, full);
            }
        }
        try {
            Constructor<?> constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(record.getName(), e);
        }
    }

    private static Object value(Type type, RecordComponent c, boolean full) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        Wire.Values values = c.getAnnotation(Wire.Values.class);
        if (raw == long.class || raw == Long.class) {
            return 7L;
        } else if (raw == int.class || raw == Integer.class) {
            return 7;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw == double.class || raw == Double.class) {
            return 0.5;
        } else if (raw == Number.class) {
            return 4.5;
        } else if (raw == String.class) {
            if (values == null) {
                return "text";
            }
            if (values.of() == Enum.class) {
                return values.value()[0];
            }
            try {
                return values.of().getMethod(values.method()).invoke(values.of().getEnumConstants()[0]);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        } else if (raw == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05.678Z");
        } else if (raw == LocalDate.class) {
            return LocalDate.of(2026, 1, 2);
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        } else if (raw.isRecord()) {
            return sample(raw, full);
        } else if (raw == Optional.class) {
            return full ? Optional.of(value(((ParameterizedType) type).getActualTypeArguments()[0], c, true)) : Optional.empty();
        } else if (raw == JsonObject.class || raw == JsonValue.class || raw == Object.class) {
            return JsonValue.EMPTY_JSON_OBJECT;
        } else if (Collection.class.isAssignableFrom(raw)) {
            Object item = value(((ParameterizedType) type).getActualTypeArguments()[0], c, full);
            return Set.class.isAssignableFrom(raw) ? Set.of(item) : List.of(item);
        } else if (Map.class.isAssignableFrom(raw)) {
            return Map.of("key", value(((ParameterizedType) type).getActualTypeArguments()[1], c, full));
        }
        throw new IllegalArgumentException("No sample for " + type.getTypeName() + " in " + c);
    }
}
