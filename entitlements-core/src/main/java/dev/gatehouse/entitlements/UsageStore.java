package dev.gatehouse.entitlements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Storage for usage counters, idempotency events, threshold marks and limit overrides — the only
 * thing a host implements to put entitlements on its own database.
 *
 * <p>Every method is atomic on its own. A database implementation may join the caller's
 * transaction, but correctness must not depend on one: counters are changed with guarded atomic
 * updates ({@code UPDATE usage SET used = used + ? WHERE … AND used + ? <= ?} after an
 * insert-if-absent), never read-modify-write, so concurrent calls on any number of instances stay
 * exact. {@link InMemoryUsageStore} is the reference implementation; every implementation must pass
 * the {@code UsageStoreContract} suite shipped in this module's test-jar.
 */
public interface UsageStore {

    /**
     * The counter's current total.
     *
     * @param key the counter
     * @return the total, 0 for a counter that was never written
     */
    long used(UsageKey key);

    /**
     * Atomically adds to a counter unless that would take it above a maximum. Exact under
     * concurrency: of many racing calls, exactly those that fit succeed.
     *
     * @param key                the counter, created at 0 if absent
     * @param quantity           the amount to add, at least 1
     * @param maxTotalOrMinusOne the largest total allowed after the add, or {@code -1} for no cap
     * @return the new total, or empty when the add would exceed the maximum (nothing changed)
     */
    OptionalLong tryAdd(UsageKey key, long quantity, long maxTotalOrMinusOne);

    /**
     * Records a usage event exactly once per workspace and event id — the atomic combination of
     * storing the event, {@link #tryAdd} and {@link #findEvent} that idempotent recording needs.
     *
     * <p>Atomically: if {@code event.workspaceId()} already has {@code event.eventId()}, returns
     * that stored event as a duplicate and adds nothing; otherwise adds {@code event.quantity()} to
     * {@code key} exactly as {@link #tryAdd} would and, if that is accepted, stores the event with
     * {@code totalAfter} set to the new total and returns it; if it is refused, stores nothing and
     * returns empty. Of many calls racing with the same event id, exactly one adds.
     *
     * <p>A SQL implementation, in one transaction: {@code INSERT} the event with a provisional
     * total ({@code ON CONFLICT (workspace_id, event_id) DO NOTHING}); if no row was inserted,
     * {@code SELECT} the existing one and return it as a duplicate (on PostgreSQL the conflicting
     * insert waits for the first transaction to finish); otherwise run the guarded counter update;
     * if it updated no row, {@code DELETE} the event and return empty; else set the event's
     * {@code total_after} and return it.
     *
     * @param key                the counter, whose workspace and feature match the event's
     * @param event              the event to store; its {@code totalAfter} is ignored
     * @param maxTotalOrMinusOne as for {@link #tryAdd}
     * @return the outcome, or empty when the add was refused
     */
    Optional<EventRecording> recordEvent(UsageKey key, RecordedEvent event, long maxTotalOrMinusOne);

    /**
     * Records a batch of usage as if each entry were recorded one after another, in list order,
     * with {@link #tryAdd} (no event) or {@link #recordEvent} (with an event): later entries see the
     * totals and event ids of earlier ones, so a hard limit is never passed inside a batch and an
     * event id repeated inside a batch counts once.
     *
     * <p>The default does exactly that, entry by entry; it is atomic as a whole only when the
     * caller runs it in one transaction (as {@link GroupCommit} does). A database store should
     * override it to do the same work in a few set-based statements (lock each counter once, decide
     * in memory, write each counter once): that is what makes group commit cheaper than one
     * transaction per recording.
     *
     * @param batch the recordings, in the order they are to be applied
     * @return one outcome per entry, in the same order
     */
    default List<BatchedOutcome> recordBatch(List<BatchedUsage> batch) {
        List<BatchedOutcome> outcomes = new ArrayList<>(batch.size());
        for (BatchedUsage usage : batch) {
            if (usage.event() == null) {
                OptionalLong total = tryAdd(usage.key(), usage.quantity(), usage.maxTotalOrMinusOne());
                outcomes.add(total.isPresent() ? BatchedOutcome.added(total.getAsLong(), null)
                        : BatchedOutcome.refused(used(usage.key())));
                continue;
            }
            Optional<EventRecording> recording = recordEvent(usage.key(), usage.event(), usage.maxTotalOrMinusOne());
            if (recording.isEmpty()) {
                outcomes.add(BatchedOutcome.refused(used(usage.key())));
            } else if (recording.get().duplicate()) {
                outcomes.add(BatchedOutcome.duplicate(recording.get().event()));
            } else {
                outcomes.add(BatchedOutcome.added(recording.get().event().totalAfter(), recording.get().event()));
            }
        }
        return outcomes;
    }

    /**
     * Looks up a stored event.
     *
     * @param workspaceId the workspace
     * @param eventId     the event id
     * @return the event, or empty if the workspace has none with that id (or it was purged)
     */
    Optional<RecordedEvent> findEvent(long workspaceId, String eventId);

    /**
     * Forgets events recorded before a cutoff, so their ids may be used again.
     *
     * @param cutoff events with {@code recordedAt} strictly before this are removed
     * @return how many were removed
     */
    int purgeEventsBefore(Instant cutoff);

    /**
     * Marks that a counter reached a percentage of its limit, so the notification is sent once.
     *
     * @param key     the counter (and so the period)
     * @param percent the threshold, e.g. 80 or 100
     * @return true only for the first call with this key and percent
     */
    boolean markThreshold(UsageKey key, int percent);

    /**
     * Looks up a workspace's override for a feature.
     *
     * @param workspaceId the workspace
     * @param feature     the feature key
     * @return the override, or empty
     */
    Optional<LimitOverride> findOverride(long workspaceId, String feature);

    /**
     * Creates or replaces the override for the override's workspace and feature.
     *
     * @param override the override
     */
    void saveOverride(LimitOverride override);

    /**
     * Removes a workspace's override for a feature; does nothing if there is none.
     *
     * @param workspaceId the workspace
     * @param feature     the feature key
     */
    void deleteOverride(long workspaceId, String feature);

    /**
     * All overrides of a workspace.
     *
     * @param workspaceId the workspace
     * @return the overrides ordered by feature key
     */
    List<LimitOverride> overrides(long workspaceId);

    /**
     * Corrects a counter by a signed amount (an operator's adjustment, e.g. after deleting
     * files). The total never goes below 0.
     *
     * @param key   the counter, created at 0 if absent
     * @param delta the amount to add, negative to subtract
     * @return the new total
     */
    long adjust(UsageKey key, long delta);
}
