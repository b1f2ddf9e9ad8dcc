package dev.gatehouse.webhooks;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishing behind {@link Webhooks#publish}: the event and one delivery per subscribed active
 * endpoint, written through the store only, so a transactional store commits them with the
 * caller's change (a transactional outbox).
 */
final class Outbox {

    private final WebhookStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final RetrySchedule retrySchedule;

    Outbox(WebhookStore store, Clock clock, SecureRandom random, RetrySchedule retrySchedule) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.retrySchedule = retrySchedule;
    }

    PublishResult publish(long workspaceId, String type, String dataJson, String eventIdOrNull) {
        FieldErrors errors = new FieldErrors();
        if (!EventFilter.isValidType(type)) {
            errors.add("type", "must be lowercase dot-separated words such as post.created");
        }
        if (dataJson == null || dataJson.isBlank()) {
            errors.add("data", "is required");
        }
        if (eventIdOrNull != null && !EventIds.isValid(eventIdOrNull)) {
            errors.add("id", "must be 1 to 64 letters, digits, underscores or hyphens");
        }
        errors.throwIfAny();
        String eventId = eventIdOrNull != null ? eventIdOrNull : EventIds.generate(random);
        Instant now = Webhooks.now(clock);
        if (!store.insertEventIfAbsent(new Event(eventId, workspaceId, type, dataJson, now))) {
            return new PublishResult(eventId, true, 0);
        }
        String payload = envelope(type, now, dataJson);
        Instant due = retrySchedule.nextAttemptAt(0, now, Optional.empty()).orElse(now);
        List<Delivery> deliveries = new ArrayList<>();
        for (Endpoint endpoint : store.activeEndpointsFor(workspaceId)) {
            if (subscribes(endpoint, type)) {
                deliveries.add(new Delivery(0, endpoint.id(), workspaceId, eventId, type, payload,
                        DeliveryStatus.PENDING, 0, null, due, null, null, 0, now, now));
            }
        }
        if (!deliveries.isEmpty()) {
            store.insertDeliveries(deliveries);
        }
        return new PublishResult(eventId, false, deliveries.size());
    }

    /** The request body: built once at publish time so every attempt sends identical bytes. */
    static String envelope(String type, Instant timestamp, String dataJson) {
        return new StringBuilder(dataJson.length() + type.length() + 64)
                .append("{\"type\":\"").append(type)
                .append("\",\"timestamp\":\"").append(timestamp)
                .append("\",\"data\":").append(dataJson)
                .append('}')
                .toString();
    }

    private static boolean subscribes(Endpoint endpoint, String type) {
        try {
            return EventFilter.of(endpoint.eventTypes()).matches(type);
        } catch (ValidationException storedPatternInvalid) {
            return false;
        }
    }
}
