package dev.gatehouse.rest.portal.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The portal's two secrets and what is derived from them: a magic-link token ({@code gh_pl_…}),
 * a session token ({@code gh_ps_…}), the SHA-256 under which each is stored, and the CSRF token of
 * a session. The CSRF token is a hash of the session token under its own label, so the server can
 * check it on every write without storing it, and it says nothing about the session token.
 */
public final class SessionTokens {

    /** Prefix of magic-link tokens. */
    public static final String LINK_PREFIX = "gh_pl_";

    /** Prefix of session tokens; a Bearer value with it is a portal session, not an API key. */
    public static final String SESSION_PREFIX = "gh_ps_";

    private static final int RANDOM_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 100;

    private SessionTokens() {
    }

    /** A new link token: the prefix and 32 random bytes, base64url. */
    public static String newLinkToken(SecureRandom random) {
        return LINK_PREFIX + randomPart(random);
    }

    /** A new session token: the prefix and 32 random bytes, base64url. */
    public static String newSessionToken(SecureRandom random) {
        return SESSION_PREFIX + randomPart(random);
    }

    /** True for a string shaped like a token with this prefix (checked before any lookup). */
    public static boolean isWellFormed(String token, String prefix) {
        if (token == null || !token.startsWith(prefix) || token.length() > MAX_TOKEN_LENGTH
                || token.length() <= prefix.length()) {
            return false;
        }
        for (int i = prefix.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Lowercase hex SHA-256 of the token's UTF-8 bytes: what the database keeps. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256("", token));
    }

    /** The CSRF token that belongs to a session token. */
    public static String csrfToken(String sessionToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("gatehouse-portal-csrf\n", sessionToken));
    }

    /** Constant-time check of a presented CSRF token against the session's. */
    public static boolean csrfMatches(String sessionToken, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(sessionToken).getBytes(StandardCharsets.UTF_8),
                presented.trim().getBytes(StandardCharsets.UTF_8));
    }

    private static String randomPart(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String label, String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(label.getBytes(StandardCharsets.UTF_8));
            return digest.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
