package dev.gatehouse.rest.platform.boundary;

import dev.gatehouse.keys.Actor;
import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.KeyType;
import java.util.List;

/**
 * Who is behind a request: an API key, or a person signed in through a portal session or a
 * host-signed JWT ({@link #signIn()}). A signed-in person is represented by a key-shaped value with
 * the session's workspace and scopes, so every scope gate and tenancy rule treats them exactly like
 * a key; its id is the key that minted the session (0 for a JWT, which no key minted).
 */
public record Caller(ApiKey key, String requestId, SignIn signIn) {

    /** How a person signed in: {@code portal_session} (with its id) or {@code jwt}; and who they are. */
    public record SignIn(String kind, Long sessionId, String endUser) {

        public static final String PORTAL_SESSION = "portal_session";
        public static final String JWT = "jwt";
    }

    public Caller(ApiKey key, String requestId) {
        this(key, requestId, null);
    }

    public boolean isRoot() {
        return key.type() == KeyType.ROOT;
    }

    public long keyId() {
        return key.id();
    }

    /** The key's own workspace; null for root keys, which act on any workspace. */
    public Long workspaceId() {
        return key.workspaceId();
    }

    public List<String> scopes() {
        return key.scopes().names();
    }

    /** Who acts, for the audit log: the key, or for a JWT no key (the audit record names the user). */
    public Actor actor() {
        return new Actor(key.id() > 0 ? key.id() : null, requestId);
    }

    /** The rate-limit bucket: one per key, per portal session, or per JWT user and workspace. */
    public String rateLimitBucket() {
        if (signIn == null) {
            return Long.toString(key.id());
        }
        return SignIn.PORTAL_SESSION.equals(signIn.kind()) ? "portal-session:" + signIn.sessionId()
                : "jwt:" + key.workspaceId() + ":" + shortHash(signIn.endUser());
    }

    /** The user reference may be 255 characters; the bucket id holds a fixed-length digest of it. */
    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
