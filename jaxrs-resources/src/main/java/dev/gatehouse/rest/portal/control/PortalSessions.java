package dev.gatehouse.rest.portal.control;

import dev.gatehouse.rest.portal.entity.PortalSessionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The life of a portal session: minted as a single-use magic link, exchanged once for a session
 * token, resolved on every request, ended by logout, expiry, revocation of the workspace's
 * sessions or of the key that minted it.
 */
@ApplicationScoped
public class PortalSessions {

    @Inject
    PortalSessionStore store;

    @Inject
    PortalSettings settings;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    /** A new link; the token is in no log and no {@code toString}. */
    public record Minted(PortalSession session, String linkToken, Instant linkExpiresAt) {
        @Override
        public String toString() {
            return "Minted[session=" + session.id() + ", linkExpiresAt=" + linkExpiresAt + "]";
        }
    }

    /** A session just started from a link; the token is shown to the browser once. */
    public record Started(PortalSession session, String token) {
        @Override
        public String toString() {
            return "Started[session=" + session.id() + "]";
        }
    }

    /** Why a link was refused. */
    public enum LinkProblem { NOT_FOUND, USED, EXPIRED }

    /** A link that cannot be exchanged. */
    public static final class LinkRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final LinkProblem problem;

        LinkRefusedException(LinkProblem problem) {
            super("portal link refused: " + problem);
            this.problem = problem;
        }

        public LinkProblem problem() {
            return problem;
        }
    }

    /** What a presented session token turned out to be. */
    public enum State { ACTIVE, NOT_FOUND, EXPIRED, ENDED }

    /** The state of a session token, and the session when it is {@code ACTIVE}. */
    public record Resolution(State state, PortalSession session) {
    }

    /** Creates a link for a workspace; the caller has checked the scopes and the lifetime. */
    @Transactional
    public Minted mint(long workspaceId, String endUser, List<String> scopes, Duration lifetime, Branding override,
            long mintedByKeyId) {
        Instant now = clock.instant();
        String token = SessionTokens.newLinkToken(random);
        PortalSessionEntity e = new PortalSessionEntity();
        e.workspaceId = workspaceId;
        e.endUser = endUser;
        e.scopes = String.join(" ", scopes);
        e.branding = brandingJson(override);
        e.linkHash = SessionTokens.hash(token);
        e.linkExpiresAt = now.plus(settings.linkTtl());
        e.lifetimeSeconds = lifetime.toSeconds();
        e.createdByKeyId = mintedByKeyId;
        e.createdAt = now;
        store.insert(e);
        return new Minted(view(e, null), token, e.linkExpiresAt);
    }

    /** Exchanges a link token for a session, exactly once. */
    @Transactional(dontRollbackOn = LinkRefusedException.class)
    public Started exchange(String linkToken) {
        if (!SessionTokens.isWellFormed(linkToken, SessionTokens.LINK_PREFIX)) {
            throw new LinkRefusedException(LinkProblem.NOT_FOUND);
        }
        PortalSessionEntity e = store.findByLinkHash(SessionTokens.hash(linkToken))
                .orElseThrow(() -> new LinkRefusedException(LinkProblem.NOT_FOUND));
        Instant now = clock.instant();
        if (e.exchangedAt != null || e.endedAt != null) {
            throw new LinkRefusedException(LinkProblem.USED);
        }
        if (!e.linkExpiresAt.isAfter(now)) {
            throw new LinkRefusedException(LinkProblem.EXPIRED);
        }
        String token = SessionTokens.newSessionToken(random);
        Instant expiresAt = now.plusSeconds(e.lifetimeSeconds);
        if (!store.exchange(e.id, SessionTokens.hash(token), now, expiresAt)) {
            throw new LinkRefusedException(LinkProblem.USED); // a concurrent exchange won
        }
        // e is managed and stale after the update: read from it, never write to it (the flush would undo the update).
        return new Started(view(e, expiresAt), token);
    }

    /** Looks a session token up; a malformed one is NOT_FOUND without a lookup. */
    public Resolution resolve(String sessionToken) {
        if (!SessionTokens.isWellFormed(sessionToken, SessionTokens.SESSION_PREFIX)) {
            return new Resolution(State.NOT_FOUND, null);
        }
        Optional<PortalSessionStore.Row> row = store.findByTokenHash(SessionTokens.hash(sessionToken));
        if (row.isEmpty()) {
            return new Resolution(State.NOT_FOUND, null);
        }
        PortalSessionEntity e = row.get().session();
        Instant now = clock.instant();
        if (e.endedAt != null || row.get().keyRevokedAt() != null) {
            return new Resolution(State.ENDED, null);
        }
        Instant keyExpiry = row.get().keyExpiresAt();
        if (!e.expiresAt.isAfter(now) || keyExpiry != null && !keyExpiry.isAfter(now)) {
            return new Resolution(State.EXPIRED, null);
        }
        return new Resolution(State.ACTIVE, view(e, e.expiresAt));
    }

    /** Logout; false if the session had already ended. */
    @Transactional
    public boolean end(long sessionId) {
        return store.end(sessionId, clock.instant());
    }

    /** Ends every session and unused link of a workspace; returns how many. */
    @Transactional
    public int endAll(long workspaceId) {
        return store.endAll(workspaceId, clock.instant());
    }

    private PortalSession view(PortalSessionEntity e, Instant expiresAt) {
        List<String> scopes = e.scopes.isBlank() ? List.of() : Arrays.asList(e.scopes.split(" "));
        return new PortalSession(e.id, e.workspaceId, e.endUser, scopes, settings.branding().overriddenBy(branding(e.branding)),
                expiresAt, e.createdByKeyId);
    }

    private static String brandingJson(Branding b) {
        if (b == null) {
            return null;
        }
        JsonObjectBuilder o = Json.createObjectBuilder();
        if (b.productName() != null) {
            o.add("product_name", b.productName());
        }
        if (b.logoUrl() != null) {
            o.add("logo_url", b.logoUrl());
        }
        if (b.primaryColor() != null) {
            o.add("primary_color", b.primaryColor());
        }
        return o.build().toString();
    }

    private static Branding branding(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            return new Branding(o.getString("product_name", null), o.getString("logo_url", null),
                    o.getString("primary_color", null));
        }
    }
}
