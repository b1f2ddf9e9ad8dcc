package dev.gatehouse.rest.analytics.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

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
        if (!"OPTIONS".equals(request.getMethod()) || !isPixel(request)
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "86400")
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (isPixel(request) && !response.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
            response.getHeaders().putSingle("Access-Control-Expose-Headers", "X-Request-ID, X-Pixel-Dropped, Retry-After");
        }
    }

    private static boolean isPixel(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path != null && (path.startsWith(PATH) || path.startsWith("/" + PATH));
    }
}
