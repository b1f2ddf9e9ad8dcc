package dev.gatehouse.rest.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.entitlements.FeatureLimitReachedException;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Optional fields of an error body may be absent: building the body never fails on a null. */
class ErrorBodiesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void with_nullValue_leavesTheFieldOut() {
        ApiException e = new ApiException(403, "feature_limit_reached", "No.").with("feature", "posts").with("upgrade_url", null);

        assertThat(e.fields()).containsOnlyKeys("feature");
    }

    @Test
    void withHeader_nullValue_leavesTheHeaderOut() {
        ApiException e = new ApiException(429, "rate_limit_exceeded", "Later.").withHeader("Retry-After", null);

        assertThat(e.headers()).isEmpty();
    }

    @Test
    void fields_keepTheOrderTheyWereAddedIn() {
        ApiException e = new ApiException(400, "x", "y").with("b", 1).with("a", 2).with("c", 3);

        assertThat(e.fields().keySet()).containsExactly("b", "a", "c");
    }

    @Test
    void translate_featureLimitWithoutUpgradeUrl_is403WithoutTheField() {
        FeatureLimitReachedException limit = new FeatureLimitReachedException("posts", 10, 10, null,
                FeatureLimitReachedException.LIMIT_EXCEEDED, "Post limit exceeded. Used: 10, Limit: 10");

        JsonObject body = body(CoreErrors.translate(limit, CLOCK));

        assertThat(body.getString("error")).isEqualTo("feature_limit_reached");
        assertThat(body.getString("feature")).isEqualTo("posts");
        assertThat(body.getJsonNumber("limit").longValue()).isEqualTo(10);
        assertThat(body.containsKey("upgrade_url")).isFalse();
    }

    @Test
    void translate_featureLimitWithUpgradeUrl_carriesIt() {
        FeatureLimitReachedException limit = new FeatureLimitReachedException("posts", 10, 10,
                "https://example.com/upgrade", FeatureLimitReachedException.LIMIT_EXCEEDED, "Post limit exceeded.");

        JsonObject body = body(CoreErrors.translate(limit, CLOCK));

        assertThat(body.getString("upgrade_url")).isEqualTo("https://example.com/upgrade");
    }

    private static JsonObject body(ApiException e) {
        assertThat(e.status()).isEqualTo(403);
        return ErrorResponses.body(e);
    }
}
