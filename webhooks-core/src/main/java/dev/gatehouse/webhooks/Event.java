package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in a workspace, recorded once so that publishing the same event id
 * twice does not deliver it twice.
 *
 * @param id          the event id, unique per workspace; {@code evt_} plus 24 base62 characters
 *                    when generated
 * @param workspaceId the workspace the event belongs to
 * @param type        the event type, for example {@code post.created}
 * @param dataJson    the event data as already-serialized JSON text; the core never parses it
 * @param occurredAt  when the event was published
 */
public record Event(String id, long workspaceId, String type, String dataJson, Instant occurredAt) {

    /**
     * Creates an event.
     *
     * @param id          the event id, unique per workspace; {@code evt_} plus 24 base62 characters
     *                    when generated
     * @param workspaceId the workspace the event belongs to
     * @param type        the event type, for example {@code post.created}
     * @param dataJson    the event data as already-serialized JSON text; the core never parses it
     * @param occurredAt  when the event was published
     * @throws NullPointerException when a component is {@code null}
     */
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dataJson, "dataJson");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
