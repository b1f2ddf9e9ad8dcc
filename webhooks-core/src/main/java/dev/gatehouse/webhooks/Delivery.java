package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one endpoint.
 *
 * @param id            store-assigned id; 0 before insertion
 * @param endpointId    the target endpoint
 * @param workspaceId   the owning workspace
 * @param eventId       the event id, sent as {@code webhook-id} on every attempt
 * @param eventType     the event type
 * @param payload       the exact request body, {@code {"type":…,"timestamp":…,"data":…}}, fixed at
 *                      publish time so every attempt sends the same bytes
 * @param status        where the delivery stands
 * @param attempt       how many attempts were made
 * @param responseCode  the HTTP status of the last attempt, or {@code null}
 * @param nextAttemptAt when the next attempt is due, or {@code null} in a final state
 * @param deliveredAt   when it succeeded, or {@code null}
 * @param leaseUntil    until when a worker holds it, or {@code null}
 * @param manualRetries how many times it was retried by hand
 * @param createdAt     creation instant
 * @param updatedAt     last change
 */
public record Delivery(
        long id,
        long endpointId,
        long workspaceId,
        String eventId,
        String eventType,
        String payload,
        DeliveryStatus status,
        int attempt,
        Integer responseCode,
        Instant nextAttemptAt,
        Instant deliveredAt,
        Instant leaseUntil,
        int manualRetries,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Creates a delivery.
     *
     * @param id            store-assigned id; 0 before insertion
     * @param endpointId    the target endpoint
     * @param workspaceId   the owning workspace
     * @param eventId       the event id, sent as {@code webhook-id} on every attempt
     * @param eventType     the event type
     * @param payload       the exact request body, {@code {"type":…,"timestamp":…,"data":…}}, fixed at
     *                      publish time so every attempt sends the same bytes
     * @param status        where the delivery stands
     * @param attempt       how many attempts were made
     * @param responseCode  the HTTP status of the last attempt, or {@code null}
     * @param nextAttemptAt when the next attempt is due, or {@code null} in a final state
     * @param deliveredAt   when it succeeded, or {@code null}
     * @param leaseUntil    until when a worker holds it, or {@code null}
     * @param manualRetries how many times it was retried by hand
     * @param createdAt     creation instant
     * @param updatedAt     last change
     * @throws NullPointerException when {@code eventId}, {@code eventType}, {@code payload},
     *                              {@code status}, {@code createdAt} or {@code updatedAt} is {@code null}
     */
    public Delivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Returns a copy with another id; stores use it on insertion.
     *
     * @param newId the id
     * @return the copy
     */
    public Delivery withId(long newId) {
        return new Delivery(newId, endpointId, workspaceId, eventId, eventType, payload, status, attempt,
                responseCode, nextAttemptAt, deliveredAt, leaseUntil, manualRetries, createdAt, updatedAt);
    }

    /**
     * Returns a copy held by a worker until {@code until}; stores use it when claiming.
     *
     * @param until the end of the lease
     * @return the copy
     */
    public Delivery withLease(Instant until) {
        return new Delivery(id, endpointId, workspaceId, eventId, eventType, payload, status, attempt,
                responseCode, nextAttemptAt, deliveredAt, until, manualRetries, createdAt, updatedAt);
    }

    Delivery afterAttempt(DeliveryStatus newStatus, int attempts, Integer code, Instant next, Instant delivered,
            Instant now) {
        return new Delivery(id, endpointId, workspaceId, eventId, eventType, payload, newStatus, attempts, code,
                next, delivered, null, manualRetries, createdAt, now);
    }

    Delivery failedWithoutSending(Instant now) {
        return new Delivery(id, endpointId, workspaceId, eventId, eventType, payload, DeliveryStatus.FAILED,
                attempt, responseCode, null, deliveredAt, null, manualRetries, createdAt, now);
    }

    Delivery requeued(Instant now) {
        return new Delivery(id, endpointId, workspaceId, eventId, eventType, payload, DeliveryStatus.PENDING,
                attempt, responseCode, now, deliveredAt, leaseUntil, manualRetries + 1, createdAt, now);
    }
}
