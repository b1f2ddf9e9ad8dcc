package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {

    static final String HTTPS = "must use https";
    static final String CREDENTIALS = "must not contain credentials";
    static final String PORT = "must use a port between 1 and 65535";
    static final String LOOPBACK = "must not target a loopback address";
    static final String PRIVATE = "must not target a private network address";
    static final String LINK_LOCAL = "must not target a link-local address";
    static final String METADATA = "must not target a cloud metadata address";
    static final String UNSPECIFIED = "must not target an unspecified address";
    static final String MULTICAST = "must not target a multicast address";
    static final String BROADCAST = "must not target a broadcast address";
    static final String RESERVED = "must not target a reserved address";
    static final String UNRESOLVED = "host does not resolve";
    static final String NON_CANONICAL = "must write an IPv4 address as four decimal numbers without leading zeros";
    static final String MALFORMED_NUMBER = "must not use a malformed numeric host";
    static final String INVALID = "must be a valid absolute URL";

    /** A DNS stand-in: public names resolve to a public address; a few names rebind to internal ones. */
    static final HostResolver FAKE_DNS = new HostResolver() {
        private final Map<String, List<InetAddress>> table = Map.of(
                "hooks.example.com", List.of(ip("93.184.216.34")),
                "v6.example.com", List.of(ip("2606:2800:220:1:248:1893:25c8:1946")),
                "rebind.example.com", List.of(ip("127.0.0.1")),
                "dual.example.com", List.of(ip("93.184.216.34"), ip("10.0.0.5")),
                "internal.example.com", List.of(ip("192.168.1.10")),
                "meta.example.com", List.of(ip("169.254.169.254")),
                "cgnat.example.com", List.of(ip("100.64.0.1")),
                "ula.example.com", List.of(ip("fd12::1")),
                "mapped.example.com", List.of(mappedV6(10, 0, 0, 1)),
                "empty.example.com", List.of());

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            List<InetAddress> addresses = table.get(host);
            if (addresses == null) {
                throw new UnknownHostException("not in the test table");
            }
            return addresses;
        }
    };

    private final UrlPolicy strict = UrlPolicy.builder().resolver(FAKE_DNS).build();

    static Stream<Arguments> refusedByStrictPolicy() {
        return Stream.of(
                Arguments.of("http://hooks.example.com/", HTTPS),
                Arguments.of("ftp://hooks.example.com/", HTTPS),
                Arguments.of("HTTP://hooks.example.com/", HTTPS),
                Arguments.of("https://user:pw@hooks.example.com/", CREDENTIALS),
                Arguments.of("https://user@hooks.example.com/", CREDENTIALS),
                Arguments.of("https://hooks.example.com:0/", PORT),
                Arguments.of("https://hooks.example.com:70000/", PORT),
                Arguments.of("https://localhost/", LOOPBACK),
                Arguments.of("https://LOCALHOST./x", LOOPBACK),
                Arguments.of("https://api.localhost/", LOOPBACK),
                Arguments.of("https://127.0.0.1/", LOOPBACK),
                Arguments.of("https://127.0.0.1:8443/", LOOPBACK),
                Arguments.of("https://127.1/", LOOPBACK),
                Arguments.of("https://2130706433/", LOOPBACK),
                Arguments.of("https://0177.0.0.1/", LOOPBACK),
                Arguments.of("https://0x7f.0.0.1/", LOOPBACK),
                Arguments.of("https://0x7f000001/", LOOPBACK),
                Arguments.of("https://017700000001/", LOOPBACK),
                Arguments.of("https://[::1]/", LOOPBACK),
                Arguments.of("https://[0:0:0:0:0:0:0:1]/", LOOPBACK),
                Arguments.of("https://[::ffff:127.0.0.1]/", LOOPBACK),
                Arguments.of("https://[::ffff:7f00:1]/", LOOPBACK),
                Arguments.of("https://[::127.0.0.1]/", LOOPBACK),
                Arguments.of("https://[2002:7f00:1::]/", LOOPBACK),
                Arguments.of("https://0.0.0.0/", UNSPECIFIED),
                Arguments.of("https://0/", UNSPECIFIED),
                Arguments.of("https://[::]/", UNSPECIFIED),
                Arguments.of("https://10.1.2.3/", PRIVATE),
                Arguments.of("https://172.16.0.1/", PRIVATE),
                Arguments.of("https://172.31.255.255/", PRIVATE),
                Arguments.of("https://192.168.0.1/", PRIVATE),
                Arguments.of("https://100.64.0.1/", PRIVATE),
                Arguments.of("https://100.127.255.255/", PRIVATE),
                Arguments.of("https://[fd00::1]/", PRIVATE),
                Arguments.of("https://[fc00::1]/", PRIVATE),
                Arguments.of("https://[fec0::1]/", PRIVATE),
                Arguments.of("https://[::ffff:10.0.0.1]/", PRIVATE),
                Arguments.of("https://[64:ff9b::10.0.0.1]/", PRIVATE),
                Arguments.of("https://[2002:a00:1::1]/", PRIVATE),
                Arguments.of("https://169.254.10.10/", LINK_LOCAL),
                Arguments.of("https://[fe80::1]/", LINK_LOCAL),
                Arguments.of("https://169.254.169.254/latest/meta-data/", METADATA),
                Arguments.of("https://[::ffff:169.254.169.254]/", METADATA),
                Arguments.of("https://[fd00:ec2::254]/", METADATA),
                Arguments.of("https://metadata.google.internal/computeMetadata/v1/", METADATA),
                Arguments.of("https://metadata/", METADATA),
                Arguments.of("https://instance-data/", METADATA),
                Arguments.of("https://224.0.0.1/", MULTICAST),
                Arguments.of("https://[ff02::1]/", MULTICAST),
                Arguments.of("https://255.255.255.255/", BROADCAST),
                Arguments.of("https://240.0.0.1/", RESERVED),
                Arguments.of("https://[2001:db8::1]/", RESERVED),
                Arguments.of("https://rebind.example.com/", LOOPBACK),
                Arguments.of("https://dual.example.com/", PRIVATE),
                Arguments.of("https://internal.example.com/", PRIVATE),
                Arguments.of("https://meta.example.com/", METADATA),
                Arguments.of("https://cgnat.example.com/", PRIVATE),
                Arguments.of("https://ula.example.com/", PRIVATE),
                Arguments.of("https://mapped.example.com/", PRIVATE),
                Arguments.of("https://nowhere.example.com/", UNRESOLVED),
                Arguments.of("https://empty.example.com/", UNRESOLVED),
                Arguments.of("https://010.0.0.1/", NON_CANONICAL),
                Arguments.of("https://93.184.216.034/", NON_CANONICAL),
                Arguments.of("https://1572395042/", NON_CANONICAL),
                Arguments.of("https://256.1.1.1/", MALFORMED_NUMBER),
                Arguments.of("https://1.2.3.4.5/", MALFORMED_NUMBER),
                Arguments.of("https://09.1.1.1/", MALFORMED_NUMBER),
                Arguments.of("https://[fe80::1%25eth0]/", "must not use an IPv6 zone identifier"),
                Arguments.of("https://under_score.example.com/", "must have a valid host name"),
                Arguments.of("https:///path", "must have a host"),
                Arguments.of("hooks.example.com/webhooks", INVALID),
                Arguments.of("https://exa mple.com/", INVALID),
                Arguments.of("mailto:ops@example.com", INVALID),
                Arguments.of("https://hooks.example.com:12a/", INVALID),
                Arguments.of("https://hooks.example.com/" + "a".repeat(2048), "must be at most 2048 characters"),
                Arguments.of("", "must be an absolute URL"),
                Arguments.of(null, "must be an absolute URL"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusedByStrictPolicy")
    void violation_refusedUrl_namesTheBrokenRule(String url, String rule) {
        assertThat(strict.violation(url)).contains(rule);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://hooks.example.com/webhooks",
        "https://hooks.example.com:8443/in?source=gatehouse#frag",
        "https://hooks.example.com:/",
        "https://HOOKS.EXAMPLE.COM./x",
        "https://93.184.216.34/",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/",
        "https://v6.example.com/",
        "https://[2002:5db8:d822::1]/",
        "https://[::ffff:93.184.216.34]/"})
    void violation_publicHttpsUrl_isEmpty(String url) {
        assertThat(strict.violation(url)).isEmpty();
    }

    @Test
    void violation_httpWhenAllowed_isEmpty() {
        UrlPolicy policy = UrlPolicy.builder().allowHttp(true).resolver(FAKE_DNS).build();

        assertThat(policy.violation("http://hooks.example.com/")).isEmpty();
        assertThat(policy.violation("ftp://hooks.example.com/")).contains("must use http or https");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://localhost/",
        "https://api.localhost:8080/",
        "https://127.0.0.1/",
        "https://10.0.0.1/",
        "https://192.168.1.1/",
        "https://100.64.0.1/",
        "https://[::1]/",
        "https://[fd00::1]/",
        "https://internal.example.com/",
        "https://rebind.example.com/"})
    void violation_privateTargetWhenAllowed_isEmpty(String url) {
        UrlPolicy policy = UrlPolicy.builder().allowPrivateTargets(true).resolver(FAKE_DNS).build();

        assertThat(policy.violation(url)).isEmpty();
    }

    static Stream<Arguments> refusedEvenWithPrivateTargets() {
        return Stream.of(
                Arguments.of("http://localhost/", HTTPS),
                Arguments.of("https://169.254.169.254/", METADATA),
                Arguments.of("https://metadata.google.internal/", METADATA),
                Arguments.of("https://[fd00:ec2::254]/", METADATA),
                Arguments.of("https://169.254.10.10/", LINK_LOCAL),
                Arguments.of("https://0.0.0.0/", UNSPECIFIED),
                Arguments.of("https://224.0.0.1/", MULTICAST),
                Arguments.of("https://127.1/", NON_CANONICAL),
                Arguments.of("https://user:pw@localhost/", CREDENTIALS));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusedEvenWithPrivateTargets")
    void violation_privateTargetsAllowed_keepsTheOtherRules(String url, String rule) {
        UrlPolicy policy = UrlPolicy.builder().allowPrivateTargets(true).resolver(FAKE_DNS).build();

        assertThat(policy.violation(url)).contains(rule);
    }

    @Test
    void violation_ipLiteral_neverAsksTheResolver() {
        UrlPolicy policy = UrlPolicy.builder().resolver(host -> {
            throw new AssertionError("resolver called for " + host);
        }).build();

        assertThat(policy.violation("https://93.184.216.34/")).isEmpty();
        assertThat(policy.violation("https://[::1]/")).contains(LOOPBACK);
        assertThat(policy.violation("https://localhost/")).contains(LOOPBACK);
    }

    @Test
    void violation_refusedUrl_neverEchoesTheUrl() {
        String secretPath = "https://user:hunter2@hooks.example.com/T000/B000/XXXXXXXX";

        assertThat(strict.violation(secretPath)).hasValueSatisfying(rule ->
                assertThat(rule).doesNotContain("hunter2").doesNotContain("XXXXXXXX"));
    }

    @Test
    void strict_defaults_refuseHttpAndPrivateTargets() {
        UrlPolicy policy = UrlPolicy.strict();

        assertThat(policy.allowHttp()).isFalse();
        assertThat(policy.allowPrivateTargets()).isFalse();
        assertThat(policy.violation("https://127.0.0.1/")).contains(LOOPBACK);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(literal, impossible);
        }
    }

    private static InetAddress mappedV6(int a, int b, int c, int d) {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            return Inet6Address.getByAddress("mapped.example.com", bytes, -1);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }
}
