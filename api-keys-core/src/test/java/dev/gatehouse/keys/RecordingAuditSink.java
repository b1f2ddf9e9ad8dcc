package dev.gatehouse.keys;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AuditSink} that keeps every event in memory, for assertions. */
public final class RecordingAuditSink implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    /** Creates an empty sink. */
    public RecordingAuditSink() {
    }

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    /**
     * Returns every event recorded so far.
     *
     * @return the events in order
     */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Returns the events of one type.
     *
     * @param type such as {@code api_key.created}
     * @return the matching events in order
     */
    public List<AuditEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Forgets every event. */
    public void clear() {
        events.clear();
    }
}
