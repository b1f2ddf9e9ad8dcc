package dev.gatehouse.entitlements;

import java.util.Objects;

/**
 * One recording of a batch handed to {@link UsageStore#recordBatch}: what {@link UsageStore#tryAdd}
 * (no event) or {@link UsageStore#recordEvent} (with an event) would be called with.
 *
 * @param key                the counter
 * @param quantity           the amount to add, at least 1
 * @param maxTotalOrMinusOne the largest total allowed after the add, or {@code -1} for no cap
 * @param event              the event to store exactly once (its {@code totalAfter} is ignored), or
 *                           null for a recording that counts every time
 */
public record BatchedUsage(UsageKey key, long quantity, long maxTotalOrMinusOne, RecordedEvent event) {

    /**
     * Checks the components.
     *
     * @param key the {@code key} component
     * @param quantity the {@code quantity} component
     * @param maxTotalOrMinusOne the {@code maxTotalOrMinusOne} component
     * @param event the {@code event} component
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if the quantity is below 1, the cap below -1, or the event
     *                                  belongs to another workspace, feature or quantity
     */
    public BatchedUsage {
        Objects.requireNonNull(key, "key");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1 but was " + quantity);
        }
        if (maxTotalOrMinusOne < -1) {
            throw new IllegalArgumentException("maxTotalOrMinusOne must be >= -1 but was " + maxTotalOrMinusOne);
        }
        if (event != null && (event.workspaceId() != key.workspaceId() || !event.feature().equals(key.feature())
                || event.quantity() != quantity)) {
            throw new IllegalArgumentException("event " + event.eventId() + " does not belong to counter " + key
                    + " and quantity " + quantity);
        }
    }
}
