package dev.gatehouse.keys;

import java.lang.ref.WeakReference;
import java.time.Clock;

/**
 * The system clock's milliseconds as of the last tick, for the cache-hit path of
 * {@link ApiKeys#verify(String)}: reading a volatile field there instead of the clock saved about
 * a quarter of the hit's cost beyond the SHA-256 on the project machine (see BENCHMARKS.md). One
 * daemon thread per instance ticks every {@value #TICK_MILLIS} ms; it holds the clock only through
 * a weak reference and ends once the owning facade is gone, so it never keeps an undeployed
 * application's classes alive.
 *
 * <p>The value lags the clock by up to one tick, more while the machine is too busy to run the
 * thread on time: cache freshness, key expiry and the last-use throttle are judged against it.
 * Used only with the system clock; an injected clock (tests, simulations) is read directly.
 */
final class CoarseClock {

    static final long TICK_MILLIS = 10;

    private final Clock clock;
    private volatile long millis;

    CoarseClock(Clock clock) {
        this.clock = clock;
        this.millis = clock.millis();
    }

    /** A coarse view of the clock with its ticking thread started. */
    static CoarseClock start(Clock clock) {
        CoarseClock coarse = new CoarseClock(clock);
        Thread ticker = new Thread(new Ticker(new WeakReference<>(coarse)), "gatehouse-coarse-clock");
        ticker.setDaemon(true);
        ticker.start();
        return coarse;
    }

    /** Whether a clock is the system clock, the one this class may stand in for. */
    static boolean isSystem(Clock clock) {
        return clock.equals(Clock.system(clock.getZone()));
    }

    long millis() {
        return millis;
    }

    void tick() {
        millis = clock.millis();
    }

    private static final class Ticker implements Runnable {

        private final WeakReference<CoarseClock> owner;

        Ticker(WeakReference<CoarseClock> owner) {
            this.owner = owner;
        }

        @Override
        public void run() {
            while (true) {
                CoarseClock coarse = owner.get();
                if (coarse == null) {
                    return;
                }
                coarse.tick();
                coarse = null;
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
