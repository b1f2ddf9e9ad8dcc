package dev.gatehouse.entitlements;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Bucket4j's time source backed by a {@link Clock}, with nanosecond resolution, so that refill
 * follows the injected clock (a mutable one in tests) instead of {@code System.nanoTime()}.
 */
final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    /** Wall-clock based: instances sharing buckets through a ProxyManager must agree on the time. */
    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
