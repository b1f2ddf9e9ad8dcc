package dev.gatehouse.analytics;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each site's ceiling of hits a minute, counted per instance in fixed one-minute windows (cheap,
 * and a flood is what it stops; precision at the edge of a minute is not needed).
 */
public final class IngestCeiling {

    private final Clock clock;
    private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

    public IngestCeiling(Clock clock) {
        this.clock = clock;
    }

    /** Takes one hit of the site's allowance; returns 0, or the seconds until the next window when it is used up. */
    public long tryAcquire(long siteId, int perMinute) {
        long nowMillis = clock.millis();
        long minute = nowMillis / 60_000;
        Window w = windows.compute(siteId, (id, old) -> old == null || old.minute != minute ? new Window(minute) : old);
        if (w.count.incrementAndGet() <= perMinute) {
            return 0;
        }
        long remaining = (minute + 1) * 60_000 - nowMillis;
        return Math.max(1, (remaining + 999) / 1000);
    }

    private static final class Window {
        final long minute;
        final AtomicInteger count = new AtomicInteger();

        Window(long minute) {
            this.minute = minute;
        }
    }
}
