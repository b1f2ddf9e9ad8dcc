package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");
    private static final RetrySchedule STANDARD = RetrySchedule.standard();

    @Test
    void standard_delays_areTheDocumentedEight() {
        assertThat(STANDARD.delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));
        assertThat(STANDARD.maxAttempts()).isEqualTo(8);
        assertThat(STANDARD.jitter()).isZero();
    }

    static Stream<Arguments> standardSteps() {
        return Stream.of(
                Arguments.of(0, Duration.ZERO),
                Arguments.of(1, Duration.ofSeconds(5)),
                Arguments.of(2, Duration.ofMinutes(5)),
                Arguments.of(3, Duration.ofMinutes(30)),
                Arguments.of(4, Duration.ofHours(2)),
                Arguments.of(5, Duration.ofHours(5)),
                Arguments.of(6, Duration.ofHours(10)),
                Arguments.of(7, Duration.ofHours(10)));
    }

    @ParameterizedTest(name = "after {0} attempts wait {1}")
    @MethodSource("standardSteps")
    void nextAttemptAt_standardWithoutJitter_waitsTheTabledDelay(int attemptsMade, Duration wait) {
        assertThat(STANDARD.nextAttemptAt(attemptsMade, NOW, Optional.empty())).contains(NOW.plus(wait));
    }

    @ParameterizedTest(name = "after {0} attempts")
    @ValueSource(ints = {8, 9, 100})
    void nextAttemptAt_exhausted_isEmpty(int attemptsMade) {
        assertThat(STANDARD.nextAttemptAt(attemptsMade, NOW, Optional.of(Duration.ofSeconds(1)))).isEmpty();
    }

    @Test
    void nextAttemptAt_negativeAttempts_isRejected() {
        assertThatThrownBy(() -> STANDARD.nextAttemptAt(-1, NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> retryAfterCases() {
        return Stream.of(
                Arguments.of("longer than scheduled wins", Duration.ofMinutes(2), Duration.ofMinutes(2)),
                Arguments.of("shorter than scheduled loses", Duration.ofSeconds(1), Duration.ofSeconds(5)),
                Arguments.of("exactly the cap", Duration.ofHours(24), Duration.ofHours(24)),
                Arguments.of("above the cap is capped", Duration.ofDays(30), Duration.ofHours(24)),
                Arguments.of("negative is ignored", Duration.ofSeconds(-100), Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryAfterCases")
    void nextAttemptAt_retryAfterAfterFirstAttempt_waitsTheLongerCappedDelay(String name, Duration retryAfter,
            Duration expectedWait) {
        assertThat(STANDARD.nextAttemptAt(1, NOW, Optional.of(retryAfter))).contains(NOW.plus(expectedWait));
    }

    static Stream<Arguments> jitterDraws() {
        return Stream.of(
                Arguments.of(0.0, Duration.ofMinutes(4)),
                Arguments.of(0.5, Duration.ofMinutes(5)),
                Arguments.of(0.75, Duration.ofSeconds(330)),
                Arguments.of(1.0, Duration.ofMinutes(6)));
    }

    @ParameterizedTest(name = "draw {0} -> {1}")
    @MethodSource("jitterDraws")
    void nextAttemptAt_twentyPercentJitter_spreadsLinearlyWithTheDraw(double draw, Duration expected) {
        RetrySchedule jittered = STANDARD.withJitter(0.2, fixedDraw(draw));

        assertThat(jittered.nextAttemptAt(2, NOW, Optional.empty())).contains(NOW.plus(expected));
    }

    @Test
    void nextAttemptAt_jitterFromRealRandom_staysWithinTwentyPercent() {
        RetrySchedule jittered = STANDARD.withJitter(0.2, new SplittableRandom(7));
        for (int i = 0; i < 1000; i++) {
            Instant next = jittered.nextAttemptAt(4, NOW, Optional.empty()).orElseThrow();

            assertThat(Duration.between(NOW, next)).isBetween(Duration.ofMinutes(96), Duration.ofMinutes(144));
        }
    }

    @Test
    void nextAttemptAt_jitterOnZeroDelay_staysImmediate() {
        RetrySchedule jittered = STANDARD.withJitter(0.2, fixedDraw(1.0));

        assertThat(jittered.nextAttemptAt(0, NOW, Optional.empty())).contains(NOW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void withJitter_outOfRange_isRejected(double fraction) {
        assertThatThrownBy(() -> STANDARD.withJitter(fraction, new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_emptyList_isRejected() {
        assertThatThrownBy(() -> RetrySchedule.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_negativeDelay_isRejected() {
        assertThatThrownBy(() -> RetrySchedule.of(List.of(Duration.ZERO, Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_mixedUnitsWithSpaces_readsEachDelay() {
        assertThat(RetrySchedule.parse("0s, 250ms ,2m,1h, 1d").delays()).containsExactly(Duration.ZERO,
                Duration.ofMillis(250), Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofDays(1));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "5", "5x", "s", "5s,,5s", "-5s", "1.5s", "10000000000s"})
    void parse_malformed_isRejectedNamingTheElement(String text) {
        assertThatThrownBy(() -> RetrySchedule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a retry delay");
    }

    @Test
    void toString_standard_showsTheParseableList() {
        assertThat(STANDARD.toString()).contains("0s,5s,5m,30m,2h,5h,10h,10h");
    }

    static Stream<Arguments> retryAfterHeaders() {
        return Stream.of(
                Arguments.of("120", Optional.of(Duration.ofSeconds(120))),
                Arguments.of(" 0 ", Optional.of(Duration.ZERO)),
                Arguments.of("Thu, 15 Jan 2026 10:31:00 GMT", Optional.of(Duration.ofMinutes(1))),
                Arguments.of("Thu, 15 Jan 2026 10:00:00 GMT", Optional.of(Duration.ZERO)),
                Arguments.of("", Optional.empty()),
                Arguments.of("soon", Optional.empty()),
                Arguments.of("-5", Optional.empty()),
                Arguments.of("1.5", Optional.empty()),
                Arguments.of("2026-01-15T10:31:00Z", Optional.empty()));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("retryAfterHeaders")
    void parseRetryAfter_headerValue_readsDeltaSecondsOrHttpDate(String value, Optional<Duration> expected) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThat(RetrySchedule.parseRetryAfter(value, clock)).isEqualTo(expected);
    }

    @Test
    void parseRetryAfter_null_isEmpty() {
        assertThat(RetrySchedule.parseRetryAfter(null, Clock.fixed(NOW, ZoneOffset.UTC))).isEmpty();
    }

    @Test
    void parseRetryAfter_absurdlyLargeNumber_isBeyondTheCap() {
        Optional<Duration> parsed = RetrySchedule.parseRetryAfter("99999999999999999999", Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(parsed).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofHours(24)));
        assertThat(STANDARD.nextAttemptAt(1, NOW, parsed)).contains(NOW.plus(Duration.ofHours(24)));
    }

    /** A random source whose nextDouble always returns {@code draw} (1.0 stands for "just below 1"). */
    private static RandomGenerator fixedDraw(double draw) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return draw;
            }
        };
    }
}
