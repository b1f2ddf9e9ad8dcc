package dev.gatehouse.rest.platform.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies into {@link JsonBody}. An empty body is an empty object; anything that is
 * not exactly one JSON object is a 400 {@code invalid_json} whose message points at the line and
 * column: text after the object ({@code {"name":"a"} xyz}, a second document) is refused rather
 * than silently dropped, and so is nesting deeper than {@link #MAX_DEPTH} levels (checked before
 * the parser runs, whose own limit of ~1,000 levels fails with an unchecked exception). A string
 * holding U+0000 anywhere in the document, in a value or a name, is a 422 naming the field:
 * PostgreSQL cannot store it in text or {@code jsonb}, and no Gatehouse field needs it.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonBody> {

    /** Deepest nesting of objects and arrays a request body may have. */
    public static final int MAX_DEPTH = 64;

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonBody.class;
    }

    @Override
    public JsonBody readFrom(Class<JsonBody> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                             MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return read(entityStream.readAllBytes());
    }

    /** Parses one request body; throws the 400 or 422 {@link ApiException} described above. */
    static JsonBody read(byte[] bytes) {
        if (isBlank(bytes)) {
            return JsonBody.empty();
        }
        if (depth(bytes) > MAX_DEPTH) {
            throw ApiException.badRequest("invalid_json",
                    "The request body is nested deeper than " + MAX_DEPTH + " levels of objects and arrays.");
        }
        JsonObject object;
        try (JsonParser parser = PROVIDER.createParser(new ByteArrayInputStream(bytes))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw ApiException.badRequest("invalid_json", "The request body must be a JSON object.");
            }
            object = parser.getObject();
            if (parser.hasNext()) { // Parsson throws here for trailing text; this covers a parser that does not
                throw ApiException.badRequest("invalid_json", "The request body must hold exactly one JSON object.");
            }
        } catch (JsonParsingException e) {
            var where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNumber() + ", column " + where.getColumnNumber();
            throw ApiException.badRequest("invalid_json", "The request body is not valid JSON" + at + ": " + describe(e) + ".");
        } catch (JsonException | IllegalStateException e) {
            throw ApiException.badRequest("invalid_json", "The request body is not valid JSON: " + describe(e) + ".");
        }
        Map<String, List<String>> nul = new LinkedHashMap<>();
        findNul(object, "", nul);
        if (!nul.isEmpty()) {
            throw ApiException.validation(nul);
        }
        return JsonBody.of(object);
    }

    /** The deepest nesting of objects and arrays, counted outside strings; stops counting past the limit. */
    public static int depth(byte[] bytes) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
                if (depth > max) {
                    max = depth;
                    if (max > MAX_DEPTH) {
                        return max;
                    }
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return max;
    }

    private static void findNul(JsonValue value, String path, Map<String, List<String>> errors) {
        if (value instanceof JsonString s) {
            if (s.getString().indexOf('\0') >= 0) {
                errors.computeIfAbsent(path, k -> new ArrayList<>()).add("must not contain the NUL character (U+0000).");
            }
        } else if (value instanceof JsonObject o) {
            o.forEach((name, inner) -> {
                String at = path.isEmpty() ? name : path + "." + name;
                if (name.indexOf('\0') >= 0) {
                    errors.computeIfAbsent(at.replace("\0", "\\u0000"), k -> new ArrayList<>())
                            .add("is a field name containing the NUL character (U+0000).");
                } else {
                    findNul(inner, at, errors);
                }
            });
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                findNul(a.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "unreadable input" : e.getMessage();
        // Parser messages can quote the input; keep them short so no large payload is echoed back.
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
