package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.testing.ShippedSettings;
import dev.gatehouse.rest.webhooks.control.WebhookSettings;
import dev.gatehouse.webhooks.UrlPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registration rules, with the address policy the shipped defaults build and the one the tests run with. */
class UpstreamSpecTest {

    /** The webhook settings with nothing configured, as shipped. */
    private static final WebhookSettings SHIPPED_SETTINGS = ShippedSettings.of(WebhookSettings.class);
    /** What {@code WebhooksProducers} builds from them: the policy upstream URLs pass. */
    private static final UrlPolicy SHIPPED = UrlPolicy.builder().allowHttp(SHIPPED_SETTINGS.allowHttp())
            .allowPrivateTargets(SHIPPED_SETTINGS.allowPrivateTargets()).build();
    private static final UrlPolicy DEVELOPMENT = UrlPolicy.builder().allowHttp(true).allowPrivateTargets(true).build();

    private static UpstreamSpec create(String slug, String url) {
        return new UpstreamSpec(slug, "Upstream", null, url, null, null, null);
    }

    private static Map<String, List<String>> errors(UpstreamSpec spec, boolean creating, UrlPolicy policy) {
        try {
            spec.validate(creating, policy);
            return Map.of();
        } catch (ValidationException e) {
            return e.errors();
        }
    }

    @Test
    void shippedDefaults_refusePrivateAndLoopbackUpstreams() {
        assertThat(SHIPPED_SETTINGS.allowPrivateTargets()).isFalse();
        assertThat(SHIPPED_SETTINGS.allowHttp()).isFalse();
        for (String url : List.of("https://127.0.0.1/mcp", "https://localhost:3001/mcp", "https://10.1.2.3/mcp",
                "https://192.168.0.10/mcp", "https://[::1]/mcp", "http://mcp.example.com/mcp")) {
            assertThat(errors(create("up", url), true, SHIPPED)).as(url).containsKey("url");
        }
    }

    @Test
    void developmentSettings_allowLoopback_butNeverMetadata() {
        assertThat(errors(create("up", "http://127.0.0.1:3001/mcp"), true, DEVELOPMENT)).isEmpty();
        assertThat(errors(create("up", "http://169.254.169.254/latest"), true, DEVELOPMENT)).containsKey("url");
        assertThat(errors(create("up", "http://metadata.google.internal/mcp"), true, DEVELOPMENT)).containsKey("url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "1abc", "with_underscore", "has space", "gatehouse",
            "a-very-long-slug-of-more-than-forty-characters"})
    void validate_badSlug_isRefused(String slug) {
        assertThat(errors(create(slug, "http://127.0.0.1/mcp"), true, DEVELOPMENT)).containsKey("id");
    }

    @Test
    void validate_creation_needsIdNameAndUrl() {
        assertThat(errors(new UpstreamSpec(null, null, null, null, null, null, null), true, DEVELOPMENT))
                .containsOnlyKeys("id", "name", "url");
        assertThat(errors(new UpstreamSpec(null, null, null, null, null, null, null), false, DEVELOPMENT)).isEmpty();
    }

    @Test
    void validate_headersTheTransportOwns_areRefused_andValuesNeverAppearInErrors() {
        for (String name : List.of("Host", "content-length", "Mcp-Session-Id", "MCP-Protocol-Version", "bad header")) {
            UpstreamSpec spec = new UpstreamSpec("up", "U", null, "http://127.0.0.1/mcp", Map.of(name, "v"), null, null);
            assertThat(errors(spec, true, DEVELOPMENT)).as(name).containsKey("headers");
        }
        UpstreamSpec crlf = new UpstreamSpec("up", "U", null, "http://127.0.0.1/mcp",
                Map.of("Authorization", "Bearer s3cr3t\r\nX-Evil: 1"), null, null);
        assertThat(errors(crlf, true, DEVELOPMENT).toString()).contains("Authorization").doesNotContain("s3cr3t");
        assertThat(crlf.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void validate_timeoutAndPatterns_haveBounds() {
        assertThat(errors(new UpstreamSpec(null, null, null, null, null, null, 99), false, DEVELOPMENT)).containsKey("timeout_ms");
        assertThat(errors(new UpstreamSpec(null, null, null, null, null, null, 120_001), false, DEVELOPMENT)).containsKey("timeout_ms");
        assertThat(errors(new UpstreamSpec(null, null, null, null, null, List.of("no spaces"), 100), false, DEVELOPMENT))
                .containsOnlyKeys("allowed_tools");
    }

    @Test
    void validate_aBadUpdate_namesEveryBadField() {
        assertThatThrownBy(() -> new UpstreamSpec(null, " ", "d".repeat(1001), "ftp://x", null, null, null).validate(false, DEVELOPMENT))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("name", "description", "url"));
    }
}
