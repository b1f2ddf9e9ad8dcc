package dev.gatehouse.rest.mcp.control;

import jakarta.json.JsonValue;
import java.util.Map;

/** A JSON-RPC error that ends the request, with the HTTP status to send it under. */
public final class McpFailure extends RuntimeException {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int RESOURCE_NOT_FOUND = -32002;
    static final int UNAUTHORIZED = -32001;
    static final int FORBIDDEN = -32003;

    private static final long serialVersionUID = 1L;
    final int http;
    final int code;
    final transient JsonValue data;
    final transient Map<String, String> headers;

    McpFailure(int http, int code, String message, JsonValue data, Map<String, String> headers) {
        super(message, null, false, false);
        this.http = http;
        this.code = code;
        this.data = data;
        this.headers = headers;
    }

    static McpFailure params(String message) {
        return new McpFailure(200, INVALID_PARAMS, message, null, Map.of());
    }

    /** The HTTP status it is sent under (200 for errors that are only JSON-RPC errors). */
    public int http() {
        return http;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The error's data (for refused REST calls, the REST error body), or null. */
    public JsonValue data() {
        return data;
    }

    /** Whether it says the tool's arguments (or the tool) are wrong. */
    public boolean invalidParams() {
        return code == INVALID_PARAMS;
    }

    /** Whether it says the resource does not exist (for this caller). */
    public boolean notFound() {
        return code == RESOURCE_NOT_FOUND;
    }
}
