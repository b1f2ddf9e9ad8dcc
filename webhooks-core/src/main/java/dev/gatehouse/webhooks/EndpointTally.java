package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * What a batch of sends did to one endpoint, applied by the store as increments in the same step
 * as the deliveries' outcomes, so concurrent workers never lose a count (no read-modify-write of
 * the endpoint). {@link #applyTo(Endpoint)} is the reference meaning every store follows.
 *
 * <p>The sends are taken in the order they finished: {@code trailingFailures} counts the failures
 * after the batch's last success (all of them when there was none) and {@code failingSince} is
 * when the first of those started.
 *
 * @param endpointId       the endpoint
 * @param successes        2xx answers in the batch
 * @param failures         other answers and errors in the batch
 * @param trailingFailures failures after the batch's last success, or all failures without one
 * @param failingSince     start of the first trailing failure; {@code null} when there is none
 * @param lastSuccessAt    when the batch's last success finished; {@code null} without one
 * @param disableReason    why the endpoint is to be disabled now (410 Gone, failing too long), or
 *                         {@code null}
 * @param at               when the batch was recorded; the update time of a disabled endpoint
 */
public record EndpointTally(
        long endpointId,
        int successes,
        int failures,
        int trailingFailures,
        Instant failingSince,
        Instant lastSuccessAt,
        String disableReason,
        Instant at) {

    /**
     * Creates a tally.
     *
     * @throws IllegalArgumentException when counts are negative or inconsistent
     * @throws NullPointerException     when {@code at} is {@code null}
     */
    public EndpointTally {
        Objects.requireNonNull(at, "at");
        if (successes < 0 || failures < 0 || trailingFailures < 0 || trailingFailures > failures) {
            throw new IllegalArgumentException("inconsistent tally: " + successes + " successes, " + failures
                    + " failures, " + trailingFailures + " trailing");
        }
        if ((trailingFailures > 0) != (failingSince != null)) {
            throw new IllegalArgumentException("failingSince must be set exactly when there are trailing failures");
        }
        if ((successes > 0) != (lastSuccessAt != null)) {
            throw new IllegalArgumentException("lastSuccessAt must be set exactly when there are successes");
        }
    }

    /**
     * Applies the tally to a stored endpoint: counts add up; a batch with a success sets the
     * failure streak to its trailing failures (ending it when there are none), one without adds to
     * the streak and keeps an earlier {@code failingSince}. A disable reason deactivates an active
     * endpoint.
     *
     * @param endpoint the endpoint as stored
     * @return the endpoint to store
     */
    public Endpoint applyTo(Endpoint endpoint) {
        if (endpoint.id() != endpointId) {
            throw new IllegalArgumentException("tally of endpoint " + endpointId + " applied to " + endpoint.id());
        }
        Endpoint counted;
        if (successes > 0) {
            counted = endpoint.withCounters(endpoint.successCount() + successes, endpoint.failureCount() + failures,
                    trailingFailures, lastSuccessAt, failingSince);
        } else {
            counted = endpoint.withCounters(endpoint.successCount(), endpoint.failureCount() + failures,
                    endpoint.consecutiveFailures() + trailingFailures, endpoint.lastDeliveryAt(),
                    endpoint.failingSince() != null ? endpoint.failingSince() : failingSince);
        }
        return disableReason != null && counted.active() ? counted.deactivated(disableReason, at) : counted;
    }
}
