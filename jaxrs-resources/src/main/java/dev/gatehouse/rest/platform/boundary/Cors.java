package dev.gatehouse.rest.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS for browser clients, allowed per origin by {@code gatehouse.cors.allowed-origins} (a comma
 * list of origins such as {@code https://app.example.com}, or {@code *} for any; none by default).
 * A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is
 * answered here, before routing and authentication, with 204; an allowed origin gets the allow
 * headers, any other origin gets no CORS header at all, so the browser refuses. Keys travel in
 * headers, never cookies, so credentials are not allowed.
 */
@Provider
@PreMatching
@Priority(200)
public class Cors implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, X-API-Key, Content-Type, Idempotency-Key, X-Workspace-ID, X-Request-ID";
    static final String EXPOSED_HEADERS = "X-Request-ID, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset,"
            + " Retry-After, Idempotent-Replayed, Location";
    static final String MAX_AGE_SECONDS = "600";

    @Inject
    CorsOrigins origins;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!"OPTIONS".equals(request.getMethod()) || origin == null
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        Response.ResponseBuilder preflight = Response.noContent();
        if (isAllowed(origin)) {
            preflight.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        }
        request.abortWith(preflight.header("Vary", "Origin").build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        origins.onResponse(request.getHeaderString("Origin"), ResponseHeaders.of(response.getHeaders()));
    }

    boolean isAllowed(String origin) {
        return origins.allows(origin);
    }
}
