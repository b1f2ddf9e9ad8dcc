package dev.gatehouse.rest.platform.boundary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request that Gatehouse answers with an error. Carries the status, the {@code error} code, a
 * message for people and any extra body fields of DESIGN.md's error table; {@link ErrorResponses}
 * turns it into the one JSON error shape. Never put a secret in the message or the fields.
 *
 * <p>Every extra field is optional: {@link #with} given a null value leaves the field out of the
 * body (an unset {@code upgrade_url}, say), so building an error never fails on what it does not
 * know. The fields keep the order they were added in.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final Map<String, Object> fields;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String message) {
        this(status, error, message, Map.of(), Map.of(), null);
    }

    private ApiException(int status, String error, String message, Map<String, Object> fields,
                         Map<String, String> headers, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A copy with one more body field; a null value leaves the field out (this exception itself). */
    public ApiException with(String field, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(field, value);
        return new ApiException(status, error, getMessage(), copy, headers, getCause());
    }

    /** A copy with one more response header; a null value leaves the header out (this exception itself). */
    public ApiException withHeader(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiException(status, error, getMessage(), fields, copy, getCause());
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException notFound() {
        return new ApiException(404, "not_found", "Resource not found.");
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException validation(Map<String, List<String>> errors) {
        return new ApiException(422, "validation_failed", "The given data was invalid.").with("errors", errors);
    }

    public static ApiException validation(String field, String message) {
        return validation(Map.of(field, List.of(message)));
    }

    public static ApiException badRequest(String error, String message) {
        return new ApiException(400, error, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, "unauthorized", message).with("code", code).with("recoverable", false);
    }

    public static ApiException insufficientScope(List<String> required, List<String> held, List<String> missing) {
        String message = "Insufficient permissions. Required scope" + (missing.size() == 1 ? ": " : "s: ")
                + String.join(", ", missing);
        return new ApiException(403, "access_denied", message)
                .with("code", "insufficient_scope")
                .with("required_scopes", required)
                .with("held_scopes", held)
                .with("recoverable", false);
    }

    public static ApiException payloadTooLarge(long maxBytes) {
        return new ApiException(413, "payload_too_large",
                "The request body is larger than " + maxBytes + " bytes.");
    }

    /**
     * The error for a bare status that a layer below Gatehouse chose (JAX-RS matching, the servlet
     * container): the one table from status to {@code error} code, shared by {@link ErrorMappers}
     * and {@link ErrorPageServlet}. A 5xx is {@code server_error}; callers add the request id.
     */
    public static ApiException forStatus(int status) {
        return switch (status) {
            case 400 -> badRequest("bad_request", "The request could not be understood.");
            case 404 -> notFound();
            case 405 -> new ApiException(405, "method_not_allowed", "This method is not allowed on this resource.");
            case 406 -> new ApiException(406, "not_acceptable", "Gatehouse answers with application/json.");
            case 413 -> payloadTooLarge(RequestIds.MAX_BODY_BYTES);
            case 414 -> new ApiException(414, "uri_too_long", "The request URI is too long.");
            case 415 -> new ApiException(415, "unsupported_media_type", "Send the request body as application/json.");
            case 431 -> new ApiException(431, "headers_too_large", "The request headers are too large.");
            default -> status >= 500
                    ? new ApiException(status, "server_error", "An unexpected error occurred.")
                    : new ApiException(status, "error", "The request failed.");
        };
    }
}
