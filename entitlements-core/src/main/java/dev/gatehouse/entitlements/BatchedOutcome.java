package dev.gatehouse.entitlements;

import java.util.Objects;

/**
 * What {@link UsageStore#recordBatch} did with one {@link BatchedUsage}.
 *
 * @param status what happened
 * @param total  {@link Status#ADDED}: the counter's total right after this add;
 *               {@link Status#REFUSED}: the total that refused it (unchanged by it);
 *               {@link Status#DUPLICATE}: the first recording's total
 * @param event  the stored event for an {@code ADDED} recording with an event, the first
 *               recording's event for a {@code DUPLICATE}; null otherwise
 */
public record BatchedOutcome(Status status, long total, RecordedEvent event) {

    /** What happened to one recording. */
    public enum Status {
        /** The quantity was added (and the event stored). */
        ADDED,
        /** The add would have passed the cap: nothing was changed or stored. */
        REFUSED,
        /** The workspace already had the event id: nothing was added. */
        DUPLICATE
    }

    /**
     * Checks the components.
     *
     * @param status the {@code status} component
     * @param total the {@code total} component
     * @param event the {@code event} component
     * @throws NullPointerException if {@code status} is null, or {@code event} is null for a duplicate
     */
    public BatchedOutcome {
        Objects.requireNonNull(status, "status");
        if (status == Status.DUPLICATE) {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * An accepted add.
     *
     * @param total the new total
     * @param event the stored event, or null
     * @return the outcome
     */
    public static BatchedOutcome added(long total, RecordedEvent event) {
        return new BatchedOutcome(Status.ADDED, total, event);
    }

    /**
     * A refused add.
     *
     * @param total the total that refused it
     * @return the outcome
     */
    public static BatchedOutcome refused(long total) {
        return new BatchedOutcome(Status.REFUSED, total, null);
    }

    /**
     * A repeated event id.
     *
     * @param first the event stored by the first recording of that id
     * @return the outcome
     */
    public static BatchedOutcome duplicate(RecordedEvent first) {
        return new BatchedOutcome(Status.DUPLICATE, first.totalAfter(), first);
    }
}
