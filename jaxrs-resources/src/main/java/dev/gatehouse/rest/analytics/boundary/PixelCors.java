package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.rest.platform.boundary.ResponseHeaders;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CORS for the public pixel endpoints ({@code /pixel/…}), open to every origin: which pages may
 * send hits is decided per site by its domains (a foreign origin's hit is refused by the rules, with
 * a 4xx the page can read), not by {@code gatehouse.cors.allowed-origins}, which stays in charge of
 * every other path. Answers preflights before the platform's CORS filter sees them; no credentials.
 */
@Provider
@PreMatching
@Priority(100)
public class PixelCors implements ContainerRequestFilter, ContainerResponseFilter {

    static final String PATH = "pixel/";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isPreflight(request.getMethod(), request.getHeaderString("Access-Control-Request-Method")) || !isPixel(request)) {
            return;
        }
        Response.ResponseBuilder preflight = Response.noContent();
        PREFLIGHT.forEach(preflight::header);
        request.abortWith(preflight.build());
    }

    /** A preflight's answer (204): any origin, the pixel's methods, no credentials. */
    static final Map<String, String> PREFLIGHT = orderedMap(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Methods", "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers", "Content-Type",
            "Access-Control-Max-Age", "86400");

    /** Whether a request is a preflight (its method {@code OPTIONS}, with {@code Access-Control-Request-Method}). */
    static boolean isPreflight(String method, String requestMethodHeader) {
        return "OPTIONS".equals(method) && requestMethodHeader != null;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (isPixel(request)) {
            onResponse(ResponseHeaders.of(response.getHeaders()));
        }
    }

    /**
     * What every other answer of a pixel path gets, after the platform's {@code Cors} (which runs
     * first among the response filters, and wins for an origin that {@code gatehouse.cors.allowed-origins} allows).
     */
    static void onResponse(ResponseHeaders headers) {
        if (!headers.has("Access-Control-Allow-Origin")) {
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Expose-Headers", "X-Request-ID, X-Pixel-Dropped, Retry-After");
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static boolean isPixel(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path != null && (path.startsWith(PATH) || path.startsWith("/" + PATH));
    }
}
