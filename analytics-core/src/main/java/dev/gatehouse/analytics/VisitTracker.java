package dev.gatehouse.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Groups a visitor's hits into visits: a visit goes on while hits come less than the timeout
 * (30 minutes, as Plausible and Google Analytics count) apart, and keeps the attribution of its
 * first hit. A visit crossing midnight is found again through the visitor's id under yesterday's
 * salt. Held in memory for the most recent visits (bounded); a visit whose state was lost (a
 * restart, another instance) starts again. Not thread-safe: one writer uses it.
 */
public final class VisitTracker {

    private final long timeoutMillis;
    private final RandomGenerator random;
    private final LinkedHashMap<Key, State> visits;

    public VisitTracker(Duration timeout, int capacity, RandomGenerator random) {
        this.timeoutMillis = timeout.toMillis();
        this.random = Objects.requireNonNull(random, "random");
        this.visits = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, State> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The visit this event belongs to. Hits must come in time order per visitor (the writer's queue
     * keeps arrival order).
     */
    public Visit assign(TrackedEvent event) {
        long at = event.at().toEpochMilli();
        Key today = new Key(event.siteId(), event.visitor().today());
        State state = visits.get(today);
        if (state == null && event.visitor().yesterday() != 0) {
            Key yesterday = new Key(event.siteId(), event.visitor().yesterday());
            state = visits.remove(yesterday);
            if (state != null) {
                visits.put(today, state);
            }
        }
        boolean fresh = state == null || !event.sessions() || at - state.lastSeen > timeoutMillis;
        if (fresh) {
            state = new State((random.nextLong() >>> 1) + 1, event.attribution());
            visits.put(today, state);
        }
        state.lastSeen = Math.max(state.lastSeen, at);
        return new Visit(state.id, fresh, state.attribution);
    }

    /** Forgets visits idle longer than the timeout at {@code now}; returns how many. */
    public int expire(Instant now) {
        long cutoff = now.toEpochMilli() - timeoutMillis;
        int before = visits.size();
        visits.values().removeIf(s -> s.lastSeen < cutoff);
        return before - visits.size();
    }

    public int size() {
        return visits.size();
    }

    /**
     * A hit's visit.
     *
     * @param id          the visit's random id
     * @param isNew       whether this hit started it
     * @param attribution the visit's source, campaign and device (its first hit's)
     */
    public record Visit(long id, boolean isNew, Attribution attribution) {
    }

    private record Key(long siteId, long visitor) {
    }

    private static final class State {
        final long id;
        final Attribution attribution;
        long lastSeen;

        State(long id, Attribution attribution) {
            this.id = id;
            this.attribution = attribution;
        }
    }
}
