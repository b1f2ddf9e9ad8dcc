package dev.gatehouse.rest.portal.boundary;

import jakarta.ws.rs.core.Cookie;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The session cookie of a top-level portal page: {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Path=/}, and {@code Secure} with the {@code __Host-} prefix, except on plain-http
 * localhost, where browsers would drop a {@code Secure} cookie (development only).
 */
public final class PortalCookies {

    /** The cookie's name over https (the prefix pins it to this host, Secure, Path=/). */
    public static final String SECURE_NAME = "__Host-gatehouse_portal";

    /** The cookie's name on plain-http localhost. */
    public static final String LOCAL_NAME = "gatehouse_portal";

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private PortalCookies() {
    }

    /** The session token from the request's cookies, or null. */
    public static String token(Map<String, Cookie> cookies) {
        Cookie c = cookies.get(SECURE_NAME);
        if (c == null) {
            c = cookies.get(LOCAL_NAME);
        }
        return c == null || c.getValue() == null || c.getValue().isBlank() ? null : c.getValue();
    }

    /** A {@code Set-Cookie} value that stores the session for {@code maxAgeSeconds}. */
    public static String set(URI requestUri, String token, long maxAgeSeconds) {
        return value(requestUri, token, maxAgeSeconds);
    }

    /** A {@code Set-Cookie} value that removes it. */
    public static String clear(URI requestUri) {
        return value(requestUri, "", 0);
    }

    private static String value(URI requestUri, String token, long maxAgeSeconds) {
        boolean local = "http".equals(requestUri.getScheme()) && requestUri.getHost() != null
                && LOCAL_HOSTS.contains(requestUri.getHost());
        return (local ? LOCAL_NAME : SECURE_NAME) + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (local ? "" : "; Secure");
    }
}
