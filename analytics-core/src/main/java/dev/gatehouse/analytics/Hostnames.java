package dev.gatehouse.analytics;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one way Gatehouse names a site's host: lower-cased, without port, trailing dot or a leading
 * {@code www.}, internationalised names as punycode ({@code bücher.example} → {@code
 * xn--bcher-kva.example}). {@code localhost} and IP literals are hosts too, so a page on a
 * developer's machine can be tracked.
 */
public final class Hostnames {

    private static final int MAX_LENGTH = 253;

    private Hostnames() {
    }

    /** The normalised host, or empty when {@code raw} is not a usable host name. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String host = raw.trim();
        if (host.isEmpty() || host.length() > MAX_LENGTH * 2) {
            return Optional.empty();
        }
        if (host.startsWith("[")) { // an IPv6 literal, with or without a port
            int end = host.indexOf(']');
            return end > 1 ? Optional.of(host.substring(0, end + 1).toLowerCase(Locale.ROOT)) : Optional.empty();
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAHostName) {
            return Optional.empty();
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (host.isEmpty() || host.length() > MAX_LENGTH || !host.chars().allMatch(Hostnames::isHostChar)
            || host.startsWith(".") || host.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    /** The normalised host of an absolute http(s) URL (an {@code Origin}, a page, a referrer). */
    public static Optional<String> ofUrl(String url) {
        return parseHttpUrl(url).flatMap(u -> normalize(u.getRawAuthority() == null ? null
            : stripUserInfo(u.getRawAuthority())));
    }

    /** An absolute http or https URL, or empty. */
    static Optional<URI> parseHttpUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String stripUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        return at >= 0 ? authority.substring(at + 1) : authority;
    }

    private static boolean isHostChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    }
}
