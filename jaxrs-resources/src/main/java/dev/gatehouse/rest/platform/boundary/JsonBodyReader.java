package dev.gatehouse.rest.platform.boundary;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.spi.JsonProvider;
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

/**
 * Reads request bodies into {@link JsonBody}. An empty body is an empty object; anything that is
 * not one JSON object is a 400 {@code invalid_json} whose message points at the line and column.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonBody> {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonBody.class;
    }

    @Override
    public JsonBody readFrom(Class<JsonBody> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                             MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readAllBytes();
        if (isBlank(bytes)) {
            return JsonBody.empty();
        }
        try (JsonReader reader = PROVIDER.createReader(new ByteArrayInputStream(bytes))) {
            JsonStructure structure = reader.read();
            if (structure instanceof JsonObject object) {
                return JsonBody.of(object);
            }
            throw ApiException.badRequest("invalid_json", "The request body must be a JSON object.");
        } catch (JsonParsingException e) {
            var where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNumber() + ", column " + where.getColumnNumber();
            throw ApiException.badRequest("invalid_json", "The request body is not valid JSON" + at + ": " + describe(e) + ".");
        } catch (JsonException e) {
            throw ApiException.badRequest("invalid_json", "The request body is not valid JSON: " + describe(e) + ".");
        }
    }

    private static String describe(JsonException e) {
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
