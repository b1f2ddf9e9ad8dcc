package dev.gatehouse.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls for an expected state until a deadline, instead of sleeping for a guessed time. */
final class Eventually {

    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    /** Returns the first probe result that satisfies {@code done}; fails with the last one after the deadline. */
    static <T> T until(Duration deadline, Supplier<T> probe, Predicate<T> done) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + deadline + "; last state: " + last);
            }
            try {
                Thread.sleep(POLL_MILLIS); // the pause between two polls, not a wait for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = probe.get();
        }
        return last;
    }
}
