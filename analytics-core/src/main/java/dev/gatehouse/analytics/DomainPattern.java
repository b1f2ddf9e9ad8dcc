package dev.gatehouse.analytics;

/**
 * One domain a site answers for: an exact host ({@code example.com}, which also covers
 * {@code www.example.com}) or every subdomain of one ({@code *.example.com}, which does not cover
 * {@code example.com} itself). Stored and compared in {@link Hostnames}' normal form.
 *
 * @param host     the normalised host, without the {@code *.}
 * @param wildcard whether every subdomain of {@code host} matches
 */
public record DomainPattern(String host, boolean wildcard) {

    /** Parses what a user typed; throws {@link IllegalArgumentException} with a message for people. */
    public static DomainPattern parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("must be a host name such as example.com or *.example.com");
        }
        String text = raw.trim();
        boolean wildcard = text.startsWith("*.");
        String host = wildcard ? text.substring(2) : text;
        if (host.contains("/") || host.contains("*") || host.contains("@")) {
            throw new IllegalArgumentException("'" + abbreviate(raw) + "' is not a host name; give example.com or *.example.com");
        }
        String normal = Hostnames.normalize(host).orElseThrow(() -> new IllegalArgumentException(
            "'" + abbreviate(raw) + "' is not a host name; give example.com or *.example.com"));
        if (wildcard && !normal.contains(".")) {
            throw new IllegalArgumentException("a wildcard needs a domain with a dot, such as *.example.com");
        }
        return new DomainPattern(normal, wildcard);
    }

    /** True when the normalised {@code host} belongs to this domain. */
    public boolean matches(String host) {
        return wildcard ? host.endsWith("." + this.host) : host.equals(this.host);
    }

    @Override
    public String toString() {
        return wildcard ? "*." + host : host;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
