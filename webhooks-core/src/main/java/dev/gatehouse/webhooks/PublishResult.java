package dev.gatehouse.webhooks;

/**
 * The outcome of publishing an event.
 *
 * @param eventId    the event id, generated or as given
 * @param duplicate  {@code true} when the workspace already had this event id, in which case
 *                   nothing new was queued
 * @param deliveries how many deliveries were queued
 */
public record PublishResult(String eventId, boolean duplicate, int deliveries) {
}
