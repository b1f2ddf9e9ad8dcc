package dev.gatehouse.rest.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/workspaces", "/api/v1/workspaces/12", "/docs/", "/api/v1/a%20b", "/api/v1/caf%C3%A9"})
    void path_wellFormed_isAccepted(String path) {
        assertThat(RequestSyntax.path(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/%", "/api/v1/%ZZ", "/api/v1/%2", "/api/v1/%00", "/api/v1/%1f", "/api/v1/%7F", "/api/v1/%ff",
        "/api/v1/%C3", "/api/v1/a b", "/api/v1/\u00e9"})
    void path_malformedOrControl_isInvalidPath(String path) {
        ApiException e = RequestSyntax.path(path);
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("invalid_path");
    }

    @Test
    void query_malformedPercent_isInvalidQuery() {
        assertThat(RequestSyntax.query("search=%")).extracting(ApiException::error).isEqualTo("invalid_query");
        assertThat(RequestSyntax.query("search=%zz")).isNotNull();
        assertThat(RequestSyntax.query("search=a%20b&page=2")).isNull();
        assertThat(RequestSyntax.query(null)).isNull();
    }

    @Test
    void headers_printableAscii_isAccepted() {
        assertThat(check(Map.of("Authorization", "Bearer sk_live_x", "Accept", "*/*\t"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0001", "caf\u00e9", "\u007f"})
    void headers_controlOrNonAscii_isInvalidHeader_withoutEchoingTheValue(String value) {
        ApiException e = check(Map.of("X-Custom", value));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("invalid_header");
        assertThat(e.getMessage()).contains("X-Custom").doesNotContain(value);
    }

    @Test
    void headers_badName_isInvalidHeader() {
        assertThat(check(Map.of("X Bad", "v"))).extracting(ApiException::error).isEqualTo("invalid_header");
    }

    @Test
    void headers_overTheLimit_is431() {
        assertThat(check(Map.of("X-Big", "a".repeat(RequestSyntax.MAX_HEADER_BYTES)))).extracting(ApiException::status).isEqualTo(431);
        assertThat(check(Map.of("X-Big", "a".repeat(RequestSyntax.MAX_HEADER_BYTES - 100)))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/merge-patch+json",
        "text/plain;a=\"b;c\"", "application/json;"})
    void contentType_mediaType_isAccepted(String value) {
        assertThat(RequestSyntax.contentType(value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "a/b;;;=", "application/", "/json", "application/json; charset"})
    void contentType_notAMediaType_isInvalidHeader(String value) {
        assertThat(RequestSyntax.contentType(value)).extracting(ApiException::error).isEqualTo("invalid_header");
    }

    private static ApiException check(Map<String, String> headers) {
        Map<String, String> ordered = new LinkedHashMap<>(headers);
        return RequestSyntax.headers(Collections.enumeration(ordered.keySet()),
                name -> Collections.enumeration(List.of(ordered.get(name))));
    }
}
