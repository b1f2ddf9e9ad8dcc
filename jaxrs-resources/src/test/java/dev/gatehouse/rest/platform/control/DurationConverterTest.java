package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationConverterTest {

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
    void wellFormed_isRead(String text, Duration expected) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"15", "s", "1.5s", "-1s", "PT15S", "15 seconds", "9999999999s"})
    void malformed_isRefusedNamingTheValue(String text) {
        assertThatThrownBy(() -> new DurationConverter().convert(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text.trim() + "'");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "  "})
    void blank_isNotConfigured(String text) {
        assertThat(new DurationConverter().convert(text)).isNull();
    }
}
