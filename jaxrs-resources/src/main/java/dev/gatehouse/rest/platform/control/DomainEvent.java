package dev.gatehouse.rest.platform.control;

import java.util.Map;

/**
 * Something that happened in a workspace that subscribers may want to hear about
 * ({@code api_key.created}, {@code workspace.updated}, …). Resources fire it as a synchronous CDI
 * event inside their transaction; the webhooks integration observes it and writes the outbox rows
 * in that same transaction, so an event is delivered if and only if the change commits.
 *
 * @param workspaceId the workspace it happened in
 * @param type        the event type, e.g. {@code api_key.created}
 * @param data        the event's {@code data} object; never a secret
 */
public record DomainEvent(long workspaceId, String type, Map<String, Object> data) {

    public DomainEvent {
        // Not Map.copyOf: data may hold nulls ("user_id": null) and its order is what subscribers see.
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
