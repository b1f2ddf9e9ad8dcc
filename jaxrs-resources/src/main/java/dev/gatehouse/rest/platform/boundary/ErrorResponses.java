package dev.gatehouse.rest.platform.boundary;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds every error response Gatehouse sends, in the one shape {@code {"error", "message", …}}. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body(e));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    /** The JSON body of an error: {@code error}, {@code message}, then the fields the exception carries. */
    static JsonObject body(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("message", e.getMessage());
        body.putAll(e.fields());
        return Json.object(body);
    }
}
