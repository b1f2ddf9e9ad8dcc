package dev.gatehouse.rest.mcp.gateway;

/**
 * Why a call to an upstream MCP server failed. The message names the failure, never the server's URL
 * or headers; the caller adds the server's name.
 */
public final class UpstreamFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each with the word the REST error and the audit log use. */
    public enum Kind {
        /** The URL breaks the address policy (checked again before every call). */
        REFUSED_URL("upstream_refused"),
        /** No connection: refused, reset, DNS failure. */
        UNREACHABLE("upstream_unreachable"),
        /** No complete answer within the server's timeout. */
        TIMEOUT("upstream_timeout"),
        /** An answer that is not MCP: not JSON, not JSON-RPC, no answer to our request. */
        BAD_RESPONSE("upstream_bad_response"),
        /** An answer larger than the gateway accepts. */
        TOO_LARGE("upstream_response_too_large"),
        /** An HTTP error status (401, 500, …). */
        HTTP_ERROR("upstream_http_error"),
        /** A JSON-RPC error answer (unknown tool, bad arguments, …). */
        RPC_ERROR("upstream_error");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The error code of the REST error body and the audit log's outcome. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final Integer rpcCode;

    public UpstreamFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public UpstreamFailure(Kind kind, String message, Integer rpcCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.rpcCode = rpcCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream's JSON-RPC error code, for {@link Kind#RPC_ERROR}; else null. */
    public Integer rpcCode() {
        return rpcCode;
    }
}
