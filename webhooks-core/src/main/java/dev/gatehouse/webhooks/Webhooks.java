package dev.gatehouse.webhooks;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

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

    private static final System.Logger LOG = System.getLogger(Webhooks.class.getName());

    private final WebhookStore store;
    private final WebhookSender sender;
    private final Clock clock;
    private final SecureRandom random;
    private final RetrySchedule retrySchedule;
    private final UrlPolicy urlPolicy;
    private final Duration attemptTimeout;
    private final Duration disableAfter;
    private final int maxManualRetries;
    private final Duration secretOverlap;
    private final WebhookListener listener;
    private final Executor executor;
    private final int maxConcurrentSends;
    private final Duration lease;

    private Webhooks(Builder builder) {
        this.store = builder.store;
        this.clock = builder.clock;
        this.random = builder.random;
        this.urlPolicy = builder.urlPolicy;
        this.sender = builder.sender != null ? builder.sender : new HttpClientSender(urlPolicy, clock);
        this.retrySchedule = builder.retrySchedule != null
                ? builder.retrySchedule
                : RetrySchedule.standard().withJitter(0.2, random);
        this.attemptTimeout = builder.attemptTimeout;
        this.disableAfter = builder.disableAfter;
        this.maxManualRetries = builder.maxManualRetries;
        this.secretOverlap = builder.secretOverlap;
        this.listener = builder.listener;
        this.executor = builder.executor;
        this.maxConcurrentSends = builder.maxConcurrentSends;
        this.lease = attemptTimeout.multipliedBy(2).plus(LEASE_MARGIN);
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
     * @param eventTypes   1 to {@value #MAX_EVENT_TYPES} patterns, see {@link EventFilter}; duplicates are dropped
     * @param secretOrNull a signing secret {@code whsec_…} to use, or {@code null} to generate one
     * @param description  free text up to {@value #MAX_DESCRIPTION_LENGTH} characters, or {@code null}
     * @return the endpoint and its secret, which is not retrievable later
     * @throws ValidationException with errors keyed {@code url}, {@code events}, {@code secret},
     *                             {@code description}
     */
    public CreatedEndpoint createEndpoint(long workspaceId, String url, List<String> eventTypes, String secretOrNull,
            String description) {
        FieldErrors errors = new FieldErrors();
        validateUrl(url, errors);
        List<String> events = validateEvents(eventTypes, errors);
        String cleanDescription = validateDescription(description, errors);
        WebhookSecret secret = null;
        if (secretOrNull != null) {
            try {
                secret = WebhookSecret.parse(secretOrNull);
            } catch (ValidationException invalid) {
                errors.addAll(invalid);
            }
        }
        errors.throwIfAny();
        if (secret == null) {
            secret = WebhookSecret.generate(random);
        }
        Instant now = now();
        Endpoint endpoint = store.insertEndpoint(new Endpoint(0, workspaceId, url, events, true, secret, null, null,
                0, 0, 0, null, null, null, cleanDescription, now, now));
        return new CreatedEndpoint(endpoint, secret.encoded());
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
        Objects.requireNonNull(patch, "patch");
        Endpoint current = requireEndpoint(workspaceId, id);
        FieldErrors errors = new FieldErrors();
        String url = current.url();
        if (patch.url().isPresent()) {
            url = patch.url().get();
            validateUrl(url, errors);
        }
        List<String> events = current.eventTypes();
        if (patch.eventTypes().isPresent()) {
            events = validateEvents(patch.eventTypes().get(), errors);
        }
        String description = current.description();
        if (patch.description().isPresent()) {
            description = validateDescription(patch.description().get(), errors);
        }
        errors.throwIfAny();
        Instant now = now();
        Endpoint updated = current.withSettings(url, events, description, now);
        if (patch.active().isPresent()) {
            boolean active = patch.active().get();
            if (active && !current.active()) {
                updated = updated.reactivated(now);
            } else if (!active && current.active()) {
                updated = updated.deactivated(null, now);
            }
        }
        return store.updateEndpoint(updated);
    }

    /**
     * Deletes an endpoint with its deliveries and attempts.
     *
     * @param workspaceId the caller's workspace
     * @param id          the endpoint id
     * @throws EndpointNotFoundException when the workspace has no such endpoint
     */
    public void deleteEndpoint(long workspaceId, long id) {
        requireEndpoint(workspaceId, id);
        if (!store.deleteEndpoint(id)) {
            throw new EndpointNotFoundException(id);
        }
    }

    /**
     * Finds an endpoint of the caller's workspace.
     *
     * @param workspaceId the caller's workspace
     * @param id          the endpoint id
     * @return the endpoint, or empty when the workspace has none with that id
     */
    public Optional<Endpoint> findEndpoint(long workspaceId, long id) {
        return store.findEndpoint(id).filter(endpoint -> endpoint.workspaceId() == workspaceId);
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
        Endpoint current = requireEndpoint(workspaceId, id);
        WebhookSecret fresh = WebhookSecret.generate(random);
        Instant now = now();
        Endpoint rotated = store.updateEndpoint(
                current.withSecrets(fresh, current.secret(), now.plus(secretOverlap), now));
        return new RotatedSecret(rotated, fresh.encoded());
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
        FieldErrors errors = new FieldErrors();
        if (!EventFilter.isValidType(type)) {
            errors.add("type", "must be lowercase dot-separated words such as post.created");
        }
        if (dataJson == null || dataJson.isBlank()) {
            errors.add("data", "is required");
        }
        if (eventIdOrNull != null && !EventIds.isValid(eventIdOrNull)) {
            errors.add("id", "must be 1 to 64 letters, digits, underscores or hyphens");
        }
        errors.throwIfAny();
        String eventId = eventIdOrNull != null ? eventIdOrNull : EventIds.generate(random);
        Instant now = now();
        if (!store.insertEventIfAbsent(new Event(eventId, workspaceId, type, dataJson, now))) {
            return new PublishResult(eventId, true, 0);
        }
        String payload = envelope(type, now, dataJson);
        Instant due = retrySchedule.nextAttemptAt(0, now, Optional.empty()).orElse(now);
        List<Delivery> deliveries = new ArrayList<>();
        for (Endpoint endpoint : store.activeEndpointsFor(workspaceId)) {
            if (subscribes(endpoint, type)) {
                deliveries.add(new Delivery(0, endpoint.id(), workspaceId, eventId, type, payload,
                        DeliveryStatus.PENDING, 0, null, due, null, null, 0, now, now));
            }
        }
        if (!deliveries.isEmpty()) {
            store.insertDeliveries(deliveries);
        }
        return new PublishResult(eventId, false, deliveries.size());
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
        return pump(max, () -> true);
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
        return pump(Integer.MAX_VALUE, keepGoing);
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
    public DeliveryRun runOne(Delivery claimed) {
        Objects.requireNonNull(claimed, "claimed");
        Endpoint endpoint = store.findEndpoints(Set.of(claimed.endpointId())).get(claimed.endpointId());
        Sent sent = sendable(claimed, endpoint, Set.of()) ? sendClaimed(claimed, endpoint) : Sent.notSent(claimed, now());
        return record(List.of(sent), new HashSet<>()).get(0);
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
        Endpoint endpoint = requireEndpoint(workspaceId, id);
        Instant now = now();
        String data = "{\"endpoint_id\":" + endpoint.id() + ",\"message\":\"Test event from Gatehouse\"}";
        SendResult result = send(endpoint, EventIds.generate(random), now, envelope(TEST_EVENT_TYPE, now, data));
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
        return store.updateDelivery(delivery.requeued(now()));
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
        return store.purgeDeliveriesBefore(now().minus(retention));
    }

    /**
     * Disables every active endpoint that has failed without a single success for longer than
     * {@code disableAfter}, calling the listener once for each. Meant to run periodically, as
     * endpoints with nothing left to deliver are not caught by {@link #runOne(Delivery)}.
     *
     * @return how many endpoints were disabled
     */
    public int disableFailingEndpoints() {
        Instant now = now();
        Instant cutoff = now.minus(disableAfter);
        int disabled = 0;
        for (Endpoint candidate : store.endpointsFailingSince(cutoff)) {
            Optional<Endpoint> fresh = store.findEndpoint(candidate.id())
                    .filter(e -> e.active() && e.failingSince() != null && !e.failingSince().isAfter(cutoff));
            if (fresh.isEmpty()) {
                continue;
            }
            String reason = failingReason(fresh.get().failingSince());
            Endpoint saved = saveEndpoint(fresh.get().deactivated(reason, now));
            if (saved != null) {
                notifyDisabled(saved, reason);
                disabled++;
            }
        }
        return disabled;
    }

    // ---------------------------------------------------------------- internals

    /** The claim, send and record loop of {@link #deliverDue} and {@link #deliverWhile}. */
    private int pump(int max, BooleanSupplier keepGoing) {
        BlockingQueue<Sent> finished = new LinkedBlockingQueue<>();
        Set<Long> disabledHere = new HashSet<>();
        int refillAt = Math.max(1, maxConcurrentSends / 4);
        int claimedSoFar = 0;
        int inFlight = 0;
        int processed = 0;
        boolean dueLeft = true;
        boolean interrupted = false;
        while (true) {
            boolean mayClaim = !interrupted && claimedSoFar < max && keepGoing.getAsBoolean();
            int free = maxConcurrentSends - inFlight;
            List<Sent> batch = new ArrayList<>();
            if (mayClaim && free >= (inFlight == 0 ? 1 : refillAt)) {
                int ask = Math.min(free, max - claimedSoFar);
                Instant now = now();
                List<Delivery> claimed = store.claimDue(now, ask, now.plus(lease));
                claimedSoFar += claimed.size();
                dueLeft = claimed.size() == ask;
                Map<Long, Endpoint> endpoints = claimed.isEmpty() ? Map.of()
                        : store.findEndpoints(claimed.stream().map(Delivery::endpointId).collect(Collectors.toSet()));
                for (Delivery delivery : claimed) {
                    Endpoint endpoint = endpoints.get(delivery.endpointId());
                    if (!sendable(delivery, endpoint, disabledHere)) {
                        batch.add(Sent.notSent(delivery, now));
                    } else if (submit(delivery, endpoint, finished)) {
                        inFlight++;
                    }
                }
            }
            if (inFlight == 0 && batch.isEmpty()) {
                if (!mayClaim || !dueLeft) {
                    break;
                }
                continue;
            }
            if (batch.isEmpty()) {
                try {
                    // Wait for a send; while more may be due, look again soon even if none finishes.
                    Sent next = mayClaim ? finished.poll(RECLAIM_MILLIS, TimeUnit.MILLISECONDS) : finished.take();
                    if (next != null) {
                        batch.add(next);
                        inFlight--;
                    }
                } catch (InterruptedException stop) {
                    // Record what has finished and stop; sends still in flight are left to their leases.
                    Thread.currentThread().interrupt();
                    interrupted = true;
                    inFlight = 0;
                }
            }
            inFlight -= finished.drainTo(batch);
            if (!batch.isEmpty()) {
                for (DeliveryRun run : record(batch, disabledHere)) {
                    if (run.outcome() != DeliveryRun.Outcome.SKIPPED) {
                        processed++;
                    }
                }
            }
        }
        return processed;
    }

    /** Whether a claimed delivery's endpoint still exists, belongs to its workspace and is active. */
    private static boolean sendable(Delivery delivery, Endpoint endpoint, Set<Long> disabledHere) {
        return endpoint != null && endpoint.workspaceId() == delivery.workspaceId() && endpoint.active()
                && !disabledHere.contains(endpoint.id());
    }

    /** Hands a send to the executor; its result, or a broken marker, always reaches {@code finished}. */
    private boolean submit(Delivery delivery, Endpoint endpoint, BlockingQueue<Sent> finished) {
        try {
            executor.execute(() -> {
                Sent sent = Sent.broken(delivery);
                try {
                    sent = sendClaimed(delivery, endpoint);
                } catch (RuntimeException broken) {
                    LOG.log(System.Logger.Level.WARNING,
                            "Webhook delivery " + delivery.id() + " failed to run; it is retried when its lease ends", broken);
                } finally {
                    finished.add(sent);
                }
            });
            return true;
        } catch (RejectedExecutionException rejected) {
            LOG.log(System.Logger.Level.WARNING,
                    "Executor rejected webhook delivery " + delivery.id() + "; it is retried when its lease ends");
            return false;
        }
    }

    /** Sends one claimed delivery to its endpoint; writes nothing. */
    private Sent sendClaimed(Delivery claimed, Endpoint endpoint) {
        Instant started = now();
        if (claimed.leaseUntil() != null && !started.isBefore(claimed.leaseUntil())) {
            return Sent.skipped(claimed);
        }
        SendResult result = send(endpoint, claimed.eventId(), started, claimed.payload());
        return new Sent(Sent.Kind.SENT, claimed, endpoint, started, result, now());
    }

    /**
     * Records a batch of finished sends in one store call: the deliveries' new states and
     * attempts, and one tally per endpoint; then tells the listener about endpoints it disabled.
     *
     * @param batch        finished sends, in any order
     * @param disabledHere endpoints disabled earlier in this pass; grows with this batch's
     * @return one run per send, in batch order
     */
    private List<DeliveryRun> record(List<Sent> batch, Set<Long> disabledHere) {
        Instant now = now();
        Map<Long, List<Sent>> byEndpoint = new TreeMap<>();
        for (Sent sent : batch) {
            if (sent.kind() == Sent.Kind.SENT) {
                byEndpoint.computeIfAbsent(sent.endpoint().id(), id -> new ArrayList<>()).add(sent);
            }
        }
        Map<Long, EndpointTally> tallies = new LinkedHashMap<>();
        byEndpoint.forEach((id, sends) -> tallies.put(id, tally(sends, now)));

        List<DeliveryOutcome> outcomes = new ArrayList<>(batch.size());
        List<DeliveryRun.Outcome> kinds = new ArrayList<>(batch.size());
        for (Sent sent : batch) {
            Delivery claimed = sent.claimed();
            switch (sent.kind()) {
                case SKIPPED, BROKEN -> {
                    outcomes.add(null);
                    kinds.add(DeliveryRun.Outcome.SKIPPED);
                }
                case NOT_SENT -> {
                    outcomes.add(new DeliveryOutcome(claimed.failedWithoutSending(sent.started()), null));
                    kinds.add(DeliveryRun.Outcome.FAILED);
                }
                case SENT -> {
                    SendResult result = sent.result();
                    int number = claimed.attempt() + 1;
                    Attempt attempt = new Attempt(0, claimed.id(), number, sent.started(), result.statusCode(),
                            BodyLimit.truncate(result.responseBody()), result.error(), result.durationMillis());
                    Instant finished = sent.finished();
                    if (result.success()) {
                        outcomes.add(new DeliveryOutcome(claimed.afterAttempt(DeliveryStatus.SUCCESS, number,
                                result.statusCode(), null, finished, finished), attempt));
                        kinds.add(DeliveryRun.Outcome.DELIVERED);
                    } else {
                        long endpointId = sent.endpoint().id();
                        boolean givingUp = tallies.get(endpointId).disableReason() != null
                                || disabledHere.contains(endpointId);
                        Optional<Instant> next = givingUp ? Optional.empty()
                                : retrySchedule.nextAttemptAt(number, finished, retryAfter(result));
                        outcomes.add(new DeliveryOutcome(claimed.afterAttempt(
                                next.isPresent() ? DeliveryStatus.RETRYING : DeliveryStatus.FAILED, number,
                                result.statusCode(), next.orElse(null), null, finished), attempt));
                        kinds.add(next.isPresent() ? DeliveryRun.Outcome.RETRY_SCHEDULED : DeliveryRun.Outcome.FAILED);
                    }
                }
                default -> throw new IllegalStateException(sent.kind().name());
            }
        }
        List<DeliveryOutcome> toRecord = outcomes.stream().filter(Objects::nonNull).toList();
        RecordedOutcomes recorded = toRecord.isEmpty() && tallies.isEmpty()
                ? new RecordedOutcomes(List.of(), List.of())
                : store.recordOutcomes(toRecord, List.copyOf(tallies.values()));
        Map<Long, Attempt> attempts = new HashMap<>();
        for (DeliveryOutcome outcome : recorded.recorded()) {
            if (outcome.attempt() != null) {
                attempts.put(outcome.delivery().id(), outcome.attempt());
            }
        }
        for (long id : recorded.disabledEndpointIds()) {
            disabledHere.add(id);
            String reason = tallies.get(id).disableReason();
            store.findEndpoint(id).ifPresent(endpoint -> notifyDisabled(endpoint, reason));
        }
        List<DeliveryRun> runs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            DeliveryOutcome outcome = outcomes.get(i);
            runs.add(outcome == null
                    ? new DeliveryRun(DeliveryRun.Outcome.SKIPPED, batch.get(i).claimed(), null)
                    : new DeliveryRun(kinds.get(i), outcome.delivery(), attempts.get(outcome.delivery().id())));
        }
        return runs;
    }

    /**
     * What one endpoint's sends in a batch did, taken in the order they finished, and whether the
     * endpoint is to be disabled: it answered 410 Gone, or it has failed without a success for
     * {@code disableAfter} (its stored streak, as read when the deliveries were claimed, counts).
     */
    private EndpointTally tally(List<Sent> sends, Instant now) {
        sends.sort(Comparator.comparing(Sent::finished));
        Endpoint endpoint = sends.get(0).endpoint();
        int successes = 0;
        int failures = 0;
        int trailing = 0;
        Instant failingSince = null;
        Instant lastSuccessAt = null;
        boolean gone = false;
        for (Sent sent : sends) {
            if (sent.result().success()) {
                successes++;
                trailing = 0;
                failingSince = null;
                lastSuccessAt = sent.finished();
            } else {
                failures++;
                trailing++;
                if (failingSince == null) {
                    failingSince = sent.started();
                }
                gone |= sent.result().statusCode() != null && sent.result().statusCode() == 410;
            }
        }
        String reason = null;
        if (gone) {
            reason = GONE_REASON;
        } else if (trailing > 0) {
            Instant streak = successes == 0 && endpoint.failingSince() != null ? endpoint.failingSince() : failingSince;
            Instant lastFinished = sends.get(sends.size() - 1).finished();
            if (!streak.isAfter(lastFinished.minus(disableAfter))) {
                reason = failingReason(streak);
            }
        }
        return new EndpointTally(endpoint.id(), successes, failures, trailing, failingSince, lastSuccessAt, reason, now);
    }

    /** A claimed delivery after its turn on a send thread. */
    private record Sent(Kind kind, Delivery claimed, Endpoint endpoint, Instant started, SendResult result,
            Instant finished) {

        enum Kind { SENT, NOT_SENT, SKIPPED, BROKEN }

        static Sent notSent(Delivery claimed, Instant now) {
            return new Sent(Kind.NOT_SENT, claimed, null, now, null, now);
        }

        static Sent skipped(Delivery claimed) {
            return new Sent(Kind.SKIPPED, claimed, null, null, null, null);
        }

        static Sent broken(Delivery claimed) {
            return new Sent(Kind.BROKEN, claimed, null, null, null, null);
        }
    }

    private SendResult send(Endpoint endpoint, String messageId, Instant at, String body) {
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = Map.of(
                "webhook-id", messageId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.sign(messageId, timestamp, body, endpoint.signingSecretsAt(at)),
                "content-type", "application/json");
        try {
            SendResult result = sender.send(new SendRequest(endpoint.url(), headers, body, attemptTimeout));
            return result != null ? result : SendResult.failed("Sender returned no result", 0);
        } catch (RuntimeException broken) {
            LOG.log(System.Logger.Level.WARNING, "Webhook sender threw instead of returning an error result", broken);
            return SendResult.failed("Sender failed", 0);
        }
    }

    private static String failingReason(Instant failingSince) {
        return "no successful delivery since " + failingSince;
    }

    private Optional<Duration> retryAfter(SendResult result) {
        return result.firstHeader("retry-after").flatMap(value -> RetrySchedule.parseRetryAfter(value, clock));
    }

    private Endpoint saveEndpoint(Endpoint endpoint) {
        try {
            return store.updateEndpoint(endpoint);
        } catch (EndpointNotFoundException deletedMeanwhile) {
            return null;
        }
    }

    private void notifyDisabled(Endpoint endpoint, String reason) {
        try {
            listener.endpointDisabled(endpoint, reason);
        } catch (RuntimeException broken) {
            LOG.log(System.Logger.Level.WARNING, "Webhook listener failed for endpoint " + endpoint.id(), broken);
        }
    }

    private static boolean subscribes(Endpoint endpoint, String type) {
        try {
            return EventFilter.of(endpoint.eventTypes()).matches(type);
        } catch (ValidationException storedPatternInvalid) {
            return false;
        }
    }

    private Endpoint requireEndpoint(long workspaceId, long id) {
        return findEndpoint(workspaceId, id).orElseThrow(() -> new EndpointNotFoundException(id));
    }

    private void validateUrl(String url, FieldErrors errors) {
        if (url == null || url.isBlank()) {
            errors.add("url", "is required");
            return;
        }
        urlPolicy.violation(url).ifPresent(rule -> errors.add("url", rule));
    }

    private static List<String> validateEvents(List<String> eventTypes, FieldErrors errors) {
        if (eventTypes == null) {
            errors.add("events", "is required");
            return List.of();
        }
        if (eventTypes.isEmpty()) {
            errors.add("events", "must not be empty");
            return List.of();
        }
        if (eventTypes.size() > MAX_EVENT_TYPES) {
            errors.add("events", "must contain at most " + MAX_EVENT_TYPES + " event types");
            return List.of();
        }
        List<String> invalid = EventFilter.invalid(eventTypes);
        if (!invalid.isEmpty()) {
            EventFilter.describeInvalid(invalid).forEach(message -> errors.add("events", message));
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(eventTypes));
    }

    private static String validateDescription(String description, FieldErrors errors) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }

    /** The request body: built once at publish time so every attempt sends identical bytes. */
    static String envelope(String type, Instant timestamp, String dataJson) {
        return new StringBuilder(dataJson.length() + type.length() + 64)
                .append("{\"type\":\"").append(type)
                .append("\",\"timestamp\":\"").append(timestamp)
                .append("\",\"data\":").append(dataJson)
                .append('}')
                .toString();
    }

    /** Milliseconds are what every store keeps, so records read back equal to what was written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Configures {@link Webhooks}. Each setter checks its argument and names a bad value.
     */
    public static final class Builder {

        private final BuilderSettings settings = new BuilderSettings();

        private WebhookStore store;
        private WebhookSender sender;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;
        private RetrySchedule retrySchedule;
        private UrlPolicy urlPolicy = UrlPolicy.strict();
        private Duration attemptTimeout = Duration.ofSeconds(15);
        private Duration disableAfter = Duration.ofDays(5);
        private int maxManualRetries = 5;
        private Duration secretOverlap = Duration.ofHours(24);
        private WebhookListener listener = (endpoint, reason) -> { };
        private Executor executor = Runnable::run;
        private int maxConcurrentSends = 1;

        private Builder() {
        }

        /**
         * Sets the storage. Required.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(WebhookStore store) {
            settings.once("store");
            this.store = BuilderSettings.requireNonNull("store", store);
            return this;
        }

        /**
         * Sets how requests are made. Default: an {@link HttpClientSender} with this builder's
         * URL policy and clock.
         *
         * @param sender the sender
         * @return this builder
         */
        public Builder sender(WebhookSender sender) {
            settings.once("sender");
            this.sender = BuilderSettings.requireNonNull("sender", sender);
            return this;
        }

        /**
         * Sets the clock for every timestamp and due time. Default: system UTC.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.once("clock");
            this.clock = BuilderSettings.requireNonNull("clock", clock);
            return this;
        }

        /**
         * Sets the randomness for secrets, event ids and the default schedule's jitter.
         * Default: a new {@link SecureRandom}.
         *
         * @param random the source of randomness
         * @return this builder
         */
        public Builder random(SecureRandom random) {
            settings.once("random");
            this.random = BuilderSettings.requireNonNull("random", random);
            return this;
        }

        /**
         * Sets the retry schedule. Default: {@link RetrySchedule#standard()} with ±20 % jitter from
         * this builder's random source.
         *
         * @param retrySchedule the schedule
         * @return this builder
         */
        public Builder retrySchedule(RetrySchedule retrySchedule) {
            settings.once("retrySchedule");
            this.retrySchedule = BuilderSettings.requireNonNull("retrySchedule", retrySchedule);
            return this;
        }

        /**
         * Sets the rules endpoint URLs must pass. Default: {@link UrlPolicy#strict()}.
         *
         * @param urlPolicy the policy
         * @return this builder
         */
        public Builder urlPolicy(UrlPolicy urlPolicy) {
            settings.once("urlPolicy");
            this.urlPolicy = BuilderSettings.requireNonNull("urlPolicy", urlPolicy);
            return this;
        }

        /**
         * Sets the longest one attempt may take. Default: 15 seconds.
         *
         * @param attemptTimeout a positive duration
         * @return this builder
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            settings.once("attemptTimeout");
            this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
            return this;
        }

        /**
         * Sets how long an endpoint may fail without a single success before it is disabled.
         * Default: 5 days.
         *
         * @param disableAfter a positive duration
         * @return this builder
         */
        public Builder disableAfter(Duration disableAfter) {
            settings.once("disableAfter");
            this.disableAfter = positive(disableAfter, "disableAfter");
            return this;
        }

        /**
         * Sets how many times one delivery may be retried by hand. Default: 5.
         *
         * @param maxManualRetries zero or more
         * @return this builder
         */
        public Builder maxManualRetries(int maxManualRetries) {
            settings.once("maxManualRetries");
            this.maxManualRetries = (int) BuilderSettings.requireAtLeast("maxManualRetries", maxManualRetries, 0);
            return this;
        }

        /**
         * Sets how long a rotated-out secret keeps signing. Default: 24 hours.
         *
         * @param secretOverlap zero or more
         * @return this builder
         */
        public Builder secretOverlap(Duration secretOverlap) {
            settings.once("secretOverlap");
            BuilderSettings.requireNonNull("secretOverlap", secretOverlap);
            if (secretOverlap.isNegative()) {
                throw new IllegalArgumentException("secretOverlap must not be negative, got " + secretOverlap);
            }
            this.secretOverlap = secretOverlap;
            return this;
        }

        /**
         * Sets who hears about automatically disabled endpoints. Default: nobody.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(WebhookListener listener) {
            settings.once("listener");
            this.listener = BuilderSettings.requireNonNull("listener", listener);
            return this;
        }

        /**
         * Sets where {@link #deliverDue(int)} runs sends. Default: the calling thread. Raise
         * {@link #maxConcurrentSends(int)} together with a pooled executor.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            settings.once("executor");
            this.executor = BuilderSettings.requireNonNull("executor", executor);
            return this;
        }

        /**
         * Sets how many deliveries {@link #deliverDue(int)} claims and sends at once. Default: 1.
         *
         * @param maxConcurrentSends at least 1
         * @return this builder
         */
        public Builder maxConcurrentSends(int maxConcurrentSends) {
            settings.once("maxConcurrentSends");
            this.maxConcurrentSends = (int) BuilderSettings.requireAtLeast("maxConcurrentSends", maxConcurrentSends, 1);
            return this;
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

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
