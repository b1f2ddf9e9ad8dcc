package dev.gatehouse.keys;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed verifications per key hash in fixed one-minute windows and says when a window
 * reaches the threshold, once per window, so a burst yields at most one audit event a minute.
 * Bounded: when too many hashes are tracked, finished windows are dropped, and if that is not
 * enough everything is (brute force with random keys then goes uncounted rather than exhausting
 * memory; per-key bursts are what this is for).
 */
final class FailureBursts {

    private static final class Window {
        long startMillis;
        int failures;
        boolean reported;

        Window(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    private final int threshold;
    private final long windowMillis;
    private final int maximumTracked;
    private final ConcurrentHashMap<Digest, Window> windows = new ConcurrentHashMap<>();

    FailureBursts(int threshold, long windowMillis, int maximumTracked) {
        this.threshold = threshold;
        this.windowMillis = windowMillis;
        this.maximumTracked = maximumTracked;
    }

    /** Counts one failure; returns the window's count when a burst is to be reported, else 0. */
    int record(Digest digest, long nowMillis) {
        if (windows.size() >= maximumTracked && !windows.containsKey(digest)) {
            windows.values().removeIf(w -> isOver(w, nowMillis));
            if (windows.size() >= maximumTracked) {
                windows.clear();
            }
        }
        Window window = windows.computeIfAbsent(digest, d -> new Window(nowMillis));
        synchronized (window) {
            if (nowMillis - window.startMillis >= windowMillis || nowMillis < window.startMillis) {
                window.startMillis = nowMillis;
                window.failures = 0;
                window.reported = false;
            }
            window.failures++;
            if (window.failures >= threshold && !window.reported) {
                window.reported = true;
                return window.failures;
            }
            return 0;
        }
    }

    private boolean isOver(Window window, long nowMillis) {
        synchronized (window) {
            return nowMillis - window.startMillis >= windowMillis;
        }
    }

    int tracked() {
        return windows.size();
    }
}
