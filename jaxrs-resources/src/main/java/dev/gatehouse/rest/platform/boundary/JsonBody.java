package dev.gatehouse.rest.platform.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object with typed, validating accessors. Every accessor records a problem
 * against the field's name instead of throwing, so one 422 lists everything wrong at once;
 * {@link #validate()} throws it. Fields the endpoint does not know are refused (like Stripe's
 * "unknown parameter"), so a typo never silently does nothing.
 */
public final class JsonBody {

    private final JsonObject json;
    private final String prefix;
    private final Map<String, List<String>> errors;

    JsonBody(JsonObject json) {
        this(json, "", new LinkedHashMap<>());
    }

    private JsonBody(JsonObject json, String prefix, Map<String, List<String>> errors) {
        this.json = json;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** An empty body (a request without one). */
    public static JsonBody empty() {
        return new JsonBody(JsonValue.EMPTY_JSON_OBJECT);
    }

    public static JsonBody of(JsonObject json) {
        return new JsonBody(json);
    }

    /** Records every field not in {@code known} as an error. */
    public JsonBody allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String field : json.keySet()) {
            if (!allowed.contains(field)) {
                error(field, "is not a known field; expected one of " + String.join(", ", known) + ".");
            }
        }
        return this;
    }

    /** True if the field is present, even as {@code null}. */
    public boolean has(String field) {
        return json.containsKey(field);
    }

    public boolean isNull(String field) {
        return json.containsKey(field) && json.get(field).getValueType() == JsonValue.ValueType.NULL;
    }

    public boolean isEmpty() {
        return json.isEmpty();
    }

    public Optional<String> string(String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        error(field, "must be a string.");
        return Optional.empty();
    }

    public Optional<Long> integer(String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return Optional.of(n.bigIntegerValueExact().longValueExact());
            } catch (ArithmeticException e) {
                error(field, "is out of range.");
                return Optional.empty();
            }
        }
        error(field, "must be an integer.");
        return Optional.empty();
    }

    public Optional<Boolean> bool(String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return Optional.of(true);
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(false);
        }
        error(field, "must be true or false.");
        return Optional.empty();
    }

    public Optional<List<String>> stringList(String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonArray array)) {
            error(field, "must be an array of strings.");
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                error(field, "must be an array of strings.");
                return Optional.empty();
            }
            out.add(s.getString());
        }
        return Optional.of(out);
    }

    /** An ISO-8601 date-time with an offset or {@code Z}, e.g. {@code 2027-01-01T00:00:00Z}. */
    public Optional<Instant> instant(String field) {
        return string(field).flatMap(text -> {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                error(field, "must be an ISO-8601 date-time with a time zone, e.g. 2027-01-01T00:00:00Z.");
                return Optional.empty();
            }
        });
    }

    /** A nested object; problems inside it are named {@code field.inner}. */
    public Optional<JsonBody> object(String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonObject o) {
            return Optional.of(new JsonBody(o, prefix + field + ".", errors));
        }
        error(field, "must be an object.");
        return Optional.empty();
    }

    /** The raw JSON value of a field, for payloads Gatehouse passes through. */
    public Optional<JsonValue> raw(String field) {
        return Optional.ofNullable(json.get(field));
    }

    public JsonObject json() {
        return json;
    }

    public void error(String field, String message) {
        errors.computeIfAbsent(prefix + field, k -> new ArrayList<>()).add(message);
    }

    /** Records "is required." when the field is absent or null. */
    public JsonBody require(String... fields) {
        for (String field : fields) {
            if (!has(field) || isNull(field)) {
                error(field, "is required.");
            }
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws the 422 listing every problem found so far, if any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
