package dev.gatehouse.rest.mcp.boundary;

import dev.gatehouse.rest.contract.control.OpenApiDocument;
import dev.gatehouse.rest.mcp.control.GatehouseMcp;
import dev.gatehouse.rest.mcp.control.McpServer;
import dev.gatehouse.rest.mcp.control.RestDispatcher;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /mcp}: the MCP Streamable HTTP transport. POST carries one JSON-RPC message and gets one
 * {@code application/json} answer (202 for notifications and responses); there is no server-to-client
 * stream, so GET and DELETE are 405. Before anything else the {@code Host} and {@code Origin} headers
 * are checked against {@code gatehouse.mcp.allowed-hosts} / {@code gatehouse.mcp.allowed-origins}
 * (DNS-rebinding protection, 403).
 */
@WebServlet(name = "gatehouse-mcp", urlPatterns = "/mcp")
public class McpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Larger messages are refused unread: the REST body limit (1 MiB) plus room for the envelope. */
    static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    @Inject
    @ConfigProperty(name = "gatehouse.mcp.allowed-hosts", defaultValue = "localhost,127.0.0.1,[::1]")
    String allowedHosts;

    @Inject
    @ConfigProperty(name = "gatehouse.mcp.allowed-origins", defaultValue = " ")
    String allowedOrigins;

    @Inject
    transient GatehouseMcp mcp;

    private transient McpServer server;
    private transient List<String> hosts;
    private transient List<String> origins;

    @Override
    public void init() {
        server = mcp.server();
        hosts = list(allowedHosts);
        origins = list(allowedOrigins);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!originAllowed(request, response)) {
            return;
        }
        byte[] body = readLimited(request.getInputStream());
        if (body == null) {
            write(response, 413, Map.of(), error(-32600, "The message is larger than " + MAX_MESSAGE_BYTES + " bytes."));
            return;
        }
        RestDispatcher rest = new RestDispatcher(getServletContext(), OpenApiDocument.DEFAULT_BASE_PATH, request);
        McpServer.Outcome outcome = server.handle(body, request.getHeader("MCP-Protocol-Version"), rest);
        write(response, outcome.status(), outcome.headers(), outcome.body());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        notAllowed(request, response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        notAllowed(request, response);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        notAllowed(request, response);
    }

    private void notAllowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!originAllowed(request, response)) {
            return;
        }
        response.setHeader("Allow", "POST");
        write(response, 405, Map.of(), error(-32600, "Use POST: this server answers every request with JSON and opens no stream."));
    }

    /** DNS-rebinding protection: a Host or Origin that is not allowed gets 403 before anything runs. */
    private boolean originAllowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getHeader("Host");
        String origin = request.getHeader("Origin");
        boolean ok = host != null && hosts.contains(hostname(host));
        if (ok && origin != null) {
            ok = origins.contains(origin.toLowerCase(Locale.ROOT)) || hosts.contains(originHost(origin));
        }
        if (!ok) {
            write(response, 403, Map.of(), error(-32600, "Host or Origin not allowed. Add the host name to "
                    + "GATEHOUSE_MCP_ALLOWED_HOSTS (or the origin to GATEHOUSE_MCP_ALLOWED_ORIGINS)."));
        }
        return ok;
    }

    static String hostname(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String originHost(String origin) {
        try {
            String host = URI.create(origin.trim()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The body, or null when it is over the limit; then up to 16 MiB more is read and dropped so
     * the client, still sending, reads the 413 instead of a reset connection.
     */
    private static byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_MESSAGE_BYTES) {
                long left = 16L * 1024 * 1024;
                while (left > 0 && (n = in.read(buffer)) > 0) {
                    left -= n;
                }
                return null;
            }
        }
        return out.toByteArray();
    }

    private static JsonObject error(int code, String message) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").addNull("id")
                .add("error", Json.createObjectBuilder().add("code", code).add("message", message)).build();
    }

    private static void write(HttpServletResponse response, int status, Map<String, String> headers, JsonObject body)
            throws IOException {
        response.setStatus(status);
        headers.forEach(response::setHeader);
        if (body == null) {
            response.setContentLength(0);
            return;
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}
