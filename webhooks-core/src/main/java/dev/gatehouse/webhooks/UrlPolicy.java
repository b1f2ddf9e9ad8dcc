package dev.gatehouse.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides whether a webhook URL may be called, to keep tenants from using webhooks to reach the
 * platform's own network (server-side request forgery).
 *
 * <p>Checks, in order: at most {@value #MAX_LENGTH} characters; a parseable absolute URI; scheme
 * {@code https} ({@code http} only when allowed); a host; no user info; a port from 1 to 65535.
 * Then the host: {@code localhost} and {@code *.localhost} are loopback without asking DNS;
 * well-known cloud metadata names are refused; IP literals are classified directly; any host
 * whose last label is a number is read as an IPv4 literal the way {@code inet_aton} does and,
 * unless written as four plain decimal octets, refused, because parsers disagree about such
 * spellings ({@code 0177.0.0.1} is loopback to {@code inet_aton} but {@code 177.0.0.1} to the
 * JDK). Other names are resolved and the URL is refused if <em>any</em> address is loopback,
 * unspecified, link-local, private (RFC 1918, carrier-grade NAT, unique local, site-local),
 * multicast, broadcast, reserved or a metadata address, including IPv4 addresses embedded in
 * IPv6 ones.
 *
 * <p>{@code allowPrivateTargets} waives only the loopback and private-network rules, for
 * development and single-network deployments; link-local, metadata and the other rules stay.
 * A check at registration is not enough on its own, because DNS answers change: the sender checks
 * again immediately before each request.
 */
public final class UrlPolicy {

    /** Longest accepted URL, in characters. */
    public static final int MAX_LENGTH = 2048;

    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data",
            "instance-data.ec2.internal");

    private final boolean allowHttp;
    private final boolean allowPrivateTargets;
    private final HostResolver resolver;

    private UrlPolicy(Builder builder) {
        this.allowHttp = builder.allowHttp;
        this.allowPrivateTargets = builder.allowPrivateTargets;
        this.resolver = builder.resolver;
    }

    /**
     * Returns the production policy: https only, no private targets, system DNS.
     *
     * @return the strict policy
     */
    public static UrlPolicy strict() {
        return builder().build();
    }

    /**
     * Starts a policy with the strict defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the first rule the URL breaks.
     *
     * @param url the candidate URL; may be {@code null}
     * @return the broken rule as human-readable text, for example {@code "must use https"}, or
     *         empty when the URL may be called. The text never repeats the URL.
     */
    public Optional<String> violation(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must be an absolute URL");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            return Optional.of("must be a valid absolute URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of("must be a valid absolute URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must use http or https" : "must use https");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.of("must have a host");
        }
        if (authority.indexOf('@') >= 0) {
            return Optional.of("must not contain credentials");
        }
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.of("must be a valid absolute URL");
            }
            host = authority.substring(0, close + 1);
            portText = authority.substring(close + 1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon);
        }
        Optional<String> portViolation = checkPort(portText);
        if (portViolation.isPresent()) {
            return portViolation;
        }
        if (host.isEmpty()) {
            return Optional.of("must have a host");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return checkIpv6Literal(name.substring(1, name.length() - 1));
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (AddressClassifier.looksNumeric(name)) {
            return checkNumericHost(name);
        }
        if (uri.getHost() == null || name.isEmpty()) {
            return Optional.of("must have a valid host name");
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return check(AddressRule.LOOPBACK);
        }
        if (METADATA_HOSTS.contains(name)) {
            return Optional.of(AddressRule.METADATA.message);
        }
        return checkResolved(name);
    }

    /**
     * Whether plain {@code http} URLs are accepted.
     *
     * @return the setting
     */
    public boolean allowHttp() {
        return allowHttp;
    }

    /**
     * Whether loopback and private-network targets are accepted.
     *
     * @return the setting
     */
    public boolean allowPrivateTargets() {
        return allowPrivateTargets;
    }

    @Override
    public String toString() {
        return "UrlPolicy[allowHttp=" + allowHttp + ", allowPrivateTargets=" + allowPrivateTargets + "]";
    }

    private static Optional<String> checkPort(String portText) {
        if (portText.isEmpty() || portText.equals(":")) {
            return Optional.empty();
        }
        if (portText.charAt(0) != ':' || !portText.chars().skip(1).allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("must be a valid absolute URL");
        }
        String digits = portText.substring(1);
        if (digits.length() > 5 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65_535) {
            return Optional.of("must use a port between 1 and 65535");
        }
        return Optional.empty();
    }

    private Optional<String> checkIpv6Literal(String literal) {
        if (literal.indexOf('%') >= 0) {
            return Optional.of("must not use an IPv6 zone identifier");
        }
        if (literal.indexOf(':') < 0) {
            return Optional.of("must be a valid absolute URL");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // a literal with a colon is parsed, never looked up
        } catch (UnknownHostException malformed) {
            return Optional.of("must be a valid absolute URL");
        }
        return check(AddressClassifier.classify(address));
    }

    private Optional<String> checkNumericHost(String name) {
        OptionalLong value = AddressClassifier.parseInetAton(name);
        if (value.isEmpty()) {
            return Optional.of("must not use a malformed numeric host");
        }
        Optional<String> violation = check(AddressClassifier.classifyV4((int) value.getAsLong()));
        if (violation.isPresent() || AddressClassifier.isCanonicalIpv4(name)) {
            return violation;
        }
        return Optional.of("must write an IPv4 address as four decimal numbers without leading zeros");
    }

    private Optional<String> checkResolved(String name) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException unknown) {
            return Optional.of("host does not resolve");
        }
        if (addresses == null || addresses.isEmpty()) {
            return Optional.of("host does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> violation = check(AddressClassifier.classify(address));
            if (violation.isPresent()) {
                return violation;
            }
        }
        return Optional.empty();
    }

    private Optional<String> check(AddressRule rule) {
        if (rule == null || (allowPrivateTargets && rule.waivedForPrivateTargets)) {
            return Optional.empty();
        }
        return Optional.of(rule.message);
    }

    /** Configures a {@link UrlPolicy}; every setting starts strict. */
    public static final class Builder {

        private boolean allowHttp;
        private boolean allowPrivateTargets;
        private HostResolver resolver = HostResolver.system();

        private Builder() {
        }

        /**
         * Accepts plain {@code http} URLs too. Default {@code false}.
         *
         * @param allowHttp whether to accept {@code http}
         * @return this builder
         */
        public Builder allowHttp(boolean allowHttp) {
            this.allowHttp = allowHttp;
            return this;
        }

        /**
         * Accepts loopback and private-network targets. Default {@code false}. Link-local, metadata,
         * multicast, broadcast, unspecified and reserved addresses stay refused.
         *
         * @param allowPrivateTargets whether to waive the loopback and private-network rules
         * @return this builder
         */
        public Builder allowPrivateTargets(boolean allowPrivateTargets) {
            this.allowPrivateTargets = allowPrivateTargets;
            return this;
        }

        /**
         * Sets how host names are resolved. Default {@link HostResolver#system()}.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return an immutable policy
         */
        public UrlPolicy build() {
            return new UrlPolicy(this);
        }
    }
}
