package dev.gatehouse.webhooks;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return publishAll(List.of(new PublishRequest(workspaceId, type, dataJson, eventIdOrNull))).get(0);
    }

    /**
     * Publishes in order, as {@link #publish} one after another in one transaction would: an id
     * repeated in {@code requests} is inserted once and its later publishes are duplicates. The
     * events go to the store in one call, each workspace's active endpoints are read once, and all
     * the deliveries are inserted in one call, so a batch costs the store three calls, not three
     * per event.
     */
    List<PublishResult> publishAll(List<PublishRequest> requests) {
        for (PublishRequest r : requests) {
            check(r.type(), r.dataJson(), r.eventIdOrNull());
        }
        Instant now = Webhooks.now(clock);
        List<Event> events = new ArrayList<>(requests.size());
        for (PublishRequest r : requests) {
            String eventId = r.eventIdOrNull() != null ? r.eventIdOrNull() : EventIds.generate(random);
            events.add(new Event(eventId, r.workspaceId(), r.type(), r.dataJson(), now));
        }
        boolean[] inserted = store.insertEventsIfAbsent(events);
        Instant due = retrySchedule.nextAttemptAt(0, now, Optional.empty()).orElse(now);
        Map<Long, List<Endpoint>> endpoints = new HashMap<>();
        List<Delivery> deliveries = new ArrayList<>();
        List<PublishResult> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (!inserted[i]) {
                results.add(new PublishResult(e.id(), true, 0));
                continue;
            }
            String payload = envelope(e.type(), now, e.dataJson());
            int queued = 0;
            for (Endpoint endpoint : endpoints.computeIfAbsent(e.workspaceId(), store::activeEndpointsFor)) {
                if (subscribes(endpoint, e.type())) {
                    deliveries.add(new Delivery(0, endpoint.id(), e.workspaceId(), e.id(), e.type(), payload,
                            DeliveryStatus.PENDING, 0, null, due, null, null, 0, now, now));
                    queued++;
                }
            }
            results.add(new PublishResult(e.id(), false, queued));
        }
        if (!deliveries.isEmpty()) {
            store.insertDeliveries(deliveries);
        }
        return results;
    }

    /** Checks a publish's arguments, every bad one at once, before anything is written. */
    static void check(String type, String dataJson, String eventIdOrNull) {
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
