package dev.gatehouse.rest.platform.boundary;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The envelopes of seed 001: {@code {"data": …}} and {@code {"message": …, "data": …}}. */
public final class Bodies {

    private Bodies() {
    }

    public static JsonObject data(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        return Json.object(body);
    }

    public static JsonObject message(String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("data", data);
        return Json.object(body);
    }
}
