package dev.gatehouse.rest.portal.boundary;

import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.ScopeCatalog;
import dev.gatehouse.keys.ScopeSet;
import dev.gatehouse.keys.Workspaces;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.Public;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.portal.control.Branding;
import dev.gatehouse.rest.portal.control.PortalSession;
import dev.gatehouse.rest.portal.control.PortalSessions;
import dev.gatehouse.rest.portal.control.PortalSettings;
import dev.gatehouse.rest.portal.control.SessionTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portal sessions: a root key, or a workspace key with {@code portal:write}, mints a single-use
 * magic link for one workspace; the portal page exchanges it for a session (a cookie for a
 * top-level page, a token kept in page memory inside a frame); the session can ask who it is and
 * log out; the workspace's sessions can all be revoked at once.
 */
@Path("portal")
@Wire.Records({PortalViews.Link.class, PortalViews.Session.class, PortalViews.Revoked.class})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalSessionsResource {

    static final String MODE_COOKIE = "cookie";
    static final String MODE_HEADER = "header";
    private static final int MAX_END_USER = 255;

    @Inject
    PortalSessions sessions;

    @Inject
    PortalSettings settings;

    @Inject
    Tenancy tenancy;

    @Inject
    CurrentRequest current;

    @Inject
    Workspaces workspaces;

    @Inject
    ScopeCatalog catalog;

    @Inject
    JpaAuditSink audit;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    /** Mints a magic link; the link is shown in this answer only. */
    @POST
    @Path("sessions")
    @RequiresScopes("portal:write")
    public Response create(JsonBody body) {
        body.allowOnly("workspace_id", "end_user", "scopes", "lifetime_seconds", "branding");
        Long named = body.integer("workspace_id").orElse(null);
        if (named != null && named <= 0) {
            body.error("workspace_id", "must be a workspace id (a positive integer).");
        }
        String endUser = body.string("end_user").orElse(null);
        if (endUser != null && (endUser.isBlank() || endUser.length() > MAX_END_USER)) {
            body.error("end_user", "must be 1 to " + MAX_END_USER + " characters.");
        }
        Caller caller = tenancy.caller();
        List<String> scopes = body.stringList("scopes").orElse(null);
        boolean defaulted = scopes == null;
        if (defaulted) {
            scopes = settings.defaultScopes().stream().filter(caller.key().scopes()::grants).toList();
        }
        List<String> unknown = catalog.unknown(scopes);
        if (!unknown.isEmpty()) {
            body.error("scopes", "names unknown scopes: " + String.join(", ", unknown) + ".");
        } else if (scopes.isEmpty()) {
            body.error("scopes", defaulted ? "defaults to the portal's scopes, of which the calling key holds none; name them."
                    : "must name at least one scope.");
        }
        long maxSeconds = settings.maxSessionLifetime().toSeconds();
        long lifetime = body.integer("lifetime_seconds").orElse(settings.sessionLifetime().toSeconds());
        if (lifetime < 60 || lifetime > maxSeconds) {
            body.error("lifetime_seconds", "must be 60 to " + maxSeconds + ".");
        }
        Branding branding = body.object("branding").map(PortalSessionsResource::branding).orElse(null);
        body.validate();
        long workspaceId = workspace(caller, named);
        List<String> notHeld = new ArrayList<>();
        ScopeSet held = caller.key().scopes();
        for (String scope : scopes) {
            if (!held.covers(scope)) {
                notHeld.add(scope);
            }
        }
        if (!notHeld.isEmpty()) {
            throw new ApiException(403, "access_denied", "A session cannot get scopes the calling key does not hold: "
                    + String.join(", ", notHeld) + ".").with("code", "scope_escalation")
                    .with("not_held_scopes", notHeld).with("recoverable", false);
        }
        PortalSessions.Minted minted = sessions.mint(workspaceId, endUser, scopes, Duration.ofSeconds(lifetime), branding,
                caller.keyId());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("session_id", Long.toString(minted.session().id()));
        details.put("scopes", String.join(" ", scopes));
        if (endUser != null) {
            details.put("end_user", endUser);
        }
        audit.record(new AuditEvent("portal.session_created", workspaceId, caller.actor().keyId(), null, null,
                caller.requestId(), clock.instant(), details));
        var data = new PortalViews.Link(minted.session().id(), workspaceId, pageUrl() + "#token=" + minted.linkToken(),
                minted.linkExpiresAt(), lifetime, endUser, scopes);
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(Bodies.message("Portal link created. It works once, until expires_at.", data)).build();
    }

    /**
     * Exchanges a link's token for a session. {@code mode: "cookie"} (a top-level page) sets the
     * HttpOnly cookie; {@code mode: "header"} (a page inside a frame, where the cookie would be
     * withheld) returns the session token for the page to keep in memory.
     */
    @POST
    @Path("sessions/exchange")
    @Public
    public Response exchange(JsonBody body) {
        body.allowOnly("token", "mode");
        body.require("token");
        String token = body.string("token").orElse(null);
        String mode = body.string("mode").orElse(MODE_COOKIE);
        if (!MODE_COOKIE.equals(mode) && !MODE_HEADER.equals(mode)) {
            body.error("mode", "must be cookie or header.");
        }
        body.validate();
        PortalSessions.Started started;
        try {
            started = sessions.exchange(token);
        } catch (PortalSessions.LinkRefusedException e) {
            throw switch (e.problem()) {
                case USED -> ApiException.unauthorized("link_used", "This portal link has already been used; ask for a new one.");
                case EXPIRED -> ApiException.unauthorized("link_expired", "This portal link has expired; ask for a new one.");
                case NOT_FOUND -> ApiException.unauthorized("link_not_found", "This portal link is not valid.");
            };
        }
        PortalSession s = started.session();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("session_id", Long.toString(s.id()));
        details.put("mode", mode);
        if (s.endUser() != null) {
            details.put("end_user", s.endUser());
        }
        audit.record(new AuditEvent("portal.session_started", s.workspaceId(), null, null, null, current.requestId(),
                clock.instant(), details));
        var data = new PortalViews.Session(s.id(), Caller.SignIn.PORTAL_SESSION, workspaceView(s.workspaceId()),
                s.endUser(), s.scopes(), s.expiresAt(), PortalViews.Branding.from(s.branding()), mode,
                SessionTokens.csrfToken(started.token()), MODE_HEADER.equals(mode) ? started.token() : null);
        Response.ResponseBuilder ok = Response.ok().header("Cache-Control", "no-store");
        if (!MODE_HEADER.equals(mode)) {
            long maxAge = Math.max(0, Duration.between(clock.instant(), s.expiresAt()).toSeconds());
            ok.header("Set-Cookie", PortalCookies.set(uri.getRequestUri(), started.token(), maxAge));
        }
        return ok.entity(Bodies.data(data)).build();
    }

    /** The calling session: workspace, end user, scopes, expiry, white label and its CSRF token. */
    @GET
    @Path("session")
    @RequiresScopes({})
    public Response session() {
        Caller caller = current.caller();
        if (caller.signIn() == null) {
            throw ApiException.notFound("No portal session: this request was authenticated with an API key.");
        }
        String token = presentedSessionToken();
        var data = new PortalViews.Session(caller.signIn().sessionId(), caller.signIn().kind(),
                workspaceView(caller.key().workspaceId()), caller.signIn().endUser(), caller.scopes(), caller.key().expiresAt(),
                sessionBranding(caller), null, token == null ? null : SessionTokens.csrfToken(token), null);
        return Response.ok(Bodies.data(data)).header("Cache-Control", "no-store").build();
    }

    /** Logout: the session ends now and its cookie is removed. */
    @DELETE
    @Path("session")
    @RequiresScopes({})
    public Response logout() {
        Caller caller = current.caller();
        if (caller.signIn() == null || caller.signIn().sessionId() == null) {
            throw ApiException.notFound("No portal session to end: this request was not made with one.");
        }
        long id = caller.signIn().sessionId();
        sessions.end(id);
        audit.record(new AuditEvent("portal.session_ended", caller.key().workspaceId(), caller.actor().keyId(), null, null,
                caller.requestId(), clock.instant(), Map.of("session_id", Long.toString(id))));
        return Response.noContent().header("Set-Cookie", PortalCookies.clear(uri.getRequestUri())).build();
    }

    /** Ends every session and unused link of the workspace. */
    @DELETE
    @Path("sessions")
    @RequiresScopes("portal:write")
    public JsonObject revokeAll() {
        long workspaceId = tenancy.workspaceId();
        int ended = sessions.endAll(workspaceId);
        Caller caller = tenancy.caller();
        audit.record(new AuditEvent("portal.sessions_revoked", workspaceId, caller.actor().keyId(), null, null,
                caller.requestId(), clock.instant(), Map.of("count", Integer.toString(ended))));
        return Bodies.message("Every portal session of the workspace has ended.", new PortalViews.Revoked(ended));
    }

    private long workspace(Caller caller, Long named) {
        if (named == null) {
            if (caller.isRoot() && current.workspaceHeader() == null) {
                throw ApiException.validation("workspace_id", "is required when a root key mints a portal link.");
            }
            return tenancy.workspaceId();
        }
        if (!tenancy.canReach(named) || workspaces.find(named).isEmpty()) {
            throw ApiException.notFound("Workspace not found.");
        }
        return named;
    }

    private PortalViews.SessionWorkspace workspaceView(long id) {
        return workspaces.find(id).map(PortalViews.SessionWorkspace::from).orElseThrow(() -> ApiException.notFound("Workspace not found."));
    }

    private PortalViews.Branding sessionBranding(Caller caller) {
        String token = presentedSessionToken();
        if (token != null) {
            PortalSessions.Resolution r = sessions.resolve(token);
            if (r.session() != null) {
                return PortalViews.Branding.from(r.session().branding());
            }
        }
        return PortalViews.Branding.from(settings.branding());
    }

    /** The session token this request carried: its Bearer value or its cookie; null for a JWT. */
    private String presentedSessionToken() {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String value = authorization.substring(authorization.indexOf(' ') + 1).trim();
            return value.startsWith(SessionTokens.SESSION_PREFIX) ? value : null;
        }
        return PortalCookies.token(headers.getCookies());
    }

    private String pageUrl() {
        return settings.baseUrl().orElseGet(() -> uri.getBaseUri().resolve("../../portal/").toString());
    }

    private static Branding branding(JsonBody b) {
        b.allowOnly("product_name", "logo_url", "primary_color");
        String name = b.string("product_name").orElse(null);
        String logo = b.string("logo_url").orElse(null);
        String color = b.string("primary_color").orElse(null);
        if (name != null && PortalSettings.productNameProblem(name) != null) {
            b.error("product_name", PortalSettings.productNameProblem(name));
        }
        if (logo != null && PortalSettings.logoUrlProblem(logo) != null) {
            b.error("logo_url", PortalSettings.logoUrlProblem(logo));
        }
        if (color != null && PortalSettings.colorProblem(color) != null) {
            b.error("primary_color", PortalSettings.colorProblem(color));
        }
        return new Branding(name, logo, color == null ? null : color.toLowerCase(java.util.Locale.ROOT));
    }
}
