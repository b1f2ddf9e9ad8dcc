package dev.gatehouse.webhooks;

import java.util.List;
import java.util.Objects;

/**
 * What {@link WebhookStore#recordOutcomes} wrote.
 *
 * @param recorded             the outcomes whose delivery still existed, in the given order, with
 *                             their attempts' ids assigned
 * @param disabledEndpointIds  the endpoints this call deactivated (they were active before it),
 *                             by ascending id
 */
public record RecordedOutcomes(List<DeliveryOutcome> recorded, List<Long> disabledEndpointIds) {

    /**
     * Creates a result.
     *
     * @throws NullPointerException when a list is {@code null}
     */
    public RecordedOutcomes {
        recorded = List.copyOf(Objects.requireNonNull(recorded, "recorded"));
        disabledEndpointIds = List.copyOf(Objects.requireNonNull(disabledEndpointIds, "disabledEndpointIds"));
    }
}
