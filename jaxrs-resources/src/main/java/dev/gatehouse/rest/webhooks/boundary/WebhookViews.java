package dev.gatehouse.rest.webhooks.boundary;

import dev.gatehouse.rest.webhooks.control.JpaWebhookStore;
import dev.gatehouse.rest.webhooks.entity.DeliveryEntity;
import dev.gatehouse.rest.webhooks.entity.EndpointEntity;
import dev.gatehouse.webhooks.Attempt;
import dev.gatehouse.webhooks.Delivery;
import dev.gatehouse.webhooks.DeliveryStatus;
import dev.gatehouse.webhooks.Endpoint;
import dev.gatehouse.webhooks.TestResult;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Seed 001's webhook shapes. Secrets appear only in {@link #withSecret}, used by create and rotate. */
final class WebhookViews {

    static final Set<String> ENDPOINT_FIELDS = Set.of("id", "url", "events", "is_active", "description",
            "success_count", "failure_count", "consecutive_failures", "last_delivery_at", "disabled_reason",
            "created_at", "updated_at");

    static final Set<String> DELIVERY_FIELDS = Set.of("id", "event_id", "event_type", "status", "response_code",
            "attempt", "next_retry_at", "delivered_at", "created_at", "updated_at");

    private WebhookViews() {
    }

    static Map<String, Object> endpoint(Endpoint e) {
        return endpoint(e.id(), e.url(), e.eventTypes(), e.active(), e.description(), e.successCount(), e.failureCount(),
                e.consecutiveFailures(), e.lastDeliveryAt(), e.disabledReason(), e.createdAt(), e.updatedAt());
    }

    /** From the row, for lists: no secret is decrypted to show a list. */
    static Map<String, Object> endpoint(EndpointEntity e) {
        return endpoint(e.id, e.url, e.eventTypes.isEmpty() ? List.of() : Arrays.asList(e.eventTypes.split(" ")),
                e.active, e.description, e.successCount, e.failureCount, e.consecutiveFailures, e.lastDeliveryAt,
                e.disabledReason, e.createdAt, e.updatedAt);
    }

    private static Map<String, Object> endpoint(long id, String url, List<String> events, boolean active,
            String description, long successes, long failures, int consecutive, Instant lastDelivery,
            String disabledReason, Instant createdAt, Instant updatedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("url", url);
        m.put("events", events);
        m.put("is_active", active);
        m.put("description", description);
        m.put("success_count", successes);
        m.put("failure_count", failures);
        m.put("consecutive_failures", consecutive);
        m.put("last_delivery_at", lastDelivery);
        m.put("disabled_reason", disabledReason);
        m.put("created_at", createdAt);
        m.put("updated_at", updatedAt);
        return m;
    }

    /** The endpoint with its secret placed after {@code events}, as seed 001's create response shows it. */
    static Map<String, Object> withSecret(Endpoint e, String secret) {
        Map<String, Object> m = new LinkedHashMap<>();
        endpoint(e).forEach((k, v) -> {
            m.put(k, v);
            if (k.equals("events")) {
                m.put("secret", secret);
            }
        });
        return m;
    }

    static Map<String, Object> delivery(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("event_id", d.eventId());
        m.put("event_type", d.eventType());
        m.put("status", d.status().wireName());
        m.put("response_code", d.responseCode());
        m.put("attempt", d.attempt());
        m.put("next_retry_at", d.status().isFinal() ? null : d.nextAttemptAt());
        m.put("delivered_at", d.deliveredAt());
        m.put("created_at", d.createdAt());
        m.put("updated_at", d.updatedAt());
        return m;
    }

    static Map<String, Object> delivery(DeliveryEntity e) {
        return delivery(JpaWebhookStore.toRecord(e));
    }

    /** One delivery with the body it sends and every attempt, oldest first. */
    static Map<String, Object> deliveryDetail(Delivery d, List<Attempt> attempts) {
        Map<String, Object> m = delivery(d);
        m.put("endpoint_id", d.endpointId());
        m.put("payload", parse(d.payload()));
        m.put("attempts", attempts.stream().map(WebhookViews::attempt).toList());
        return m;
    }

    static Map<String, Object> attempt(Attempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", a.number());
        m.put("started_at", a.startedAt());
        m.put("response_code", a.responseCode());
        m.put("response_time_ms", a.durationMillis());
        m.put("response_body", a.responseBody());
        m.put("error", a.error());
        return m;
    }

    /** Seed 001's test shapes: success with the response body, failure with the error text. */
    static Map<String, Object> test(TestResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", r.success());
        m.put("status_code", r.statusCode());
        if (!r.success()) {
            m.put("error", r.error() != null ? r.error() : "Endpoint answered HTTP " + r.statusCode());
        }
        m.put("response_time_ms", r.responseTimeMillis());
        if (r.success() || r.responseBody() != null) {
            m.put("response_body", r.responseBody());
        }
        return m;
    }

    static Map<String, Object> retried(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("status", DeliveryStatus.PENDING.wireName());
        // The attempt this retry makes, as seed 001 shows it (attempt 2 retried -> 3).
        m.put("attempt", d.attempt() + 1);
        return m;
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
