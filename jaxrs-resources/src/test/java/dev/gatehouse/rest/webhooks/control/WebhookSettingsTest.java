package dev.gatehouse.rest.webhooks.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookSettingsTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("15s", Duration.ofSeconds(15)),
                Arguments.of("5m", Duration.ofMinutes(5)),
                Arguments.of("24h", Duration.ofHours(24)),
                Arguments.of(" 5d ", Duration.ofDays(5)),
                Arguments.of("0s", Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void parseDuration_wellFormed_isRead(String text, Duration expected) {
        assertThat(WebhookSettings.parseDuration(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "15", "s", "1.5s", "-1s", "PT15S", "15 seconds"})
    void parseDuration_malformed_isRefusedNamingTheValue(String text) {
        assertThatThrownBy(() -> WebhookSettings.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text + "'");
    }
}
