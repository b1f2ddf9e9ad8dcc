package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.control.AfterCommit;
import dev.gatehouse.rest.platform.control.DomainEvent;
import dev.gatehouse.webhooks.PublishResult;
import dev.gatehouse.webhooks.Webhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Publishes events to webhook endpoints, for the deploying application and for Gatehouse itself.
 * It joins the caller's JTA transaction (or runs in its own): the outbox rows are written with the
 * caller's change, so an event is delivered if and only if that transaction commits. Once it has
 * committed, the delivery worker on this instance is woken so the first attempt starts at once.
 * Publishes through this bean are never batched with other callers' (they belong to the caller's
 * transaction); only the REST endpoint {@code POST /events}, which has no transaction of its own to
 * join, publishes through {@link EventBatches}' group commit.
 *
 * <pre>{@code
 * @Inject EventPublisher events;
 *
 * @Transactional
 * public void publishPost(Post post) {
 *     em.persist(post);
 *     events.publish(post.workspaceId(), "post.created", Map.of("id", post.id(), "title", post.title()));
 * }
 * }</pre>
 */
@ApplicationScoped
@Transactional
public class EventPublisher {

    /** Longest event {@code data}, as serialized JSON text. */
    public static final int MAX_DATA_CHARS = 256 * 1024;

    @Inject
    Webhooks webhooks;

    @Inject
    AfterCommit afterCommit;

    @Inject
    DeliveryWorker worker;

    /**
     * Publishes an event whose data is a map of JSON-compatible values (strings, numbers, booleans,
     * instants, lists, maps).
     *
     * @return the event id, whether it was a duplicate and how many deliveries were queued
     */
    public PublishResult publish(long workspaceId, String type, Map<String, ?> data) {
        return publish(workspaceId, type, Json.object(data).toString(), null);
    }

    /**
     * Publishes an event.
     *
     * @param dataJson      the {@code data} object as JSON text
     * @param eventIdOrNull an id to de-duplicate on ({@code [A-Za-z0-9_-]{1,64}}), or null to generate {@code evt_…}
     * @throws ValidationException naming {@code type}, {@code data} or {@code id}
     */
    public PublishResult publish(long workspaceId, String type, String dataJson, String eventIdOrNull) {
        checkDataSize(dataJson);
        PublishResult result = webhooks.publish(workspaceId, type, dataJson, eventIdOrNull);
        if (result.deliveries() > 0) {
            afterCommit.run(worker::wake);
        }
        return result;
    }

    /** The one limit a publish has beyond the core's checks: {@link #MAX_DATA_CHARS}. */
    static void checkDataSize(String dataJson) {
        if (dataJson != null && dataJson.length() > MAX_DATA_CHARS) {
            throw new ValidationException("data", "must be at most " + MAX_DATA_CHARS + " characters as JSON");
        }
    }

    /**
     * Gatehouse's own events, fired by resources inside their transactions. {@code workspace.deleted}
     * is skipped: the workspace's endpoints, deliveries and events are deleted with it.
     */
    void on(@Observes DomainEvent event) {
        if (event.type().equals(EventTypes.WORKSPACE_DELETED)) {
            return;
        }
        publish(event.workspaceId(), event.type(), event.data());
    }
}
