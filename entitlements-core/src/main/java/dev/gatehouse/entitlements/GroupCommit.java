package dev.gatehouse.entitlements;

import dev.gatehouse.commit.GroupCommitter;
import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/**
 * Group commit for usage recording: concurrent {@link #record} calls are collected by one writer
 * thread into batches that are recorded in ONE transaction each, and every caller is answered only
 * after the batch holding its recording has committed.
 *
 * <pre>{@code
 * GroupCommit recorder = GroupCommit.builder(entitlements)
 *         .transactions(work -> tx.inNewTransaction(work))   // the host's transaction manager
 *         .threadFactory(managedThreads)
 *         .build();
 * Recorded r = recorder.record(workspaceId, "pro", "api_calls", 1, "evt_42", null); // after the commit
 * }</pre>
 *
 * <p><b>Exact.</b> A batch is applied by {@link UsageStore#recordBatch} as if its recordings ran one
 * after another in arrival order, so two recordings of one workspace in the same batch see each
 * other: a hard limit is never passed, an event id repeated inside a batch counts once, and exactly
 * one recording crosses each threshold (its notification is made inside the batch's transaction).
 * Refusals and validation errors are answered per recording; a refused recording changes nothing.
 *
 * <p><b>Durable.</b> An answer ({@link Recorded} or a refusal) is given only after the commit, so an
 * acknowledged recording survives a crash and a refused one was never counted. If the batch's work
 * fails (a database error, a listener's exception), the transaction is rolled back and each of its
 * recordings is retried on its own, in a transaction of its own, so one bad recording fails only its
 * own caller. If the commit itself fails after the work was done, the outcome is unknown: every
 * caller of that batch gets a {@link UsageCommitException} (retrying with an event id is safe).
 *
 * <p><b>Batches.</b> A batch closes after {@linkplain Builder#maxBatch(int) N recordings}, when the
 * {@linkplain Builder#window(Duration) window} has passed since its first recording arrived, or when
 * no recording has arrived for a quarter of the window, whichever comes first; while the writer
 * commits one batch, the next one fills. When the bounded queue is full,
 * or after {@link #close()}, a caller records on its own thread in a transaction of its own instead of
 * waiting. Validation and the lookup of the limit in force happen on the caller's thread, before
 * queueing. Recordings inside a caller's own transaction cannot be batched (they must commit or roll
 * back with it): use {@link Entitlements#record} for those.
 *
 * <p>The queue, the writer, the window and the batch-then-each-alone retry are
 * {@link GroupCommitter}'s (shared with the webhooks' REST publishing); this class adds what is
 * usage's own: resolving on the caller's thread and {@link UsageStore#recordBatch}'s exactness.
 */
public final class GroupCommit implements AutoCloseable {

    private final UsageRecording recording;
    private final GroupCommitter<UsageRecording.Resolved, UsageRecording.Answer> committer;

    private GroupCommit(Builder b) {
        this.recording = b.entitlements.recording();
        this.committer = b.committer.build();
    }

    /**
     * Starts building a group commit for the recordings of {@code entitlements}.
     *
     * @param entitlements the facade whose catalog, store, limits and listener apply
     * @return a builder with the defaults described on its methods
     */
    public static Builder builder(Entitlements entitlements) {
        return new Builder(Objects.requireNonNull(entitlements, "entitlements"));
    }

    /**
     * Records usage exactly as {@link Entitlements#record} does, in a batch with concurrent
     * recordings; returns once that batch has committed.
     *
     * @param workspaceId  the workspace
     * @param tier         the workspace's tier name
     * @param feature      the feature key; flags cannot be recorded
     * @param quantity     the amount
     * @param eventId      the caller's idempotency id, or null
     * @param metadataJson the caller's metadata as JSON text, or null
     * @return the new total, committed
     * @throws ValidationException          as {@link Entitlements#record}
     * @throws FeatureLimitReachedException as {@link Entitlements#record}; nothing was recorded
     * @throws UsageCommitException         if the batch's commit failed (outcome unknown)
     */
    public Recorded record(long workspaceId, String tier, String feature, long quantity, String eventId,
                           String metadataJson) {
        UsageRecording.Resolved resolved = recording.resolve(workspaceId, tier, feature, quantity, eventId, metadataJson);
        if (!resolved.inPlan()) {
            return recording.notInPlan(resolved); // reads only: nothing to commit
        }
        return committer.submit(resolved).get();
    }

