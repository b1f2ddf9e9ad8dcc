package dev.gatehouse.rest.portal.boundary;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.ScopeCatalog;
import dev.gatehouse.keys.ScopeSet;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.portal.control.HostJwts;
import dev.gatehouse.rest.portal.control.PortalSession;
import dev.gatehouse.rest.portal.control.PortalSessions;
import dev.gatehouse.rest.portal.control.SessionTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Turns a portal session token or a host-signed JWT into a {@link Caller}, for the authentication
 * filter: the same scope gates, tenancy, rate limits and audit as a key. Refusals are 401s with a
 * {@code code} that says why; none echoes the token.
 */
@ApplicationScoped
public class PortalCallers {

    /** The header a cookie-authenticated write must carry. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    PortalSessions sessions;

    @Inject
    HostJwts jwts;

    @Inject
    ScopeCatalog catalog;

    @Inject
    Clock clock;

    /** True when a Bearer value is a portal session token rather than an API key. */
    public static boolean isSessionToken(String presented) {
        return presented.startsWith(SessionTokens.SESSION_PREFIX);
    }

    /** True when a Bearer value is shaped like a JWT. */
    public static boolean isJwt(String presented) {
        return HostJwts.looksLikeJwt(presented);
    }

    /** The caller of an active session; 401 otherwise. */
    public Caller session(String token, String requestId) {
        PortalSessions.Resolution r = sessions.resolve(token);
        switch (r.state()) {
            case ACTIVE -> { }
            case NOT_FOUND -> throw ApiException.unauthorized("session_not_found",
                    "This portal session does not exist. Open a new portal link.");
            case EXPIRED -> throw ApiException.unauthorized("session_expired",
                    "This portal session has expired. Open a new portal link.");
            case ENDED -> throw ApiException.unauthorized("session_ended",
                    "This portal session has ended (logged out or revoked). Open a new portal link.");
        }
        PortalSession s = r.session();
        ApiKey key = new ApiKey(s.createdByKeyId(), s.workspaceId(), null, KeyType.WORKSPACE, "portal session " + s.id(),
                SessionTokens.SESSION_PREFIX, "", ScopeSet.of(s.scopes()), null, s.expiresAt(), null, null,
                clock.instant(), s.createdByKeyId(), null);
        return new Caller(key, requestId, new Caller.SignIn(Caller.SignIn.PORTAL_SESSION, s.id(), s.endUser()));
    }

    /** The caller a host-signed JWT names; 401 when it is not valid. */
    public Caller jwt(String token, String requestId) {
        HostJwts.HostClaims claims;
        try {
            claims = jwts.verify(token);
        } catch (HostJwts.JwtRefusedException e) {
            throw ApiException.unauthorized(e.expired() ? "token_expired" : "invalid_token", e.getMessage());
        }
        List<String> unknown = catalog.unknown(claims.scopes());
        if (!unknown.isEmpty()) {
            throw ApiException.unauthorized("invalid_token", "The JWT names unknown scopes: " + String.join(", ", unknown) + ".");
        }
        ApiKey key = new ApiKey(0, claims.workspaceId(), null, KeyType.WORKSPACE, "jwt " + claims.user(), "jwt", "",
                ScopeSet.of(claims.scopes()), null, claims.expiresAt(), null, null, clock.instant(), null, null);
        return new Caller(key, requestId, new Caller.SignIn(Caller.SignIn.JWT, null, claims.user()));
    }

    /** 403 unless a cookie-authenticated write carries the session's CSRF token. */
    public static void requireCsrf(String sessionToken, String presented) {
        if (!SessionTokens.csrfMatches(sessionToken, presented)) {
            throw new ApiException(403, "access_denied", "A write with the portal's session cookie needs the "
                    + CSRF_HEADER + " header with the session's CSRF token.").with("code", "csrf_token_invalid")
                    .with("recoverable", false);
        }
    }
}
