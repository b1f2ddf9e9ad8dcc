package dev.gatehouse.rest.contract.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a JSON value as block-style YAML. Strings are always double-quoted with JSON escapes,
 * which YAML reads identically, so no value can turn into a number, boolean or null by accident.
 */
public final class Yaml {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private Yaml() {
    }

    public static String of(JsonValue value) {
        StringBuilder out = new StringBuilder();
        if (value instanceof JsonObject o && !o.isEmpty()) {
            mapping(o, 0, out);
        } else if (value instanceof JsonArray a && !a.isEmpty()) {
            sequence(a, 0, out);
        } else {
            out.append(scalar(value)).append('\n');
        }
        return out.toString();
    }

    private static void mapping(JsonObject o, int indent, StringBuilder out) {
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            out.append(" ".repeat(indent)).append(key(e.getKey())).append(':');
            value(e.getValue(), indent, out);
        }
    }

    private static void sequence(JsonArray a, int indent, StringBuilder out) {
        for (JsonValue item : a) {
            out.append(" ".repeat(indent)).append('-');
            if (item instanceof JsonObject o && !o.isEmpty()) {
                // the first key shares the dash's line; the rest line up under it
                StringBuilder nested = new StringBuilder();
                mapping(o, indent + 2, nested);
                out.append(' ').append(nested.substring(indent + 2));
            } else {
                value(item, indent, out);
            }
        }
    }

    private static void value(JsonValue v, int indent, StringBuilder out) {
        if (v instanceof JsonObject o && !o.isEmpty()) {
            out.append('\n');
            mapping(o, indent + 2, out);
        } else if (v instanceof JsonArray a && !a.isEmpty()) {
            out.append('\n');
            sequence(a, indent + 2, out);
        } else {
            out.append(' ').append(scalar(v)).append('\n');
        }
    }

    private static String scalar(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "{}";
            case ARRAY -> "[]";
            default -> v.toString(); // strings come out quoted and escaped as JSON, numbers and literals as is
        };
    }

    private static String key(String key) {
        boolean ambiguous = key.equalsIgnoreCase("true") || key.equalsIgnoreCase("false") || key.equalsIgnoreCase("null")
                || key.equalsIgnoreCase("yes") || key.equalsIgnoreCase("no") || key.equalsIgnoreCase("on") || key.equalsIgnoreCase("off");
        return PLAIN_KEY.matcher(key).matches() && !ambiguous ? key : jakarta.json.Json.createValue(key).toString();
    }
}
