package dev.gatehouse.webhooks;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Outbound webhooks: endpoint management, publishing events into a transactional outbox of
 * deliveries, and the worker step that sends due deliveries with Standard Webhooks signatures,
 * retries them on a schedule and disables endpoints that keep failing.
 *
 * <p>Every method is a short sequence of {@link WebhookStore} calls, so {@link #publish} joins the
 * caller's transaction when the store does. {@link #deliverDue(int)} or {@link #deliverWhile} is
 * meant to be called periodically by one or more workers; the store's claim with a lease keeps two workers from
 * sending the same delivery at the same time, and delivery is at least once: a worker that dies
 * after sending but before recording leaves the delivery to be sent again when its lease ends.
 * Receivers de-duplicate on the {@code webhook-id} header, which is the event id on every attempt.
 *
 * <p>Endpoint counters change only through {@link EndpointTally tallies} the store applies as
 * increments together with the deliveries' outcomes, so concurrent workers never lose a count. The
 * failure streak and {@code failingSince} are set from each batch's last sends: with two workers
 * finishing sends to one endpoint at the same moment, the later commit decides them.
 *
 * <p>Instances are thread-safe when the store and sender are. Build one with {@link #builder()}.
 * Behind the facade, package-private classes each own one seam: {@code EndpointRegistry} the
 * endpoint rules, {@code Outbox} publishing, {@code DeliveryPump} the claim-send-record loop with
 * {@code SignedSender}, {@code OutcomeRecorder} and {@code EndpointHealth}.
 */
public final class Webhooks {

    /** Most event type patterns one endpoint may subscribe to. */
    public static final int MAX_EVENT_TYPES = 100;

    /** Longest endpoint description, in characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /** Event type of {@link #testEndpoint(long, long)} sends. */
    public static final String TEST_EVENT_TYPE = "webhook.test";

    /** Reason recorded when an endpoint answers 410 Gone. */
    public static final String GONE_REASON = "endpoint answered 410 Gone";

    /** How often a pass looks for newly due deliveries while its sends are in flight. */
    static final long RECLAIM_MILLIS = 50;

    /** Added to twice the attempt timeout to make a claim's lease. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final WebhookStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final int maxManualRetries;
    private final SignedSender signed;
    private final EndpointRegistry endpoints;
    private final Outbox outbox;
    private final EndpointHealth health;
    private final DeliveryPump pump;

    private Webhooks(Builder builder) {
        this.store = builder.store;
        this.clock = builder.clock;
        this.random = builder.random;
        this.maxManualRetries = builder.maxManualRetries;
        WebhookSender sender = builder.sender != null ? builder.sender : new HttpClientSender(builder.urlPolicy, clock);
        RetrySchedule retrySchedule = builder.retrySchedule != null
                ? builder.retrySchedule
                : RetrySchedule.standard().withJitter(RetrySchedule.DEFAULT_JITTER, random);
        this.signed = new SignedSender(sender, builder.attemptTimeout);
        this.endpoints = new EndpointRegistry(store, clock, random, builder.urlPolicy, builder.secretOverlap);
        this.outbox = new Outbox(store, clock, random, retrySchedule);
        this.health = new EndpointHealth(store, clock, builder.disableAfter, builder.listener);
        this.pump = new DeliveryPump(store, clock, signed, new OutcomeRecorder(store, clock, retrySchedule, health),
                builder.executor, builder.maxConcurrentSends, builder.attemptTimeout);
    }

    /**
     * Starts configuring a facade. Only the store is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- endpoints

    /**
     * Creates an active endpoint.
     *
     * @param workspaceId  the owning workspace
     * @param url          where to send; must pass the {@link UrlPolicy}
     * @param eventTypes   1 to {@value #MAX_EVENT_TYPES} patterns: exact types ({@code post.created}), prefix wildcards ({@code post.*}) or {@code *}; duplicates are dropped
     * @param secretOrNull a signing secret {@code whsec_…} to use, or {@code null} to generate one
     * @param description  free text up to {@value #MAX_DESCRIPTION_LENGTH} characters, or {@code null}
     * @return the endpoint and its secret, which is not retrievable later
     * @throws ValidationException with errors keyed {@code url}, {@code events}, {@code secret},
     *                             {@code description}
     */
    public CreatedEndpoint createEndpoint(long workspaceId, String url, List<String> eventTypes, String secretOrNull,
            String description) {
        return endpoints.create(workspaceId, url, eventTypes, secretOrNull, description);
    }

    /**
     * Changes the fields a patch carries. Re-activating an endpoint clears its failure streak,
     * {@code failingSince} and disabled reason.
     *
     * @param workspaceId the caller's workspace
     * @param id          the endpoint id
     * @param patch       the changes
     * @return the stored endpoint
     * @throws EndpointNotFoundException when the workspace has no such endpoint
     * @throws ValidationException       with errors keyed {@code url}, {@code events}, {@code description}
     */
    public Endpoint updateEndpoint(long workspaceId, long id, EndpointPatch patch) {
        return endpoints.update(workspaceId, id, patch);
    }

    /**
     * Deletes an endpoint with its deliveries and attempts.
     *
     * @param workspaceId the caller's workspace
     * @param id          the endpoint id
     * @throws EndpointNotFoundException when the workspace has no such endpoint
     */
    public void deleteEndpoint(long workspaceId, long id) {
        endpoints.delete(workspaceId, id);
    }

    /**
     * Finds an endpoint of the caller's workspace.
     *
     * @param workspaceId the caller's workspace
     * @param id          the endpoint id
     * @return the endpoint, or empty when the workspace has none with that id
     */
    public Optional<Endpoint> findEndpoint(long workspaceId, long id) {
        return endpoints.find(workspaceId, id);
    }

    /**
     * Replaces the signing secret. The old one keeps signing alongside the new one for the
     * configured overlap, so receivers can switch without dropping messages; an older secret still
     * in its overlap is dropped.
     *
     * @param workspaceId the caller's workspace
     * @param id          the endpoint id
     * @return the endpoint and the new secret, which is not retrievable later
     * @throws EndpointNotFoundException when the workspace has no such endpoint
     */
    public RotatedSecret rotateSecret(long workspaceId, long id) {
        return endpoints.rotateSecret(workspaceId, id);
    }

    // ---------------------------------------------------------------- publishing

    /**
     * Records an event and queues one delivery per active endpoint of the workspace that subscribes
     * to its type. Only store writes: with a transactional store this commits or rolls back with
     * the caller's change. Publishing an event id the workspace already has queues nothing, even
     * when type or data differ.
     *
     * @param workspaceId     the workspace the event belongs to
     * @param type            the event type, for example {@code post.created}
     * @param dataJson        the event data as serialized JSON, embedded verbatim as {@code data}
     * @param eventIdOrNull   an id for de-duplication, {@code [A-Za-z0-9_-]{1,64}}, or {@code null}
     *                        to generate {@code evt_…}
     * @return the event id, whether it was a duplicate, and how many deliveries were queued
     * @throws ValidationException with errors keyed {@code type}, {@code data}, {@code id}
     */
    public PublishResult publish(long workspaceId, String type, String dataJson, String eventIdOrNull) {
        return outbox.publish(workspaceId, type, dataJson, eventIdOrNull);
    }

    /**
     * Publishes several events in order, exactly as calling {@link #publish} for each in turn in one
     * transaction would — an id repeated among them is a duplicate after its first — but with a
     * constant number of store calls: the events in one {@link WebhookStore#insertEventsIfAbsent},
     * each workspace's active endpoints read once, all deliveries in one
     * {@link WebhookStore#insertDeliveries}. For a host that commits concurrent publishes together
     * (a group commit); a failure fails them all, so such a host retries each alone.
     *
     * @param requests the publishes, in order
     * @return one result per request, in order
     * @throws ValidationException for the first request with a bad argument, before anything is written
     */
    public List<PublishResult> publishAll(List<PublishRequest> requests) {
        return outbox.publishAll(requests);
    }

    /**
     * Checks {@link #publish}'s arguments as it does, without writing anything: for a host that
     * queues publishes (a group commit) and must refuse bad input before it joins a batch.
     *
     * @param type          the event type
     * @param dataJson      the event data as serialized JSON
     * @param eventIdOrNull an id for de-duplication, or {@code null}
     * @throws ValidationException with errors keyed {@code type}, {@code data}, {@code id}
     */
    public void checkPublish(String type, String dataJson, String eventIdOrNull) {
        Outbox.check(type, dataJson, eventIdOrNull);
    }

    // ---------------------------------------------------------------- delivering

    /**
     * Claims up to {@code max} due deliveries, sends them and records what happened, returning
     * when all of them are recorded. Sends run on the configured executor, at most
     * {@code maxConcurrentSends} at a time, and the slots are refilled as sends finish (a claim as
     * soon as a quarter of them is free), so one slow endpoint holds one slot and not the pass.
     * Outcomes are written in batches: whatever sends have finished when the worker looks go to
     * the store in one {@link WebhookStore#recordOutcomes} call, endpoint counters as increments.
     * A claim's lease (twice the attempt timeout plus a margin) covers the send and its recording;
     * a worker that dies in between leaves the delivery to be sent again when the lease ends. A
     * send that throws is logged and left to its lease in the same way.
     *
     * @param max the most deliveries to claim, at least 1
     * @return how many claimed deliveries were processed: sent, or failed without sending because
     *         their endpoint is gone or disabled
     */
    public int deliverDue(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return pump.pump(max, () -> true);
    }

    /**
     * Delivers as {@link #deliverDue(int)} does, without a bound: until nothing is due and no
     * send is in flight, or until {@code keepGoing} answers {@code false}, after which the sends
     * in flight finish and are recorded. For a host's worker loop: deliveries committed while it
     * runs are picked up by its next claim, which it makes whenever slots are free (at the latest
     * every {@value #RECLAIM_MILLIS} ms while a send is in flight).
     *
     * @param keepGoing asked before each claim
     * @return how many claimed deliveries were processed
     */
    public int deliverWhile(BooleanSupplier keepGoing) {
        Objects.requireNonNull(keepGoing, "keepGoing");
        return pump.pump(Integer.MAX_VALUE, keepGoing);
    }

    /**
     * Sends one claimed delivery on the calling thread and records the outcome, for hosts that
     * schedule sends themselves. Headers: {@code webhook-id} (the event id),
     * {@code webhook-timestamp} (now, in seconds), {@code webhook-signature} (signed with every
     * current secret) and {@code content-type: application/json}.
     *
     * <p>On success the delivery becomes {@link DeliveryStatus#SUCCESS} and the endpoint's failure
     * streak ends. On failure the endpoint's streak grows and the delivery is scheduled again
     * (honouring {@code Retry-After}) or given up when the schedule is exhausted. A 410 Gone, or a
     * streak without success for longer than {@code disableAfter}, disables the endpoint and gives
     * the delivery up; the endpoint's other queued deliveries fail when they are claimed.
     * A delivery whose endpoint was deleted or disabled is failed without sending.
     *
     * @param claimed a delivery returned by {@link WebhookStore#claimDue}
     * @return what happened; {@link DeliveryRun.Outcome#SKIPPED} when the lease had already ended
     */
    DeliveryRun runOne(Delivery claimed) {
        Objects.requireNonNull(claimed, "claimed");
        return pump.runOne(claimed);
    }

    /**
     * Sends a signed {@value #TEST_EVENT_TYPE} event to an endpoint now, whether or not it is
     * active. Nothing is stored and the endpoint's counters do not change.
     *
     * @param workspaceId the caller's workspace
     * @param id          the endpoint id
     * @return the response, or why there was none
     * @throws EndpointNotFoundException when the workspace has no such endpoint
     */
    public TestResult testEndpoint(long workspaceId, long id) {
        Endpoint endpoint = endpoints.require(workspaceId, id);
        Instant now = now(clock);
        String data = "{\"endpoint_id\":" + endpoint.id() + ",\"message\":\"Test event from Gatehouse\"}";
        SendResult result = signed.send(endpoint, EventIds.generate(random), now, Outbox.envelope(TEST_EVENT_TYPE, now, data));
        return new TestResult(result.success(), result.statusCode(), result.durationMillis(),
                BodyLimit.truncate(result.responseBody()), result.error());
    }

    /**
     * Queues a delivery again now. The attempt count keeps counting, so a delivery that had
     * exhausted its schedule gets exactly one more attempt.
     *
     * @param workspaceId the caller's workspace
     * @param endpointId  the endpoint the delivery belongs to
     * @param deliveryId  the delivery id
     * @return the stored delivery, {@link DeliveryStatus#PENDING}
     * @throws DeliveryNotFoundException when the delivery is not the endpoint's in that workspace
     * @throws CannotRetryException      when it already succeeded, its manual retries are used up,
     *                                   or the endpoint is disabled
     */
    public Delivery retryDelivery(long workspaceId, long endpointId, long deliveryId) {
        Delivery delivery = findDelivery(workspaceId, endpointId, deliveryId)
                .orElseThrow(() -> new DeliveryNotFoundException(deliveryId));
        if (delivery.status() == DeliveryStatus.SUCCESS) {
            throw new CannotRetryException("delivery already succeeded");
        }
        if (delivery.manualRetries() >= maxManualRetries) {
            throw new CannotRetryException("maximum of " + maxManualRetries + " manual retries reached");
        }
        Endpoint endpoint = store.findEndpoint(endpointId).orElseThrow(() -> new DeliveryNotFoundException(deliveryId));
        if (!endpoint.active()) {
            throw new CannotRetryException("endpoint is disabled; enable it before retrying");
        }
        return store.updateDelivery(delivery.requeued(now(clock)));
    }

    /**
     * Finds a delivery of an endpoint of the caller's workspace.
     *
     * @param workspaceId the caller's workspace
     * @param endpointId  the endpoint id
     * @param deliveryId  the delivery id
     * @return the delivery, or empty
     */
    public Optional<Delivery> findDelivery(long workspaceId, long endpointId, long deliveryId) {
        return store.findDelivery(deliveryId)
                .filter(d -> d.workspaceId() == workspaceId && d.endpointId() == endpointId);
    }

    /**
     * Lists a delivery's attempts, oldest first. No ownership check: look the delivery up with
     * {@link #findDelivery(long, long, long)} first.
     *
     * @param deliveryId the delivery id
     * @return the attempts
     */
    public List<Attempt> attempts(long deliveryId) {
        return store.attemptsOf(deliveryId);
    }

    // ---------------------------------------------------------------- housekeeping

    /**
     * Deletes finished deliveries (succeeded or failed) created longer than {@code retention} ago,
     * with their attempts.
     *
     * @param retention how long to keep them; hosts use 30 days
     * @return how many deliveries were deleted
     */
    public int purge(Duration retention) {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
        return store.purgeDeliveriesBefore(now(clock).minus(retention));
    }

    /**
     * Disables every active endpoint that has failed without a single success for longer than
     * {@code disableAfter}, calling the listener once for each. Meant to run periodically, as
     * endpoints with nothing left to deliver are not caught by {@link #runOne(Delivery)}.
     *
     * @return how many endpoints were disabled
     */
    public int disableFailingEndpoints() {
        return health.disableFailing();
    }

    /** Milliseconds are what every store keeps, so records read back equal to what was written. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Configures {@link Webhooks}. Each setter checks its argument and names a bad value.
     */
    public static final class Builder extends WebhooksSettings {

        private Builder() {
        }

        /**
         * Builds the facade.
         *
         * @return the facade
         * @throws IllegalStateException when no store was set
         */
        public Webhooks build() {
            if (store == null) {
                throw new IllegalStateException("store is required");
            }
            if (random == null) {
                random = new SecureRandom();
            }
            return new Webhooks(this);
        }
    }
}
