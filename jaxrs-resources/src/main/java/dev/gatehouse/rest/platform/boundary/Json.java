package dev.gatehouse.rest.platform.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the response records ({@link Wire}), maps, lists, strings, numbers, booleans and instants
 * that resources answer with into JSON-P values. Nulls stay {@code null} in the output (the seeds show {@code "expires_at": null});
 * instants are ISO-8601 UTC with {@code Z}, to the second.
 */
public final class Json {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }

    public static JsonObject object(Map<String, ?> map) {
        JsonObjectBuilder b = PROVIDER.createObjectBuilder();
        map.forEach((k, v) -> b.add(k, value(v)));
        return b.build();
    }

    /** A response record as the JSON object {@link Wire} describes. */
    public static JsonObject object(Record record) {
        return object(Wire.map(record));
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @SuppressWarnings("unchecked")
    public static JsonValue value(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof Optional<?> o) {
            return value(o.orElse(null));
        }
        if (v instanceof String s) {
            return PROVIDER.createValue(s);
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return PROVIDER.createValue(((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return PROVIDER.createValue(d);
        }
        if (v instanceof Float f) {
            return PROVIDER.createValue(f.doubleValue());
        }
        if (v instanceof BigDecimal d) {
            return PROVIDER.createValue(d);
        }
        if (v instanceof BigInteger i) {
            return PROVIDER.createValue(i);
        }
        if (v instanceof Instant i) {
            return PROVIDER.createValue(timestamp(i));
        }
        if (v instanceof Enum<?> e) {
            return PROVIDER.createValue(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (v instanceof Record r) {
            return object(Wire.map(r));
        }
        if (v instanceof Map<?, ?> m) {
            return object((Map<String, ?>) m);
        }
        if (v instanceof Collection<?> c) {
            JsonArrayBuilder a = PROVIDER.createArrayBuilder();
            c.forEach(item -> a.add(value(item)));
            return a.build();
        }
        return PROVIDER.createValue(v.toString());
    }
}
