package dev.gatehouse.rest.contract.control;

import static dev.gatehouse.rest.contract.control.OpenApiDocument.ref;
import static dev.gatehouse.rest.contract.control.OpenApiDocument.schemaRef;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code responses} of one operation in the OpenAPI document: the success status with its
 * headers and body (wrapped in the list or single-item envelope), then the error statuses that
 * apply to it (from what the operation is and its sidecar's {@code errors}).
 */
final class OperationResponses {

    private OperationResponses() {
    }

    static JsonObject of(JsonObject doc, Map<String, JsonValue> schemas, boolean isPublic, boolean write, boolean hasBody,
                         boolean isList, boolean templated) {
        JsonObjectBuilder responses = Json.createObjectBuilder();
        int status = doc.getInt("status", 200);
        JsonObjectBuilder success = Json.createObjectBuilder().add("description", doc.getString("responseDescription", "OK"));
        JsonObjectBuilder headers = Json.createObjectBuilder().add("X-Request-ID", ref("headers", "X-Request-ID"));
        if (!isPublic) {
            headers.add("X-RateLimit-Limit", ref("headers", "X-RateLimit-Limit"))
                    .add("X-RateLimit-Remaining", ref("headers", "X-RateLimit-Remaining"))
                    .add("X-RateLimit-Reset", ref("headers", "X-RateLimit-Reset"));
        }
        if (write && !isPublic) {
            headers.add("Idempotent-Replayed", ref("headers", "Idempotent-Replayed"));
        }
        if (status == 201) {
            headers.add("Location", ref("headers", "Location"));
        }
        success.add("headers", headers);
        JsonObject body = responseBody(doc, schemas);
        if (status != 204 && body != null) {
            success.add("content", Json.createObjectBuilder().add(doc.getString("mediaType", "application/json"),
                    Json.createObjectBuilder().add("schema", body)));
        }
        responses.add(Integer.toString(status), success);
        Map<String, String> errors = new TreeMap<>();
        if (doc.containsKey("errors")) {
            doc.getJsonObject("errors").forEach((code, text) -> errors.put(code, ((JsonString) text).getString()));
        }
        if (errors.containsKey("400") || hasBody) {
            responses.add("400", errors.containsKey("400") ? described("BadRequest", errors.get("400")) : ref("responses", "BadRequest"));
        }
        if (!isPublic) {
            responses.add("401", ref("responses", "Unauthorized"));
            responses.add("403", ref("responses", "Forbidden"));
        }
        if (templated || errors.containsKey("404")) {
            responses.add("404", ref("responses", "NotFound"));
        }
        if ((write && !isPublic) || errors.containsKey("409")) {
            responses.add("409", ref("responses", "Conflict"));
        }
        if (hasBody) {
            responses.add("413", ref("responses", "PayloadTooLarge"));
        }
        if (hasBody || isList || write || errors.containsKey("422")) {
            responses.add("422", ref("responses", "ValidationFailed"));
        }
        responses.add("429", ref("responses", "RateLimited"));
        responses.add("500", ref("responses", "ServerError"));
        errors.forEach((code, text) -> {
            if (Integer.parseInt(code) > 500) { // e.g. a gateway's 502/504: only the operations that call out
                responses.add(code, Json.createObjectBuilder().add("description", text)
                        .add("content", Json.createObjectBuilder().add("application/json", Json.createObjectBuilder()
                                .add("schema", ref("schemas", "Error")))));
            }
        });
        return responses.build();
    }

    /**
     * The success body: {@code list} and {@code data} wrap a schema in the list or single-item
     * envelope, registered once as {@code <Schema>List} / {@code <Schema>Envelope} so generated
     * clients get named types.
     */
    private static JsonObject responseBody(JsonObject doc, Map<String, JsonValue> schemas) {
        if (doc.containsKey("list")) {
            String item = doc.getString("list");
            schemas.putIfAbsent(item + "List", Json.createObjectBuilder().add("type", "object")
                    .add("required", Json.createArrayBuilder().add("data").add("meta").add("links"))
                    .add("properties", Json.createObjectBuilder()
                            .add("data", Json.createObjectBuilder().add("type", "array").add("items", schemaRef(item)))
                            .add("meta", ref("schemas", "ListMeta"))
                            .add("links", ref("schemas", "ListLinks")))
                    .build());
            return schemaRef(item + "List");
        }
        if (doc.containsKey("data")) {
            String item = doc.getString("data");
            schemas.putIfAbsent(item + "Envelope", Json.createObjectBuilder().add("type", "object")
                    .add("required", Json.createArrayBuilder().add("data"))
                    .add("properties", Json.createObjectBuilder()
                            .add("data", schemaRef(item))
                            .add("message", Json.createObjectBuilder().add("type", "string")))
                    .build());
            return schemaRef(item + "Envelope");
        }
        if (doc.containsKey("body")) {
            return schemaRef(doc.getString("body"));
        }
        return doc.getInt("status", 200) == 204 ? null : ref("schemas", "AnyObject");
    }

    private static JsonObject described(String response, String errorCodes) {
        return Json.createObjectBuilder()
                .add("description", "The request cannot be served as sent: `" + errorCodes.replace(", ", "`, `") + "`.")
                .add("content", Json.createObjectBuilder().add("application/json", Json.createObjectBuilder()
                        .add("schema", ref("schemas", "Error"))))
                .build();
    }

}
