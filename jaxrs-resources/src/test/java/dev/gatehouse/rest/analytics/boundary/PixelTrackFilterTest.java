package dev.gatehouse.rest.analytics.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code Accept} headers the pixel's servlet path answers itself, and which it leaves to Jersey's negotiation. */
class PixelTrackFilterTest {

    @Test
    void noAccept_isJson() {
        assertThat(PixelTrackFilter.acceptsJson(null)).isTrue();
        assertThat(PixelTrackFilter.acceptsJson(" ")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/json", "Application/JSON", "text/html, */*;q=0.8", "application/*",
        "text/plain, application/json;charset=utf-8"})
    void acceptingJson_isServedHere(String accept) {
        assertThat(PixelTrackFilter.acceptsJson(accept)).as(accept).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "image/gif", "application/xml, text/*", "application/json;q=0", "*/*; q=0",
        "application/jsonx"})
    void anythingElse_isLeftToJersey(String accept) {
        assertThat(PixelTrackFilter.acceptsJson(accept)).as(accept).isFalse();
    }
}
