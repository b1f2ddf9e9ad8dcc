package dev.gatehouse.entitlements;

import java.time.Instant;
import java.util.Objects;

/**
 * A usage recording that carried an event id, kept so that a retry with the same id returns the
 * first result instead of counting again.
 *
 * @param workspaceId  the workspace; event ids are unique per workspace
 * @param eventId      the caller's idempotency id, {@code [A-Za-z0-9_.:-]{1,128}}
 * @param feature      the feature key
 * @param quantity     the quantity added
 * @param totalAfter   the counter's total right after this event was added
 * @param recordedAt   when it was recorded
 * @param metadataJson the caller's metadata as JSON text, stored verbatim, or null
 */
public record RecordedEvent(long workspaceId, String eventId, String feature, long quantity, long totalAfter,
                            Instant recordedAt, String metadataJson) {

    /**
     * Checks the components.
     *
     * @param workspaceId the {@code workspaceId} component
     * @param eventId the {@code eventId} component
     * @param feature the {@code feature} component
     * @param quantity the {@code quantity} component
     * @param totalAfter the {@code totalAfter} component
     * @param recordedAt the {@code recordedAt} component
     * @param metadataJson the {@code metadataJson} component
     * @throws NullPointerException if {@code eventId}, {@code feature} or {@code recordedAt} is null
     */
    public RecordedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /**
     * A copy with another total, for stores that learn the total only when the usage is added.
     *
     * @param total the counter's total right after this event
     * @return the copy
     */
    public RecordedEvent withTotalAfter(long total) {
        return new RecordedEvent(workspaceId, eventId, feature, quantity, total, recordedAt, metadataJson);
    }
}
