package dev.gatehouse.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a batch of finished sends into one {@link WebhookStore#recordOutcomes} call: each
 * delivery's next state (success, a retry on the schedule, or given up) with its attempt, and one
 * {@link EndpointTally} per endpoint applied as increments.
 */
final class OutcomeRecorder {

    private final WebhookStore store;
    private final Clock clock;
    private final RetrySchedule retrySchedule;
    private final EndpointHealth health;

    OutcomeRecorder(WebhookStore store, Clock clock, RetrySchedule retrySchedule, EndpointHealth health) {
        this.store = store;
        this.clock = clock;
        this.retrySchedule = retrySchedule;
        this.health = health;
    }

    /**
     * Records a batch of finished sends in one store call: the deliveries' new states and
     * attempts, and one tally per endpoint; then tells the listener about endpoints it disabled.
     *
     * @param batch        finished sends, in any order
     * @param disabledHere endpoints disabled earlier in this pass; grows with this batch's
     * @return one run per send, in batch order
     */
    List<DeliveryRun> record(List<Sent> batch, Set<Long> disabledHere) {
        Instant now = Webhooks.now(clock);
        Map<Long, List<Sent>> byEndpoint = new TreeMap<>();
        for (Sent sent : batch) {
            if (sent.kind() == Sent.Kind.SENT) {
                byEndpoint.computeIfAbsent(sent.endpoint().id(), id -> new ArrayList<>()).add(sent);
            }
        }
        Map<Long, EndpointTally> tallies = new LinkedHashMap<>();
        byEndpoint.forEach((id, sends) -> tallies.put(id, health.tally(sends, now)));

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
            store.findEndpoint(id).ifPresent(endpoint -> health.notifyDisabled(endpoint, reason));
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

    private Optional<Duration> retryAfter(SendResult result) {
        return result.firstHeader("retry-after").flatMap(value -> RetrySchedule.parseRetryAfter(value, clock));
    }
}
