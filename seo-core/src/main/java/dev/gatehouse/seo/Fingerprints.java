package dev.gatehouse.seo;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What makes two reports' issues the same issue: the page's normalised URL, the issue type and
 * the normalised element. Normalising keeps cosmetic differences (upper-case host, default port,
 * fragment, parameter order, tracking parameters, selector order and spacing) from splitting one
 * issue into several.
 */
public final class Fingerprints {

    /** Longest URL accepted, in characters. */
    public static final int MAX_URL_LENGTH = 2048;
    /** Longest element (selector list) kept, in characters; longer lists are cut at a selector. */
    public static final int MAX_ELEMENT_LENGTH = 2000;

    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[a-z0-9.-]+|\\[[0-9a-f:.]+\\]");

    private Fingerprints() {
    }

    /**
     * Normalises a page URL: scheme and host lower-cased (an IDN host as punycode), the default port
     * dropped, dot segments resolved, an empty path as {@code /} and a trailing slash dropped from
     * any other, query parameters sorted without {@code utm_*}, {@code gclid}, {@code fbclid},
     * {@code msclkid}, and no fragment.
     *
     * @param url an absolute http or https URL
     * @return the normalised URL
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
     */
    public static String urlKey(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim()).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getAuthority() == null) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        // URI leaves the host of an internationalised name undefined (a registry authority): split it here.
        String authority = uri.getAuthority();
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String hostText = authority;
        int port = -1;
        int colon = authority.lastIndexOf(':');
        if (colon > authority.lastIndexOf(']')) {
            hostText = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be an absolute http or https URL with a valid port");
            }
        }
        String host;
        try {
            host = IDN.toASCII(hostText, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an absolute http or https URL with a valid host");
        }
        if (host.isEmpty() || !HOST.matcher(host).matches() || port > 65535) {
            throw new IllegalArgumentException("must be an absolute http or https URL with a valid host");
        }
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        String query = uri.getRawQuery();
        if (query != null) {
            TreeSet<String> params = new TreeSet<>();
            for (String param : query.split("&")) {
                String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                String lower = name.toLowerCase(Locale.ROOT);
                if (!param.isEmpty() && !lower.startsWith("utm_") && !lower.equals("gclid") && !lower.equals("fbclid")
                    && !lower.equals("msclkid")) {
                    params.add(param);
                }
            }
            if (!params.isEmpty()) {
                out.append('?').append(String.join("&", params));
            }
        }
        return out.toString();
    }

    /**
     * Normalises an element: a CSS selector list is split at its top-level commas, each selector's
     * whitespace collapsed, duplicates dropped and the rest sorted and joined with {@code ", "}.
     *
     * @param element a selector or selector list; null or blank for the page as a whole
     * @return the normalised list, empty for none
     */
    public static String element(String element) {
        if (element == null || element.isBlank()) {
            return "";
        }
        TreeSet<String> selectors = new TreeSet<>();
        for (String selector : splitTopLevel(element)) {
            String s = selector.trim().replaceAll("\\s+", " ");
            if (!s.isEmpty()) {
                selectors.add(s);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String s : selectors) {
            int extra = out.length() == 0 ? s.length() : s.length() + 2;
            if (out.length() + extra > MAX_ELEMENT_LENGTH) {
                if (out.length() == 0) {
                    out.append(s, 0, MAX_ELEMENT_LENGTH);
                }
                break;
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(s);
        }
        return out.toString();
    }

    /**
     * Returns the fingerprint of an issue on a page.
     *
     * @param urlKey  the page's normalised URL
     * @param type    the issue type
     * @param element the element, normalised or not
     * @return the SHA-256 of the three, as 64 lower-case hex characters
     */
    public static String fingerprint(String urlKey, String type, String element) {
        String text = urlKey + '\n' + type + '\n' + element(element);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Splits at commas outside parentheses, brackets and quotes ({@code :is(a, b)} stays whole). */
    private static List<String> splitTopLevel(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(list.substring(start, i));
                start = i + 1;
            }
        }
        out.add(list.substring(start));
        return out;
    }
}
