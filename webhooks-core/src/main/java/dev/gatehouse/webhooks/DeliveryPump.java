package dev.gatehouse.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The claim, send and record loop behind {@link Webhooks#deliverDue} and
 * {@link Webhooks#deliverWhile}: claims due deliveries under a lease, runs their sends on the
 * executor with at most {@code maxConcurrentSends} in flight, and records whatever has finished in
 * batches through the {@link OutcomeRecorder}.
 */
final class DeliveryPump {

    private static final System.Logger LOG = System.getLogger(Webhooks.class.getName());

    private final WebhookStore store;
    private final Clock clock;
    private final SignedSender sender;
    private final OutcomeRecorder recorder;
    private final Executor executor;
    private final int maxConcurrentSends;
    private final Duration lease;

    DeliveryPump(WebhookStore store, Clock clock, SignedSender sender, OutcomeRecorder recorder, Executor executor,
            int maxConcurrentSends, Duration attemptTimeout) {
        this.store = store;
        this.clock = clock;
        this.sender = sender;
        this.recorder = recorder;
        this.executor = executor;
        this.maxConcurrentSends = maxConcurrentSends;
        this.lease = attemptTimeout.multipliedBy(2).plus(Webhooks.LEASE_MARGIN);
    }

    int pump(int max, BooleanSupplier keepGoing) {
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
                Instant now = Webhooks.now(clock);
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
                    Sent next = mayClaim ? finished.poll(Webhooks.RECLAIM_MILLIS, TimeUnit.MILLISECONDS) : finished.take();
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
                for (DeliveryRun run : recorder.record(batch, disabledHere)) {
                    if (run.outcome() != DeliveryRun.Outcome.SKIPPED) {
                        processed++;
                    }
                }
            }
        }
        return processed;
    }

    /** Sends one claimed delivery on the calling thread and records it. */
    DeliveryRun runOne(Delivery claimed) {
        Endpoint endpoint = store.findEndpoints(Set.of(claimed.endpointId())).get(claimed.endpointId());
        Sent sent = sendable(claimed, endpoint, Set.of())
                ? sendClaimed(claimed, endpoint) : Sent.notSent(claimed, Webhooks.now(clock));
        return recorder.record(List.of(sent), new HashSet<>()).get(0);
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
        Instant started = Webhooks.now(clock);
        if (claimed.leaseUntil() != null && !started.isBefore(claimed.leaseUntil())) {
            return Sent.skipped(claimed);
        }
        SendResult result = sender.send(endpoint, claimed.eventId(), started, claimed.payload());
        return new Sent(Sent.Kind.SENT, claimed, endpoint, started, result, Webhooks.now(clock));
    }
}
