package dev.gatehouse.rest.seo.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-P values as the plain maps, lists, strings, {@link java.math.BigDecimal}s, booleans and
 * nulls that seo-core reads, so the core needs no JSON library.
 */
public final class JsonMaps {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonMaps() {
    }

    /** An object as a map, keeping the order of its fields. */
    public static Map<String, Object> of(JsonObject object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    /** Parses JSON text (a Lighthouse CI run's {@code lhr}); throws for text that is not JSON. */
    public static Object parse(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return plain(reader.readValue());
        }
    }

    static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT:
                return of((JsonObject) value);
            case ARRAY: {
                JsonArray array = (JsonArray) value;
                List<Object> out = new ArrayList<>(array.size());
                for (JsonValue v : array) {
                    out.add(plain(v));
                }
                return out;
            }
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                return ((JsonNumber) value).bigDecimalValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
