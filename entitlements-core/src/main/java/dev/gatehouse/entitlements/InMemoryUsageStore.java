package dev.gatehouse.entitlements;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe, exact {@link UsageStore} held in memory: for tests, single-instance
 * deployments and applications that do not need usage to survive a restart.
 *
 * <p>Counters are {@link AtomicLong}s updated by compare-and-set, so {@link #tryAdd} is exact
 * without locks. {@link #recordEvent} runs inside {@link ConcurrentHashMap#compute} on the event's
 * entry, which serialises calls with the same workspace and event id while others proceed in
 * parallel. Counters of past periods are kept until the store is discarded.
 */
public final class InMemoryUsageStore implements UsageStore {

    private record EventId(long workspaceId, String eventId) {
    }

    private record ThresholdMark(UsageKey key, int percent) {
    }

    private record OverrideId(long workspaceId, String feature) {
    }

    private final ConcurrentHashMap<UsageKey, AtomicLong> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EventId, RecordedEvent> events = new ConcurrentHashMap<>();
    private final Set<ThresholdMark> thresholds = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<OverrideId, LimitOverride> overrides = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryUsageStore() {
    }

    @Override
    public long used(UsageKey key) {
        AtomicLong counter = counters.get(Objects.requireNonNull(key, "key"));
        return counter == null ? 0 : counter.get();
    }

    @Override
    public OptionalLong tryAdd(UsageKey key, long quantity, long maxTotalOrMinusOne) {
        Objects.requireNonNull(key, "key");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1 but was " + quantity);
        }
        if (maxTotalOrMinusOne < -1) {
            throw new IllegalArgumentException("maxTotalOrMinusOne must be >= -1 but was " + maxTotalOrMinusOne);
        }
        long max = maxTotalOrMinusOne == -1 ? Long.MAX_VALUE : maxTotalOrMinusOne;
        AtomicLong counter = counters.computeIfAbsent(key, k -> new AtomicLong());
        while (true) {
            long current = counter.get();
            // Written as a subtraction so that it cannot overflow; a total already above max (a soft
            // limit lowered, an adjustment) makes the right side negative and refuses the add.
            if (quantity > max - current) {
                return OptionalLong.empty();
            }
            if (counter.compareAndSet(current, current + quantity)) {
                return OptionalLong.of(current + quantity);
            }
        }
    }

    @Override
    public Optional<EventRecording> recordEvent(UsageKey key, RecordedEvent event, long maxTotalOrMinusOne) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
        if (key.workspaceId() != event.workspaceId() || !key.feature().equals(event.feature())) {
            throw new IllegalArgumentException("event " + event.eventId() + " of workspace " + event.workspaceId()
                    + " and feature " + event.feature() + " does not belong to counter " + key);
        }
        var outcome = new EventRecording[1];
        events.compute(new EventId(event.workspaceId(), event.eventId()), (id, existing) -> {
            if (existing != null) {
                outcome[0] = new EventRecording(existing, true);
                return existing;
            }
            // A different map, so calling it inside compute cannot deadlock or recurse.
            OptionalLong total = tryAdd(key, event.quantity(), maxTotalOrMinusOne);
            if (total.isEmpty()) {
                return null;
            }
            RecordedEvent stored = event.withTotalAfter(total.getAsLong());
            outcome[0] = new EventRecording(stored, false);
            return stored;
        });
        return Optional.ofNullable(outcome[0]);
    }

    @Override
    public Optional<RecordedEvent> findEvent(long workspaceId, String eventId) {
        return Optional.ofNullable(events.get(new EventId(workspaceId, Objects.requireNonNull(eventId, "eventId"))));
    }

    @Override
    public int purgeEventsBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        int removed = 0;
        for (var entry : events.entrySet()) {
            if (entry.getValue().recordedAt().isBefore(cutoff) && events.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public boolean markThreshold(UsageKey key, int percent) {
        return thresholds.add(new ThresholdMark(Objects.requireNonNull(key, "key"), percent));
    }

    @Override
    public Optional<LimitOverride> findOverride(long workspaceId, String feature) {
        return Optional.ofNullable(overrides.get(new OverrideId(workspaceId, Objects.requireNonNull(feature, "feature"))));
    }

    @Override
    public void saveOverride(LimitOverride override) {
        Objects.requireNonNull(override, "override");
        overrides.put(new OverrideId(override.workspaceId(), override.feature()), override);
    }

    @Override
    public void deleteOverride(long workspaceId, String feature) {
        overrides.remove(new OverrideId(workspaceId, Objects.requireNonNull(feature, "feature")));
    }

    @Override
    public List<LimitOverride> overrides(long workspaceId) {
        return overrides.values().stream()
                .filter(o -> o.workspaceId() == workspaceId)
                .sorted(Comparator.comparing(LimitOverride::feature))
                .toList();
    }

    @Override
    public long adjust(UsageKey key, long delta) {
        Objects.requireNonNull(key, "key");
        AtomicLong counter = counters.computeIfAbsent(key, k -> new AtomicLong());
        return counter.updateAndGet(current -> Math.max(0, Math.addExact(current, delta)));
    }
}
