package dev.gatehouse.entitlements;

import dev.gatehouse.errors.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@link Entitlements#record} and {@link GroupCommit} record usage, in three steps: resolve
 * a request (check the arguments, find the limit in force, build the store's
 * {@link BatchedUsage}), let the store apply one or a batch of them, and finish each outcome
 * (threshold notifications, the answer or the refusal). Both paths share the first and last step,
 * so a recording means the same whichever path it takes.
 */
final class UsageRecording {

    private static final int[] THRESHOLDS = {80, 100};

    /**
     * A recording ready for the store.
     *
     * @param limit the limit in force, or null when the plan lacks the feature (then it is answered
     *              without writing: see {@link #notInPlan})
     */
    record Resolved(long workspaceId, Tier plan, Feature feature, long quantity, String eventId, Instant now,
                    UsageKey key, FeatureLimit limit, BatchedUsage usage) {

        boolean inPlan() {
            return limit != null;
        }

        Long reportedLimit() {
            return limit.type() == LimitType.UNLIMITED ? null : limit.limit();
        }
    }

    /** The answer to one recording: exactly one of the two is set. */
    record Answer(Recorded recorded, RuntimeException refusal) {

        Recorded get() {
            if (refusal != null) {
                throw refusal;
            }
            return recorded;
        }
    }

    private final ArgumentChecks checks;
    private final UsageStore store;
    private final Clock clock;
    private final OverrideCache overrides;
    private final EntitlementListener listener;
    private final String upgradeUrl;

    UsageRecording(ArgumentChecks checks, UsageStore store, Clock clock, OverrideCache overrides,
                   EntitlementListener listener, String upgradeUrl) {
        this.checks = checks;
        this.store = store;
        this.clock = clock;
        this.overrides = overrides;
        this.listener = listener;
        this.upgradeUrl = upgradeUrl;
    }

    /**
     * The same steps through another store and listener, the facade's override cache loading what it
     * misses from that store: a recording in a transaction the host runs itself, on a store bound to it.
     */
    UsageRecording through(UsageStore transactionStore, EntitlementListener transactionListener) {
        return new UsageRecording(checks, transactionStore, clock, overrides.loadingFrom(transactionStore),
                transactionListener, upgradeUrl);
    }

    /** Checks the arguments and finds the limit in force; writes nothing. */
    Resolved resolve(long workspaceId, String tier, String feature, long quantity, String eventId, String metadataJson) {
        Tier plan = checks.requireTier(tier);
        Feature f = checks.requireFeature(feature);
        checks.requireQuantity(quantity);
        if (eventId != null) {
            ArgumentChecks.requireEventId(eventId);
        }
        if (f.kind() == FeatureKind.FLAG) {
            throw new ValidationException("feature", "The feature '" + f.key() + "' is a flag; flags cannot be recorded.");
        }
        Instant now = clock.instant();
        UsageKey key = usageKey(workspaceId, f, now);
        FeatureLimit limit = limitInForce(workspaceId, plan, f);
        if (limit == null) {
            return new Resolved(workspaceId, plan, f, quantity, eventId, now, key, null, null);
        }
        long cap = limit.type() == LimitType.HARD ? limit.limit() : -1;
        RecordedEvent candidate = eventId == null ? null
                : new RecordedEvent(workspaceId, eventId, f.key(), quantity, 0, now, metadataJson);
        return new Resolved(workspaceId, plan, f, quantity, eventId, now, key, limit,
                new BatchedUsage(key, quantity, cap, candidate));
    }

    /**
     * The answer for a feature the plan lacks: a retry of a recording made before the plan lost the
     * feature still gets its first answer; anything else is refused. Reads only.
     */
    Recorded notInPlan(Resolved r) {
        Optional<RecordedEvent> earlier = r.eventId() == null ? Optional.empty() : store.findEvent(r.workspaceId(), r.eventId());
        if (earlier.isPresent()) {
            return duplicate(earlier.get(), r, null);
        }
        throw new FeatureLimitReachedException(r.feature().key(), 0, store.used(r.key()), upgradeUrl,
                FeatureLimitReachedException.FEATURE_NOT_IN_PLAN, ArgumentChecks.notInPlanMessage(r.feature(), r.plan()));
    }

