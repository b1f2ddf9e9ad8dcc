package dev.gatehouse.rest.webhooks.boundary;

import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Nullable;
import dev.gatehouse.rest.platform.boundary.Wire.Omitted;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import dev.gatehouse.rest.webhooks.control.JpaWebhookStore;
import dev.gatehouse.rest.webhooks.entity.DeliveryEntity;
import dev.gatehouse.rest.webhooks.entity.EndpointEntity;
import dev.gatehouse.webhooks.DeliveryStatus;
import dev.gatehouse.webhooks.TestResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 001's webhook shapes, as response records (see {@link Wire}). Secrets appear only in
 * {@link EndpointCreated} and {@link SecretRotated}, used by create and rotate.
 */
final class WebhookViews {

    private WebhookViews() {
    }

    @Wire.Schema("WebhookEndpoint")
    record Endpoint(long id, @Doc(format = "uri") String url,
                    @Doc(examples = "[[\"post.created\", \"post.*\"]]") List<String> events,
                    boolean isActive, @Nullable String description, long successCount, long failureCount,
                    int consecutiveFailures, @Nullable Instant lastDeliveryAt, @Nullable String disabledReason,
                    Instant createdAt, Instant updatedAt) {

        static final Set<String> FIELDS = Wire.fields(Endpoint.class);

        static Endpoint from(dev.gatehouse.webhooks.Endpoint e) {
            return new Endpoint(e.id(), e.url(), e.eventTypes(), e.active(), e.description(), e.successCount(),
                    e.failureCount(), e.consecutiveFailures(), e.lastDeliveryAt(), e.disabledReason(), e.createdAt(),
                    e.updatedAt());
        }

        /** From the row, for lists: no secret is decrypted to show a list. */
        static Endpoint from(EndpointEntity e) {
            return new Endpoint(e.id, e.url, e.eventTypes.isEmpty() ? List.of() : Arrays.asList(e.eventTypes.split(" ")),
                    e.active, e.description, e.successCount, e.failureCount, e.consecutiveFailures, e.lastDeliveryAt,
                    e.disabledReason, e.createdAt, e.updatedAt);
        }
    }

    /** The endpoint with its secret placed after {@code events}, as seed 001's create response shows it. */
    @Wire.Schema("WebhookEndpointCreated")
    record EndpointCreated(long id, @Doc(format = "uri") String url,
                           @Doc(examples = "[[\"post.created\", \"post.*\"]]") List<String> events,
                           @Doc("whsec_… — shown in this response only.") String secret,
                           boolean isActive, @Nullable String description, long successCount, long failureCount,
                           int consecutiveFailures, @Nullable Instant lastDeliveryAt, @Nullable String disabledReason,
                           Instant createdAt, Instant updatedAt) {

        static EndpointCreated from(dev.gatehouse.webhooks.Endpoint e, String secret) {
            Endpoint v = Endpoint.from(e);
            return new EndpointCreated(v.id(), v.url(), v.events(), secret, v.isActive(), v.description(),
                    v.successCount(), v.failureCount(), v.consecutiveFailures(), v.lastDeliveryAt(), v.disabledReason(),
                    v.createdAt(), v.updatedAt());
        }

        @Override
        public String toString() {
            return "EndpointCreated[id=" + id + ", secret=***]";
        }
    }

    /** Seed 001's test shapes: success with the response body, failure with the error text. */
    @Wire.Schema("WebhookTestResult")
    record Test(@Required boolean success, @Nullable Long statusCode, @Omitted String error, long responseTimeMs,
                @Omitted Optional<String> responseBody) {

        /** A success always shows the body (null if none); a failure only when there was one. */
        static Test from(TestResult r) {
            return new Test(r.success(), r.statusCode() == null ? null : r.statusCode().longValue(),
                    r.success() ? null : r.error() != null ? r.error() : "Endpoint answered HTTP " + r.statusCode(),
                    r.responseTimeMillis(), r.success() || r.responseBody() != null ? Optional.ofNullable(r.responseBody()) : null);
        }
    }

    @Wire.Schema("WebhookSecretRotated")
    record SecretRotated(long id, @Doc("The new secret, shown once.") String secret, Instant previousSecretExpiresAt) {

        @Override
        public String toString() {
            return "SecretRotated[id=" + id + ", secret=***]";
        }
    }

    @Wire.Schema("WebhookDelivery")
    record Delivery(long id, String eventId, String eventType,
                    @Values(of = DeliveryStatus.class, method = "wireName") String status, @Nullable Long responseCode,
                    int attempt, @Nullable Instant nextRetryAt, @Nullable Instant deliveredAt, Instant createdAt,
                    Instant updatedAt) {

        static final Set<String> FIELDS = Wire.fields(Delivery.class);

        static Delivery from(dev.gatehouse.webhooks.Delivery d) {
            return new Delivery(d.id(), d.eventId(), d.eventType(), d.status().wireName(), code(d.responseCode()),
                    d.attempt(), d.status().isFinal() ? null : d.nextAttemptAt(), d.deliveredAt(), d.createdAt(),
                    d.updatedAt());
        }

        static Delivery from(DeliveryEntity e) {
            return from(JpaWebhookStore.toRecord(e));
        }
    }

    /** One delivery with the body it sends and every attempt, oldest first. */
    @Wire.Schema("WebhookDeliveryDetail")
    record DeliveryDetail(long id, String eventId, String eventType,
                          @Values(of = DeliveryStatus.class, method = "wireName") String status,
                          @Nullable Long responseCode, int attempt, @Nullable Instant nextRetryAt,
                          @Nullable Instant deliveredAt, Instant createdAt, Instant updatedAt, long endpointId,
                          @Doc("The exact body sent: type, timestamp, data.") JsonObject payload, List<Attempt> attempts) {

        static DeliveryDetail from(dev.gatehouse.webhooks.Delivery d, List<dev.gatehouse.webhooks.Attempt> attempts) {
            Delivery v = Delivery.from(d);
            return new DeliveryDetail(v.id(), v.eventId(), v.eventType(), v.status(), v.responseCode(), v.attempt(),
                    v.nextRetryAt(), v.deliveredAt(), v.createdAt(), v.updatedAt(), d.endpointId(), parse(d.payload()),
                    attempts.stream().map(Attempt::from).toList());
        }
    }

    @Wire.Schema("WebhookAttempt")
    record Attempt(int attempt, Instant startedAt, @Nullable Long responseCode, long responseTimeMs,
                   @Nullable String responseBody, @Nullable String error) {

        static Attempt from(dev.gatehouse.webhooks.Attempt a) {
            return new Attempt(a.number(), a.startedAt(), code(a.responseCode()), a.durationMillis(), a.responseBody(),
                    a.error());
        }
    }

    @Wire.Schema("WebhookDeliveryRetried")
    record Retried(long id, @Values("pending") String status, int attempt) {

        static Retried from(dev.gatehouse.webhooks.Delivery d) {
            // The attempt this retry makes, as seed 001 shows it (attempt 2 retried -> 3).
            return new Retried(d.id(), DeliveryStatus.PENDING.wireName(), d.attempt() + 1);
        }
    }

    /** One subscribable event type. */
    record EventType(String type, String description, @Doc("gatehouse or app") String source) {
    }

    /** {@code POST /events}: what publishing queued. */
    record EventAccepted(String id, String type, boolean duplicate, int deliveries) {
    }

    private static Long code(Integer responseCode) {
        return responseCode == null ? null : responseCode.longValue();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
