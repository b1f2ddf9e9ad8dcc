package dev.gatehouse.entitlements;

import java.util.Objects;

/**
 * What {@link UsageStore#recordEvent(UsageKey, RecordedEvent, long)} did with an event.
 *
 * @param event     the stored event: the new one with its {@code totalAfter}, or, for a
 *                  duplicate, the one stored by the first recording of that id
 * @param duplicate true when the workspace already had the event id and nothing was added
 */
public record EventRecording(RecordedEvent event, boolean duplicate) {

    /**
     * Checks the components.
     *
     * @param event the {@code event} component
     * @param duplicate the {@code duplicate} component
     * @throws NullPointerException if {@code event} is null
     */
    public EventRecording {
        Objects.requireNonNull(event, "event");
    }
}
