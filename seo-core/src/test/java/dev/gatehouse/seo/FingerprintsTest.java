package dev.gatehouse.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
          "https://example.com/page|https://example.com/page",
          "HTTPS://EXAMPLE.com/page|https://example.com/page",
          "https://example.com:443/page|https://example.com/page",
          "http://example.com:80/page|http://example.com/page",
          "http://example.com:8080/page|http://example.com:8080/page",
          "https://example.com|https://example.com/",
          "https://example.com/page/|https://example.com/page",
          "https://example.com/a/../page|https://example.com/page",
          "https://example.com/page#section|https://example.com/page",
          "https://example.com/page?b=2&a=1|https://example.com/page?a=1&b=2",
          "https://example.com/page?utm_source=x&id=3&gclid=y|https://example.com/page?id=3",
          "https://bücher.example/|https://xn--bcher-kva.example/",
          "https://example.com/Page|https://example.com/Page",
    })
    void urlKey_normalises(String url, String expected) {
        assertThat(Fingerprints.urlKey(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com/page", "ftp://example.com/", "javascript:alert(1)", "https:///nohost", "http://exa mple.com/"})
    void urlKey_notAbsoluteHttp_isRefused(String url) {
        assertThatThrownBy(() -> Fingerprints.urlKey(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urlKey_tooLong_isRefused() {
        assertThatThrownBy(() -> Fingerprints.urlKey("https://example.com/" + "a".repeat(2100)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void element_sortsAndCollapsesSelectors() {
        assertThat(Fingerprints.element("  img.b ,  body >   img.a, img.b")).isEqualTo("body > img.a, img.b");
    }

    @Test
    void element_keepsCommasInsideFunctionsAndAttributes() {
        assertThat(Fingerprints.element(":is(h1, h2) > a, [title=\"a,b\"]")).isEqualTo(":is(h1, h2) > a, [title=\"a,b\"]");
    }

    @Test
    void element_blankIsThePage() {
        assertThat(Fingerprints.element(null)).isEmpty();
        assertThat(Fingerprints.element("   ")).isEmpty();
    }

    @Test
    void element_tooLong_isCutAtASelector() {
        String many = String.join(", ", java.util.Collections.nCopies(1, "x".repeat(1500))) + ", " + "y".repeat(600);
        assertThat(Fingerprints.element(many)).isEqualTo("x".repeat(1500));
    }

    @Test
    void fingerprint_sameIssueWrittenDifferently_isEqual() {
        assertThat(Fingerprints.fingerprint("https://example.com/", "image-alt", "img.b, img.a"))
            .isEqualTo(Fingerprints.fingerprint("https://example.com/", "image-alt", "img.a,img.b"))
            .hasSize(64);
    }

    @Test
    void fingerprint_differsByUrlTypeAndElement() {
        String base = Fingerprints.fingerprint("https://example.com/", "image-alt", "img.a");
        assertThat(Fingerprints.fingerprint("https://example.com/other", "image-alt", "img.a")).isNotEqualTo(base);
        assertThat(Fingerprints.fingerprint("https://example.com/", "link-name", "img.a")).isNotEqualTo(base);
        assertThat(Fingerprints.fingerprint("https://example.com/", "image-alt", "img.b")).isNotEqualTo(base);
    }

    @Test
    void fingerprint_knownAnswer() {
        // SHA-256 of "https://example.com/\nimage-alt\nimg.a"
        assertThat(Fingerprints.fingerprint("https://example.com/", "image-alt", "img.a"))
            .isEqualTo(sha256("https://example.com/\nimage-alt\nimg.a"));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