    /** One recording through the store's single-recording operations, in the caller's transaction. */
    Recorded recordNow(Resolved r) {
        if (!r.inPlan()) {
            return notInPlan(r);
        }
        BatchedUsage usage = r.usage();
        BatchedOutcome outcome;
        if (usage.event() == null) {
            outcome = store.tryAdd(usage.key(), usage.quantity(), usage.maxTotalOrMinusOne()).stream()
                    .mapToObj(total -> BatchedOutcome.added(total, null)).findFirst()
                    .orElseGet(() -> BatchedOutcome.refused(store.used(usage.key())));
        } else {
            outcome = store.recordEvent(usage.key(), usage.event(), usage.maxTotalOrMinusOne())
                    .map(e -> e.duplicate() ? BatchedOutcome.duplicate(e.event())
                            : BatchedOutcome.added(e.event().totalAfter(), e.event()))
                    .orElseGet(() -> BatchedOutcome.refused(store.used(usage.key())));
        }
        return finish(r, outcome).get();
    }

    /**
     * A batch through {@link UsageStore#recordBatch}, to be run in one transaction: the store applies
     * the recordings in order, then each is finished in order (so exactly one of them crosses each
     * threshold). A listener's exception propagates and fails the whole batch.
     */
    List<Answer> recordBatch(List<Resolved> batch) {
        List<BatchedUsage> usages = new ArrayList<>(batch.size());
        for (Resolved r : batch) {
            usages.add(r.usage());
        }
        List<BatchedOutcome> outcomes = store.recordBatch(usages);
        if (outcomes.size() != batch.size()) {
            throw new IllegalStateException("the store answered " + outcomes.size() + " outcomes for " + batch.size()
                    + " recordings");
        }
        List<Answer> answers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            answers.add(finish(batch.get(i), outcomes.get(i)));
        }
        return answers;
    }

    private Answer finish(Resolved r, BatchedOutcome outcome) {
        Feature f = r.feature();
        try {
            return switch (outcome.status()) {
                case REFUSED -> new Answer(null, new FeatureLimitReachedException(f.key(), r.limit().limit(), outcome.total(),
                        upgradeUrl, FeatureLimitReachedException.LIMIT_EXCEEDED,
                        ArgumentChecks.exceededMessage(f, outcome.total(), r.limit().limit())));
                case DUPLICATE -> new Answer(duplicate(outcome.event(), r, r.reportedLimit()), null);
                case ADDED -> {
                    Long reported = r.reportedLimit();
                    if (reported != null) {
                        notifyCrossedThresholds(r.key(), f, reported, outcome.total() - r.quantity(), outcome.total(), r.now());
                    }
                    yield new Answer(new Recorded(true, f.key(), outcome.total(), reported, false), null);
                }
            };
        } catch (ValidationException mismatch) {
            return new Answer(null, mismatch);
        }
    }

    private static Recorded duplicate(RecordedEvent first, Resolved r, Long limit) {
        if (!first.feature().equals(r.feature().key()) || first.quantity() != r.quantity()) {
            throw new ValidationException("event_id", "The event id '" + r.eventId()
                    + "' was already used for a different usage record.");
        }
        return new Recorded(true, first.feature(), first.totalAfter(), limit, true);
    }

    UsageKey usageKey(long workspaceId, Feature feature, Instant now) {
        ResetPeriod period = feature.resetPeriod();
        return new UsageKey(workspaceId, feature.key(), period == null ? Instant.EPOCH : period.start(now));
    }

    /** When the period that contains {@code now} ends; null for features that never reset. */
    static Instant resetAt(Feature feature, Instant now) {
        ResetPeriod period = feature.resetPeriod();
        return period == null ? null : period.next(now);
    }

    FeatureLimit limitInForce(long workspaceId, Tier plan, Feature feature) {
        return overrides.find(workspaceId, feature.key())
                .map(LimitOverride::asLimit)
                .orElse(plan.limits().get(feature.key()));
    }

    // Crossing, not "at or above": exactly one successful add takes an exact counter across a
    // threshold, so the mark (one store write) is only attempted when a notification is due.
    private void notifyCrossedThresholds(UsageKey key, Feature feature, long limit, long before, long after,
                                         Instant now) {
        if (limit <= 0) {
            return;
        }
        for (int percent : THRESHOLDS) {
            long threshold = thresholdValue(limit, percent);
            if (before < threshold && after >= threshold && store.markThreshold(key, percent)) {
                listener.thresholdReached(new ThresholdCrossed(key.workspaceId(), feature.key(), percent, after, limit,
                        key.periodStart(), resetAt(feature, now)));
            }
        }
    }

    /** The smallest usage that is at least {@code percent} % of {@code limit}, without overflow. */
    static long thresholdValue(long limit, int percent) {
        return limit / 100 * percent + ((limit % 100) * percent + 99) / 100;
    }
}
