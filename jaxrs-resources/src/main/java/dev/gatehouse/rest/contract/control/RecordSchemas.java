package dev.gatehouse.rest.contract.control;

import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Derives the OpenAPI 3.1 (JSON Schema 2020-12) schema of a response record from its components,
 * as {@link Wire} writes them: {@code long} → integer/int64, {@code int} → integer/int32, a
 * {@code String} → string ({@link Wire.Values} for its enum, or its items' on a list, {@link Wire.Doc#format} for e.g.
 * {@code uri}), an {@code Instant} → date-time string, a {@code LocalDate} → date string, an
 * {@code Optional} → its content or null, a Java enum → its lower-case constants, a
 * list or set → an array of its element, a map → an object of its values, a JSON-P value → any
 * JSON, another record → a {@code $ref} to its own component (derived too). A {@link Wire.Nullable}
 * component's type also admits {@code null}; {@link Wire.Required} ones are listed as required.
 */
public final class RecordSchemas {

    private static final String REFS = "#/components/schemas/";

    private RecordSchemas() {
    }

    /** The component name of a record: {@link Wire.Schema} or its simple name. */
    public static String name(Class<?> record) {
        Wire.Schema named = record.getAnnotation(Wire.Schema.class);
        return named != null ? named.value() : record.getSimpleName();
    }

    /**
     * Adds the schema of the record, and of every record it refers to, to the components.
     *
     * @throws IllegalStateException if a component of that name already exists with another schema
     */
    public static void derive(Class<?> record, Map<String, JsonValue> components) {
        String name = name(record);
        JsonObject schema = object(record, components);
        JsonValue previous = components.putIfAbsent(name, schema);
        if (previous != null && !previous.equals(schema)) {
            throw new IllegalStateException("Schema " + name + " is defined twice, differently (" + record.getName() + ")");
        }
    }

    /** The schema of one record, its nested records added to the components. */
    static JsonObject object(Class<?> record, Map<String, JsonValue> components) {
        JsonObjectBuilder properties = Json.createObjectBuilder();
        JsonArrayBuilder required = Json.createArrayBuilder();
        boolean anyRequired = false;
        for (Wire.Property p : Wire.properties(record)) {
            RecordComponent c = p.component();
            properties.add(p.name(), property(c, components));
            if (c.isAnnotationPresent(Wire.Required.class)) {
                required.add(p.name());
                anyRequired = true;
            }
        }
        JsonObjectBuilder schema = Json.createObjectBuilder().add("type", "object");
        Wire.Doc doc = record.getAnnotation(Wire.Doc.class);
        if (doc != null && !doc.value().isEmpty()) {
            schema.add("description", doc.value());
        }
        if (anyRequired) {
            schema.add("required", required);
        }
        return schema.add("properties", properties).build();
    }

    private static JsonObject property(RecordComponent c, Map<String, JsonValue> components) {
        JsonObject type = type(c.getGenericType(), components);
        JsonObjectBuilder s = Json.createObjectBuilder(type);
        Wire.Values values = c.getAnnotation(Wire.Values.class);
        if (values != null && type.containsKey("items")) { // the values of a list's items
            s.add("items", Json.createObjectBuilder(type.getJsonObject("items")).add("enum", values(values)));
        } else if (values != null) {
            s.add("enum", values(values));
        }
        Wire.Text text = c.getAnnotation(Wire.Text.class);
        if (text != null && text.maxLength() >= 0) {
            s.add("maxLength", text.maxLength());
        }
        if (text != null && !text.pattern().isEmpty()) {
            s.add("pattern", text.pattern());
        }
        Wire.Range range = c.getAnnotation(Wire.Range.class);
        if (range != null) {
            s.add("minimum", range.min()).add("maximum", range.max());
        }
        Wire.Doc doc = c.getAnnotation(Wire.Doc.class);
        if (doc != null) {
            if (!doc.format().isEmpty()) {
                s.add("format", doc.format());
            }
            if (!doc.value().isEmpty()) {
                s.add("description", doc.value());
            }
            if (!doc.examples().isEmpty()) {
                s.add("examples", parse(doc.examples()));
            }
        }
        JsonObject schema = s.build();
        return c.isAnnotationPresent(Wire.Nullable.class) ? nullable(schema) : schema;
    }

