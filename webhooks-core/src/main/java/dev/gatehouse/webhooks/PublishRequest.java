package dev.gatehouse.webhooks;

/**
 * One event to publish, as {@link Webhooks#publish} takes it: for {@link Webhooks#publishAll}.
 *
 * @param workspaceId   the workspace the event belongs to
 * @param type          the event type, for example {@code post.created}
 * @param dataJson      the event data as serialized JSON, embedded verbatim as {@code data}
 * @param eventIdOrNull an id for de-duplication, {@code [A-Za-z0-9_-]{1,64}}, or {@code null} to
 *                      generate {@code evt_…}
 */
public record PublishRequest(long workspaceId, String type, String dataJson, String eventIdOrNull) {
}
