package dev.gatehouse.rest.mcp.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Gatehouse's REST API as the MCP server calls it: one call in, one captured answer out. */
@FunctionalInterface
public interface Rest {

    /** Runs the call through the REST application and returns its answer. */
    Reply call(Call call);

    /**
     * One REST call.
     *
     * @param method      the HTTP method
     * @param pathAndQuery the path below the API's base path, with its encoded query, e.g. {@code /webhooks/3?page=2}
     * @param headers     headers to set (e.g. {@code X-Workspace-ID}); the caller's credentials are kept
     * @param body        the JSON body, or null
     */
    record Call(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        public Call {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * A captured answer.
     *
     * @param status  the HTTP status
     * @param headers the response headers, names lower-cased
     * @param body    the body's bytes
     */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
