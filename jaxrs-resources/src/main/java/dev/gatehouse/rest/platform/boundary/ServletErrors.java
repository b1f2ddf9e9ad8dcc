package dev.gatehouse.rest.platform.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an error in DESIGN.md's shape straight to a servlet response, for the answers that never
 * reach JAX-RS ({@link ErrorShapeFilter}, {@link ErrorPageServlet}, the pixel's {@code /pixel/track}). Uses no JAX-RS, so it also
 * works while Jersey itself is what failed. The body is the one {@link ErrorResponses} builds.
 */
public final class ServletErrors {

    private ServletErrors() {
    }

    /** The request's id: the one {@link ErrorShapeFilter} chose, else the sane incoming one or a new one. */
    public static String requestId(HttpServletRequest request) {
        Object chosen = request.getAttribute(RequestIds.PROPERTY);
        if (chosen instanceof String id) {
            return id;
        }
        String id = RequestIds.idFor(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIds.PROPERTY, id);
        return id;
    }

    /** Replaces whatever was buffered with the error; does nothing once the response is committed. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ApiException error) throws IOException {
        write(request, response, error, true);
    }

    /**
     * The same, with the {@code Content-Type} JAX-RS gives its errors ({@code application/json}
     * without a charset), for a path served in front of Jersey that must answer as Jersey does.
     */
    public static void writeAsJaxRs(HttpServletRequest request, HttpServletResponse response, ApiException error) throws IOException {
        write(request, response, error, false);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ApiException error, boolean charset)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String id = requestId(request);
        ApiException e = error.status() >= 500 && !error.fields().containsKey("request_id")
                ? error.with("request_id", id) : error;
        response.resetBuffer();
        response.setStatus(e.status());
        response.setHeader(RequestIds.HEADER, id);
        e.headers().forEach(response::setHeader);
        response.setContentType("application/json");
        if (charset) {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("message", e.getMessage());
        body.putAll(e.fields());
        byte[] bytes = Json.object(body).toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
        response.flushBuffer();
    }
}
