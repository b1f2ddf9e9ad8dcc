package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.rest.mcp.gateway.ToolPatterns;
import dev.gatehouse.webhooks.UrlPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a registration or an update of an upstream server says, and the rules it must meet: the one
 * home of those rules. Null fields of an update keep the stored value.
 *
 * @param slug         {@code [a-z][a-z0-9-]{0,39}}, not {@code gatehouse} (creation only)
 * @param name         1 to 200 characters
 * @param description  up to 1000 characters, or null
 * @param url          must pass the webhook address policy
 * @param headers      up to {@value #MAX_HEADERS} request headers; names are HTTP tokens other than
 *                     those the transport sets, values up to 1024 characters without line breaks
 * @param allowedTools names or patterns ({@link ToolPatterns})
 * @param timeoutMs    100 to 120000 ms
 */
public record UpstreamSpec(String slug, String name, String description, String url, Map<String, String> headers,
                           List<String> allowedTools, Integer timeoutMs) {

    /** Between a server's slug and its tool's name on {@code /mcp}. */
    public static final String SEPARATOR = "__";
    /** The default deadline of a call: 30 s. */
    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    static final int MAX_TIMEOUT_MS = 120_000;
    static final int MAX_HEADERS = 10;
    /** Servers one workspace may register. */
    public static final int MAX_SERVERS = 25;

    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Headers the gateway sets itself or the HTTP client refuses. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "accept", "connection",
            "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection", "mcp-session-id",
            "mcp-protocol-version", "last-event-id");

    @Override
    public String toString() {
        return "UpstreamSpec[slug=" + slug + ", headers=" + (headers == null ? null : headers.keySet()) + " (values redacted)]";
    }

    /**
     * Checks every field present and throws one {@code ValidationException} naming each bad field.
     *
     * @param creating true for a registration (slug, name and url required)
     * @param policy   the address policy the URL must pass
     */
    public void validate(boolean creating, UrlPolicy policy) {
        FieldErrors errors = new FieldErrors();
        if (creating) {
            if (slug == null) {
                errors.add("id", "is required.");
            } else if (!SLUG.matcher(slug).matches()) {
                errors.add("id", "must be 1 to 40 characters: a lower-case letter, then lower-case letters, digits or '-'.");
            } else if (slug.equals(GatehouseMcp.SERVER_ID)) {
                errors.add("id", "is Gatehouse's own server; choose another id.");
            }
            if (name == null) {
                errors.add("name", "is required.");
            }
            if (url == null) {
                errors.add("url", "is required.");
            }
        }
        if (name != null && (name.isBlank() || name.length() > 200)) {
            errors.add("name", "must be 1 to 200 characters.");
        }
        if (description != null && description.length() > 1000) {
            errors.add("description", "must be at most 1000 characters.");
        }
        if (url != null) {
            policy.violation(url).ifPresent(rule -> errors.add("url", rule + "."));
        }
        if (headers != null) {
            if (headers.size() > MAX_HEADERS) {
                errors.add("headers", "must hold at most " + MAX_HEADERS + " headers.");
            }
            headers.forEach((header, value) -> {
                if (!TOKEN.matcher(header).matches() || RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
                    errors.add("headers", "'" + header.replaceAll("[^\\x20-\\x7e]", "?") + "' is not a header name the gateway may send.");
                } else if (value == null || value.length() > 1024 || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    errors.add("headers", "the value of " + header + " must be a string of up to 1024 characters without control characters.");
                }
            });
        }
        if (allowedTools != null) {
            ToolPatterns.violation(allowedTools).ifPresent(m -> errors.add("allowed_tools", m));
        }
        if (timeoutMs != null && (timeoutMs < 100 || timeoutMs > MAX_TIMEOUT_MS)) {
            errors.add("timeout_ms", "must be from 100 to " + MAX_TIMEOUT_MS + ".");
        }
        errors.throwIfAny();
    }
}