    /** Recordings waiting for a batch right now (for monitoring). */
    public int queued() {
        return committer.queued();
    }

    /**
     * Stops taking recordings into batches: the writer commits what is queued and ends; later
     * recordings run on their callers' threads. Waits up to 10 s for the writer.
     */
    @Override
    public void close() {
        committer.close();
    }

    /**
     * Configures a {@link GroupCommit}. Each setter checks its argument and fails with a message
     * naming the bad value. Not thread-safe.
     */
    public static final class Builder {

        /** Default {@link #maxBatch(int)}. */
        public static final int DEFAULT_MAX_BATCH = GroupCommitter.Builder.DEFAULT_MAX_BATCH;
        /** Default {@link #window(Duration)}. */
        public static final Duration DEFAULT_WINDOW = GroupCommitter.Builder.DEFAULT_WINDOW;
        /** Default {@link #queueCapacity(int)}. */
        public static final int DEFAULT_QUEUE_CAPACITY = GroupCommitter.Builder.DEFAULT_QUEUE_CAPACITY;

        private final Entitlements entitlements;
        private final GroupCommitter.Builder<UsageRecording.Resolved, UsageRecording.Answer> committer;

        private Builder(Entitlements entitlements) {
            this.entitlements = entitlements;
            UsageRecording recording = entitlements.recording();
            this.committer = GroupCommitter.<UsageRecording.Resolved, UsageRecording.Answer>builder(
                            "gatehouse-usage-group-commit", recording::recordBatch)
                    .commitFailure(UsageCommitException::new);
        }

        /**
         * Runs each batch in one transaction that the store joins. Required.
         *
         * @param transactions the host's transactions
         * @return this builder
         */
        public Builder transactions(UsageTransactions transactions) {
            committer.transactions(transactions);
            return this;
        }

        /**
         * Makes the writer thread (in a container, its managed thread factory). Default: plain threads.
         *
         * @param threadFactory the factory
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            committer.threadFactory(threadFactory);
            return this;
        }

        /**
         * The most recordings in one batch. Default: 256.
         *
         * @param maxBatch 1 to 10,000
         * @return this builder
         */
        public Builder maxBatch(int maxBatch) {
            committer.maxBatch(maxBatch);
            return this;
        }

        /**
         * How long a batch may wait for more recordings after its first arrived. Default: 2 ms. Zero
         * closes a batch as soon as the queue is empty.
         *
         * @param window 0 to 1 second
         * @return this builder
         */
        public Builder window(Duration window) {
            committer.window(window);
            return this;
        }

        /**
         * How many recordings may wait for a batch; beyond that a caller records on its own thread.
         * Default: 8,192.
         *
         * @param queueCapacity at least 1
         * @return this builder
         */
        public Builder queueCapacity(int queueCapacity) {
            committer.queueCapacity(queueCapacity);
            return this;
        }

        /**
         * The time source for the window, in nanoseconds. Default: {@link System#nanoTime()}.
         *
         * @param nanoTicker monotonic nanoseconds
         * @return this builder
         */
        public Builder nanoTicker(LongSupplier nanoTicker) {
            committer.nanoTicker(nanoTicker);
            return this;
        }

        /**
         * Builds it; the writer thread starts with the first recording.
         *
         * @return the group commit
         * @throws IllegalStateException if no transactions were set
         */
        public GroupCommit build() {
            return new GroupCommit(this);
        }
    }
}
