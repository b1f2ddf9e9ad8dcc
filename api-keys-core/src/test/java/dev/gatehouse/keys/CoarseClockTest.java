package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CoarseClockTest {

    @Test
    void millis_beforeAnyTick_isTheClockAtCreation() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:30:00Z"));
        CoarseClock coarse = new CoarseClock(clock);

        clock.advance(Duration.ofSeconds(5));

        assertThat(coarse.millis()).isEqualTo(Instant.parse("2026-01-15T10:30:00Z").toEpochMilli());
    }

    @Test
    void millis_afterTick_isTheClockNow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:30:00Z"));
        CoarseClock coarse = new CoarseClock(clock);
        clock.advance(Duration.ofSeconds(5));

        coarse.tick();

        assertThat(coarse.millis()).isEqualTo(Instant.parse("2026-01-15T10:30:05Z").toEpochMilli());
    }

    @Test
    void isSystem_systemClockInAnyZone_isTrue() {
        assertThat(CoarseClock.isSystem(Clock.systemUTC())).isTrue();
        assertThat(CoarseClock.isSystem(Clock.system(ZoneId.of("Europe/Paris")))).isTrue();
    }

    @Test
    void isSystem_injectedClock_isFalse() {
        assertThat(CoarseClock.isSystem(new MutableClock(Instant.EPOCH))).isFalse();
        assertThat(CoarseClock.isSystem(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).isFalse();
        assertThat(CoarseClock.isSystem(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))).isFalse();
    }
}
