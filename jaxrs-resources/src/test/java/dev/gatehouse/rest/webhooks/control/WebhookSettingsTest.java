package dev.gatehouse.rest.webhooks.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.rest.testing.ShippedSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSettingsTest {

    @Test
    void shippedDefaults_areStrictAndRunWorkers() {
        WebhookSettings settings = ShippedSettings.of(WebhookSettings.class);
        assertThat(settings.allowHttp()).isFalse();
        assertThat(settings.allowPrivateTargets()).isFalse();
        assertThat(settings.workersEnabled()).isTrue();
        assertThat(settings.concurrency()).isEqualTo(16);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.appEventTypes()).isEmpty();
        assertThat(settings.groupCommit()).isTrue();
    }

    @Test
    void eventTypes_areParsed() {
        WebhookSettings settings = ShippedSettings.of(WebhookSettings.class,
                Map.of("gatehouse.webhooks.event-types", "post.created=A post was made; comment.deleted"));
        assertThat(settings.appEventTypes()).containsEntry("post.created", "A post was made").containsEntry("comment.deleted", "");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "gatehouse.webhooks.concurrency, 0",
        "gatehouse.webhooks.concurrency, 2000",
        "gatehouse.webhooks.retention-days, 0",
        "gatehouse.webhooks.poll-interval, 0s",
        "gatehouse.webhooks.event-types, Not A Type=x"})
    void outOfRange_stopsNamingTheProperty(String name, String value) {
        assertThatThrownBy(() -> ShippedSettings.of(WebhookSettings.class, Map.of(name, value)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining(name);
    }

    @Test
    void badSchedule_orJitter_namesItsProperty() {
        var random = new java.security.SecureRandom();
        WebhookSettings schedule = ShippedSettings.of(WebhookSettings.class, Map.of("gatehouse.webhooks.retry-schedule", "5s,soon"));
        assertThatThrownBy(() -> schedule.configure(dev.gatehouse.webhooks.Webhooks.builder(), random))
                .hasMessageContaining("gatehouse.webhooks.retry-schedule");
        WebhookSettings jitter = ShippedSettings.of(WebhookSettings.class, Map.of("gatehouse.webhooks.retry-jitter", "1.5"));
        assertThatThrownBy(() -> jitter.configure(dev.gatehouse.webhooks.Webhooks.builder(), random))
                .hasMessageContaining("gatehouse.webhooks.retry-jitter");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "gatehouse.webhooks.group-commit.max-batch, 0",
        "gatehouse.webhooks.group-commit.window-micros, 2000000",
        "gatehouse.webhooks.group-commit.window-micros, -1",
        "gatehouse.webhooks.group-commit.queue-capacity, 0"})
    void badGroupCommitSetting_namesItsProperty(String name, String value) {
        WebhookSettings settings = ShippedSettings.of(WebhookSettings.class, Map.of(name, value));
        assertThatThrownBy(() -> settings.configure(dev.gatehouse.commit.GroupCommitter.builder("n", (java.util.List<String> b) -> b)))
                .hasMessageContaining(name);
    }
}
