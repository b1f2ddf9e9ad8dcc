package dev.gatehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainsTest {

    @ParameterizedTest
    @CsvSource({
          "Example.COM, example.com",
          "www.example.com:8443, example.com",
          "example.com., example.com",
          "bücher.example, xn--bcher-kva.example",
          "localhost:5173, localhost",
          "127.0.0.1:8080, 127.0.0.1",
          "'[::1]:3000', '[::1]'"})
    void normalize_hosts(String raw, String expected) {
        assertThat(Hostnames.normalize(raw)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "exa mple.com", "example..com", "host:port", "<script>"})
    void normalize_nonHosts_areEmpty(String raw) {
        assertThat(Hostnames.normalize(raw)).isEmpty();
    }

    @Test
    void ofUrl_takesTheHostOfHttpUrlsOnly() {
        assertThat(Hostnames.ofUrl("https://www.Example.com:443/a?b#c")).hasValue("example.com");
        assertThat(Hostnames.ofUrl("javascript:alert(1)")).isEmpty();
        assertThat(Hostnames.ofUrl("data:text/html,hi")).isEmpty();
        assertThat(Hostnames.ofUrl("/relative")).isEmpty();
    }

    @Test
    void domainPattern_wildcardCoversSubdomainsOnly() {
        DomainPattern p = DomainPattern.parse("*.example.com");
        assertThat(p.matches("blog.example.com")).isTrue();
        assertThat(p.matches("a.b.example.com")).isTrue();
        assertThat(p.matches("example.com")).isFalse();
        assertThat(p.matches("badexample.com")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "*.com.*", "a*.example.com", "*.localhost", "exa mple.com"})
    void domainPattern_invalid_isRefused(String raw) {
        assertThatThrownBy(() -> DomainPattern.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void siteDirectory_exactBeatsWildcard_longestWildcardWins() {
        Site wild = site(1, "*.example.com");
        Site blog = site(2, "*.blog.example.com");
        Site exact = site(3, "shop.example.com");
        SiteDirectory dir = new SiteDirectory(List.of(wild, blog, exact));
        assertThat(dir.find("shop.example.com")).hasValue(exact);
        assertThat(dir.find("x.blog.example.com")).hasValue(blog);
        assertThat(dir.find("docs.example.com")).hasValue(wild);
        assertThat(dir.find("example.com")).isEmpty();
        assertThat(dir.resolve("WWW.Shop.Example.com:443")).hasValue(exact);
    }

    static Site site(long id, String... domains) {
        return new Site(id, 1, "site " + id, java.util.Arrays.stream(domains).map(DomainPattern::parse).toList(),
            Set.of(Feature.values()), 1.0, false, 1000, true, Instant.EPOCH, Instant.EPOCH);
    }
}
