package dev.gatehouse.rest.platform.boundary;

import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.Verification;
import dev.gatehouse.rest.portal.boundary.PortalCallers;
import dev.gatehouse.rest.portal.boundary.PortalCookies;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Authenticates every request to a non-{@link Public} endpoint and then checks the endpoint's
 * {@link RequiresScopes} and, when it is declared, {@link RootOnly}. The key comes from {@code Authorization: Bearer <key>} or, as a fallback,
 * {@code X-API-Key}; a malformed key is refused by {@link ApiKeys#verify} before any lookup.
 * A Bearer value may instead be a portal session token ({@code gh_ps_…}) or a JWT signed by the
 * deploying app; without any header, a top-level portal page's session cookie is accepted, and
 * then a write must also carry the session's CSRF token ({@link PortalCallers}). Each of these
 * becomes a {@link Caller} with a workspace and scopes, checked below exactly like a key's.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    @Inject
    ApiKeys keys;

    @Inject
    CurrentRequest current;

    @Inject
    PortalCallers portal;

    @Context
    ResourceInfo resource;

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || isPublic(method)) {
            return;
        }
        Caller caller = caller(request);
        current.caller(caller);
        current.workspaceHeader(request.getHeaderString(Tenancy.HEADER));
        checkScopes(method, caller);
        checkRootOnly(method, caller);
    }

    private Caller caller(ContainerRequestContext request) {
        String presented = presentedCredential(request);
        if (presented == null) {
            String cookie = PortalCookies.token(request.getCookies());
            if (cookie == null) {
                throw ApiException.unauthorized("missing_authorization",
                        "Send an API key: Authorization: Bearer <key> (or X-API-Key: <key>).");
            }
            Caller caller = portal.session(cookie, current.requestId());
            if (WRITES.contains(request.getMethod())) {
                PortalCallers.requireCsrf(cookie, request.getHeaderString(PortalCallers.CSRF_HEADER));
            }
            return caller;
        }
        if (PortalCallers.isSessionToken(presented)) {
            return portal.session(presented, current.requestId());
        }
        if (PortalCallers.isJwt(presented)) {
            return portal.jwt(presented, current.requestId());
        }
        Verification verification = keys.verify(presented);
        switch (verification.code()) {
            case VALID -> { }
            case MALFORMED -> throw ApiException.unauthorized("invalid_authorization_format",
                    "The API key is malformed. Send Authorization: Bearer <key>.");
            case NOT_FOUND -> throw ApiException.unauthorized("key_not_found", "Invalid or missing API key.");
            case REVOKED -> throw ApiException.unauthorized("key_revoked", "This API key has been revoked.");
            case EXPIRED -> throw ApiException.unauthorized("key_expired", "This API key has expired.");
        }
        return new Caller(verification.key(), current.requestId());
    }

    /** The Bearer value or {@code X-API-Key}; null when neither header is sent. */
    static String presentedCredential(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            if (space <= 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
                throw ApiException.unauthorized("invalid_authorization_format",
                        "Use the Bearer scheme: Authorization: Bearer <key>.");
            }
            String key = authorization.substring(space + 1).trim();
            if (key.isEmpty()) {
                throw ApiException.unauthorized("invalid_authorization_format", "The Bearer token is empty.");
            }
            return key;
        }
        String apiKey = request.getHeaderString("X-API-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        return null;
    }

    private boolean isPublic(Method method) {
        return method.isAnnotationPresent(Public.class) || resource.getResourceClass().isAnnotationPresent(Public.class);
    }

    /** Root-only operations are declared with {@link RootOnly}, checked here once instead of in each resource. */
    static void checkRootOnly(Method method, Caller caller) {
        RootOnly rootOnly = method.getAnnotation(RootOnly.class);
        if (rootOnly != null && !caller.isRoot()) {
            throw new ApiException(403, "access_denied", "Only root keys can " + rootOnly.value() + ".")
                    .with("recoverable", false);
        }
    }

    private void checkScopes(Method method, Caller caller) {
        RequiresScopes required = method.getAnnotation(RequiresScopes.class);
        if (required == null) {
            required = resource.getResourceClass().getAnnotation(RequiresScopes.class);
        }
        if (required == null) {
            // Fail closed: an endpoint that forgot to declare its scopes is nobody's.
            throw new ApiException(403, "access_denied", "This endpoint declares no scopes and is not available.");
        }
        List<String> names = Arrays.asList(required.value());
        boolean granted = required.any() ? caller.key().scopes().grantsAny(names) : caller.key().scopes().grantsAll(names);
        if (!granted) {
            List<String> missing = required.any() ? names : caller.key().scopes().missing(names);
            throw ApiException.insufficientScope(names, caller.scopes(), missing);
        }
    }
}
