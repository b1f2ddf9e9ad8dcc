package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.commit.GroupCommitter;
import dev.gatehouse.rest.platform.control.GroupCommitTransactions;
import dev.gatehouse.webhooks.PublishRequest;
import dev.gatehouse.webhooks.PublishResult;
import dev.gatehouse.webhooks.Webhooks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Publishes the REST endpoint's events ({@code POST /events}) in group commits: concurrent
 * publishes are collected by one writer thread per instance and written in ONE transaction per
 * batch — one commit, one WAL flush on PostgreSQL, for many events — and each caller is answered
 * only after the batch holding its event committed, so an acknowledged event is never lost.
 *
 * <p>Exact as publishing one by one: a batch runs through {@link Webhooks#publishAll} in arrival
 * order in its transaction, so an event id sent twice in one batch is inserted once and the second
 * caller gets {@code duplicate: true} with no deliveries; and cheap: a batch's events are one JDBC
 * batch, its workspaces' endpoints are read once each, its deliveries are one JDBC batch. Bad input is refused on the caller's thread before it
 * joins a batch. If a batch fails before its commit it is rolled back and each publish runs again
 * alone, so one bad publish fails only its caller; if the commit itself fails, every caller of the
 * batch gets {@code CommitOutcomeUnknownException} (a 500 saying so; retrying with the same id is
 * safe). A full queue or a closed committer (shutting down) publishes on the caller's thread in a
 * transaction of its own. The delivery worker is woken once the caller's event is committed.
 *
 * <p>Only publishes with no transaction of their own come here: {@link EventPublisher} (the
 * deploying app's events, Gatehouse's own {@code DomainEvent}s) joins its caller's transaction and
 * is never batched. Settings {@code gatehouse.webhooks.group-commit.*} ({@link WebhookSettings}):
 * {@code enabled} (true; false publishes each in a transaction of its own), {@code max-batch}
 * (256), {@code window-micros} (2000), {@code queue-capacity} (8192).
 */
@ApplicationScoped
public class EventBatches {

    private static final Logger LOG = Logger.getLogger(EventBatches.class.getName());

    @Inject
    Webhooks webhooks;

    @Inject
    EventPublisher publisher;

    @Inject
    DeliveryWorker worker;

    @Inject
    WebhookSettings settings;

    @Inject
    GroupCommitTransactions transactions;

    @Resource
    ManagedThreadFactory threads;

    private GroupCommitter<PublishRequest, PublishResult> committer;

    @PostConstruct
    void init() {
        if (!settings.groupCommit()) {
            LOG.info("Publishing group commit is off (gatehouse.webhooks.group-commit.enabled=false):"
                    + " one transaction per POST /events");
            return;
        }
        GroupCommitter.Builder<PublishRequest, PublishResult> builder = GroupCommitter
                .builder("gatehouse-publish-group-commit", webhooks::publishAll)
                .transactions(transactions);
        if (threads != null) {
            builder.threadFactory(threads);
        }
        committer = settings.configure(builder).build();
    }

    /**
     * Publishes an event, committed before it returns; must be called outside any transaction.
     *
     * @param dataJson      the {@code data} object as JSON text
     * @param eventIdOrNull an id to de-duplicate on, or null to generate {@code evt_…}
     * @return the event id, whether it was a duplicate and how many deliveries were queued
     */
    public PublishResult publish(long workspaceId, String type, String dataJson, String eventIdOrNull) {
        if (committer == null) {
            return publisher.publish(workspaceId, type, dataJson, eventIdOrNull); // its own transaction
        }
        EventPublisher.checkDataSize(dataJson);
        webhooks.checkPublish(type, dataJson, eventIdOrNull);
        PublishResult result = committer.submit(new PublishRequest(workspaceId, type, dataJson, eventIdOrNull));
        if (result.deliveries() > 0) {
            worker.wake(); // committed: the deliveries are there for the worker to claim
        }
        return result;
    }

    /** Commits what is queued and stops the writer; later publishes run on their callers' threads. */
    @PreDestroy
    void close() {
        if (committer != null) {
            committer.close();
        }
    }
}
