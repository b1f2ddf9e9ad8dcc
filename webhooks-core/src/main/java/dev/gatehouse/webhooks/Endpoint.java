package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A URL a workspace receives events at, with its subscription, signing secrets and health.
 *
 * <p>{@link #toString()} leaves out both secrets.
 *
 * @param id                      store-assigned id; 0 before insertion
 * @param workspaceId             the owning workspace
 * @param url                     where deliveries are sent
 * @param eventTypes              subscribed patterns: exact types, prefix wildcards ({@code post.*}) or {@code *}
 * @param active                  whether new events are delivered
 * @param secret                  the current signing secret
 * @param previousSecret          the secret before the last rotation, or {@code null}
 * @param previousSecretExpiresAt until when {@code previousSecret} still signs, or {@code null}
 * @param successCount            deliveries answered with 2xx
 * @param failureCount            attempts that failed
 * @param consecutiveFailures     failed attempts since the last success
 * @param lastDeliveryAt          when a delivery last succeeded, or {@code null}
 * @param failingSince            the first failure since the last success, or {@code null}
 * @param disabledReason          why the endpoint was disabled automatically, or {@code null}
 * @param description             free text from the owner, or {@code null}
 * @param createdAt               creation instant
 * @param updatedAt               last configuration change
 */
public record Endpoint(
        long id,
        long workspaceId,
        String url,
        List<String> eventTypes,
        boolean active,
        WebhookSecret secret,
        WebhookSecret previousSecret,
        Instant previousSecretExpiresAt,
        long successCount,
        long failureCount,
        int consecutiveFailures,
        Instant lastDeliveryAt,
        Instant failingSince,
        String disabledReason,
        String description,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Creates an endpoint, copying the event type list.
     *
     * @param id                      store-assigned id; 0 before insertion
     * @param workspaceId             the owning workspace
     * @param url                     where deliveries are sent
     * @param eventTypes              subscribed patterns: exact types, prefix wildcards ({@code post.*}) or {@code *}
     * @param active                  whether new events are delivered
     * @param secret                  the current signing secret
     * @param previousSecret          the secret before the last rotation, or {@code null}
     * @param previousSecretExpiresAt until when {@code previousSecret} still signs, or {@code null}
     * @param successCount            deliveries answered with 2xx
     * @param failureCount            attempts that failed
     * @param consecutiveFailures     failed attempts since the last success
     * @param lastDeliveryAt          when a delivery last succeeded, or {@code null}
     * @param failingSince            the first failure since the last success, or {@code null}
     * @param disabledReason          why the endpoint was disabled automatically, or {@code null}
     * @param description             free text from the owner, or {@code null}
     * @param createdAt               creation instant
     * @param updatedAt               last configuration change
     * @throws NullPointerException when {@code url}, {@code eventTypes}, {@code secret},
     *                              {@code createdAt} or {@code updatedAt} is {@code null}
     */
    public Endpoint {
        Objects.requireNonNull(url, "url");
        eventTypes = List.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Returns the secrets that sign a message sent at {@code now}: the current one, then the
     * previous one while its overlap has not ended.
     *
     * @param now the sending instant
     * @return one or two secrets, current first
     */
    public List<WebhookSecret> signingSecretsAt(Instant now) {
        Objects.requireNonNull(now, "now");
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    /**
     * Returns a copy with another id; stores use it on insertion.
     *
     * @param newId the id
     * @return the copy
     */
    public Endpoint withId(long newId) {
        return new Endpoint(newId, workspaceId, url, eventTypes, active, secret, previousSecret,
                previousSecretExpiresAt, successCount, failureCount, consecutiveFailures, lastDeliveryAt,
                failingSince, disabledReason, description, createdAt, updatedAt);
    }

    Endpoint withSettings(String newUrl, List<String> newEventTypes, String newDescription, Instant now) {
        return new Endpoint(id, workspaceId, newUrl, newEventTypes, active, secret, previousSecret,
                previousSecretExpiresAt, successCount, failureCount, consecutiveFailures, lastDeliveryAt,
                failingSince, disabledReason, newDescription, createdAt, now);
    }

    Endpoint withSecrets(WebhookSecret current, WebhookSecret previous, Instant previousExpiresAt, Instant now) {
        return new Endpoint(id, workspaceId, url, eventTypes, active, current, previous, previousExpiresAt,
                successCount, failureCount, consecutiveFailures, lastDeliveryAt, failingSince, disabledReason,
                description, createdAt, now);
    }

    Endpoint reactivated(Instant now) {
        return new Endpoint(id, workspaceId, url, eventTypes, true, secret, previousSecret,
                previousSecretExpiresAt, successCount, failureCount, 0, lastDeliveryAt, null, null, description,
                createdAt, now);
    }

    Endpoint deactivated(String reason, Instant now) {
        return new Endpoint(id, workspaceId, url, eventTypes, false, secret, previousSecret,
                previousSecretExpiresAt, successCount, failureCount, consecutiveFailures, lastDeliveryAt,
                failingSince, reason, description, createdAt, now);
    }

    /** The same endpoint with other delivery counters; {@link EndpointTally#applyTo} computes them. */
    Endpoint withCounters(long successes, long failures, int consecutive, Instant lastDelivery, Instant failing) {
        return new Endpoint(id, workspaceId, url, eventTypes, active, secret, previousSecret,
                previousSecretExpiresAt, successes, failures, consecutive, lastDelivery, failing, disabledReason,
                description, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("id=" + id);
        parts.add("workspaceId=" + workspaceId);
        parts.add("url=" + url);
        parts.add("eventTypes=" + eventTypes);
        parts.add("active=" + active);
        parts.add("secret=<redacted>");
        parts.add("previousSecret=" + (previousSecret == null ? "null" : "<redacted>"));
        parts.add("previousSecretExpiresAt=" + previousSecretExpiresAt);
        parts.add("successCount=" + successCount);
        parts.add("failureCount=" + failureCount);
        parts.add("consecutiveFailures=" + consecutiveFailures);
        parts.add("lastDeliveryAt=" + lastDeliveryAt);
        parts.add("failingSince=" + failingSince);
        parts.add("disabledReason=" + disabledReason);
        parts.add("description=" + description);
        parts.add("createdAt=" + createdAt);
        parts.add("updatedAt=" + updatedAt);
        return "Endpoint[" + String.join(", ", parts) + "]";
    }
}