    private static JsonArrayBuilder values(Wire.Values values) {
        JsonArrayBuilder e = Json.createArrayBuilder();
        if (values.of() != Enum.class) {
            try {
                Method name = values.of().getMethod(values.method());
                for (Object constant : values.of().getEnumConstants()) {
                    e.add((String) name.invoke(constant));
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("Cannot read " + values.method() + "() of " + values.of().getName(), ex);
            }
        }
        for (String v : values.value()) {
            e.add(v);
        }
        return e;
    }

    /** {@code type: x} → {@code type: [x, "null"]}; a {@code $ref} → {@code oneOf: [ref, null]}. */
    static JsonObject nullable(JsonObject schema) {
        JsonValue type = schema.get("type");
        if (type == null && schema.containsKey("oneOf")) {
            return schema;
        }
        if (type == null) { // a $ref: its siblings (description, ...) stay outside the oneOf
            JsonObjectBuilder out = Json.createObjectBuilder().add("oneOf", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("$ref", schema.getString("$ref")))
                    .add(Json.createObjectBuilder().add("type", "null")));
            schema.forEach((key, value) -> {
                if (!key.equals("$ref")) {
                    out.add(key, value);
                }
            });
            return out.build();
        }
        JsonArrayBuilder types = Json.createArrayBuilder();
        if (type.getValueType() == JsonValue.ValueType.ARRAY) {
            if (type.asJsonArray().contains(Json.createValue("null"))) {
                return schema;
            }
            type.asJsonArray().forEach(types::add);
        } else {
            types.add(type);
        }
        return Json.createObjectBuilder(schema).add("type", types.add("null")).build();
    }

    private static JsonObject type(Type type, Map<String, JsonValue> components) {
        JsonObjectBuilder s = Json.createObjectBuilder();
        Class<?> raw = raw(type);
        if (raw == long.class || raw == Long.class) {
            return s.add("type", "integer").add("format", "int64").build();
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) {
            return s.add("type", "integer").add("format", "int32").build();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return s.add("type", "boolean").build();
        }
        if (raw == double.class || raw == float.class || Number.class.isAssignableFrom(raw)) {
            return s.add("type", "number").build();
        }
        if (raw == String.class) {
            return s.add("type", "string").build();
        }
        if (raw == LocalDate.class) {
            return s.add("type", "string").add("format", "date").build();
        }
        if (raw == Optional.class) { // a value that is written, or written as null
            return nullable(type(argument(type, 0), components));
        }
        if (raw == Instant.class) {
            return s.add("type", "string").add("format", "date-time").build();
        }
        if (raw.isEnum()) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return s.add("type", "string").add("enum", values).build();
        }
        if (raw == JsonObject.class) {
            return s.add("type", "object").build();
        }
        if (JsonValue.class.isAssignableFrom(raw)) {
            return s.build(); // any JSON value
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return s.add("type", "array").add("items", type(argument(type, 0), components)).build();
        }
        if (Map.class.isAssignableFrom(raw)) {
            s.add("type", "object");
            Class<?> values = raw(argument(type, 1));
            return values == Object.class ? s.build() : s.add("additionalProperties", type(argument(type, 1), components)).build();
        }
        if (raw.isRecord()) {
            derive(raw, components);
            return s.add("$ref", REFS + name(raw)).build();
        }
        if (raw == Object.class) {
            return s.build(); // any JSON value
        }
        throw new IllegalArgumentException("No schema for component type " + type.getTypeName());
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonStructure value = reader.read();
            return value;
        }
    }
}
