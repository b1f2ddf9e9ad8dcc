package dev.gatehouse.seo;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixtures as the container hands them to the core: parsed JSON as maps and lists. */
final class Fixtures {

    static final String PAGE = "http://127.0.0.1:47235/page.html";

    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            try (JsonReader reader = Json.createReader(in)) {
                return (Map<String, Object>) plain(reader.readValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return plain(reader.readValue());
        }
    }

    static ReportReader reader() {
        return new ReportReader(Fixtures::parse);
    }

    static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT: {
                Map<String, Object> out = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> out.put(k, plain(v)));
                return out;
            }
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (JsonValue v : (JsonArray) value) {
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
