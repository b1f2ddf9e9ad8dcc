package dev.gatehouse.entitlements;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
 */
public final class GroupCommit implements AutoCloseable {

    /** A recording waiting for its batch, and the caller waiting for its answer. */
    private record Ticket(UsageRecording.Resolved resolved, long arrivedNanos,
                          CompletableFuture<UsageRecording.Answer> answer) {
    }

    private final UsageRecording recording;
    private final UsageTransactions transactions;
    private final ThreadFactory threadFactory;
    private final int maxBatch;
    private final long windowNanos;
    private final LongSupplier nanoTicker;
    private final BlockingQueue<Ticket> queue;
    private final Object lifecycle = new Object();
    private Thread writer;
    private volatile boolean closed;

    private GroupCommit(Builder b) {
        this.recording = b.entitlements.recording();
        this.transactions = b.transactions;
        this.threadFactory = b.threadFactory;
        this.maxBatch = b.maxBatch;
        this.windowNanos = b.window.toNanos();
        this.nanoTicker = b.nanoTicker;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
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
        Ticket ticket = new Ticket(resolved, nanoTicker.getAsLong(), new CompletableFuture<>());
        if (closed || !startWriter() || !queue.offer(ticket)) {
            return alone(resolved);
        }
        if (closed && queue.remove(ticket)) {
            return alone(resolved); // closed meanwhile and the writer may have left: not waiting for it
        }
        return await(ticket.answer());
    }

    /** Recordings waiting for a batch right now (for monitoring). */
    public int queued() {
        return queue.size();
    }

    /**
     * Stops taking recordings into batches: the writer commits what is queued and ends; later
     * recordings run on their callers' threads. Waits up to 10 s for the writer.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            closed = true;
            running = writer;
        }
        if (running != null) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Anything left (the writer did not finish in time): answered on this thread, one by one.
        for (Ticket left = queue.poll(); left != null; left = queue.poll()) {
            completeAlone(left);
        }
    }

    private boolean startWriter() {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            if (writer == null) {
                writer = threadFactory.newThread(this::writeLoop);
                writer.setName("gatehouse-usage-group-commit");
                writer.setDaemon(true);
                writer.start();
            }
            return true;
        }
    }

    private Recorded alone(UsageRecording.Resolved resolved) {
        return transactions.inTransaction(() -> recording.recordBatch(List.of(resolved)).get(0)).get();
    }

    private static Recorded await(CompletableFuture<UsageRecording.Answer> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get().get();
                } catch (InterruptedException e) {
                    // The recording is in a batch already: its answer must be waited for, not abandoned.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeLoop() {
        List<Ticket> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                Ticket first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                collect(first, batch);
                commit(batch);
            } catch (InterruptedException e) {
                if (!batch.isEmpty()) {
                    commit(batch); // taken from the queue: they must be answered
                }
                if (closed) {
                    return;
                }
            } catch (RuntimeException | Error unexpected) {
                // commit() answers every ticket itself; this only keeps the writer alive.
                for (Ticket t : batch) {
                    t.answer().completeExceptionally(unexpected);
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills a batch: up to maxBatch; until the window since the first recording arrived has passed;
     * or until none has arrived for a quarter of the window (the callers that were coming are in:
     * closed-loop callers send their next recording only once answered, so waiting longer would
     * only add latency).
     */
    void collect(Ticket first, List<Ticket> batch) throws InterruptedException {
        batch.add(first);
        long deadline = first.arrivedNanos() + windowNanos;
        long gap = windowNanos / 4;
        long lastArrival = first.arrivedNanos();
        queue.drainTo(batch, maxBatch - batch.size());
        while (batch.size() < maxBatch) {
            long now = nanoTicker.getAsLong();
            long wait = Math.min(deadline - now, lastArrival + gap - now);
            if (wait <= 0) {
                return;
            }
            Ticket next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                continue; // the ticker, not the poll, says whether the window is over
            }
            batch.add(next);
            lastArrival = Math.max(lastArrival, next.arrivedNanos());
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void commit(List<Ticket> batch) {
        List<UsageRecording.Resolved> resolved = new ArrayList<>(batch.size());
        for (Ticket t : batch) {
            resolved.add(t.resolved());
        }
        boolean[] workDone = {false};
        List<UsageRecording.Answer> answers;
        try {
            answers = transactions.inTransaction(() -> {
                List<UsageRecording.Answer> a = recording.recordBatch(resolved);
                workDone[0] = true;
                return a;
            });
        } catch (RuntimeException failed) {
            if (workDone[0]) {
                UsageCommitException unknown = new UsageCommitException(failed);
                batch.forEach(t -> t.answer().completeExceptionally(unknown));
                return;
            }
            // Rolled back: nothing of the batch remains. Each recording again, on its own.
            batch.forEach(this::completeAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(answers.get(i));
        }
    }

    /** Records one ticket in a transaction of its own and answers it. */
    private void completeAlone(Ticket t) {
        try {
            t.answer().complete(transactions.inTransaction(() -> recording.recordBatch(List.of(t.resolved())).get(0)));
        } catch (RuntimeException e) {
            t.answer().completeExceptionally(e);
        }
    }

    /**
     * Configures a {@link GroupCommit}. Each setter checks its argument and fails with a message
     * naming the bad value. Not thread-safe.
     */
    public static final class Builder {

        /** Default {@link #maxBatch(int)}. */
        public static final int DEFAULT_MAX_BATCH = 256;
        /** Default {@link #window(Duration)}. */
        public static final Duration DEFAULT_WINDOW = Duration.ofMillis(2);
        /** Default {@link #queueCapacity(int)}. */
        public static final int DEFAULT_QUEUE_CAPACITY = 8192;

        private final BuilderSettings settings = new BuilderSettings();
        private final Entitlements entitlements;
        private UsageTransactions transactions;
        private ThreadFactory threadFactory = Thread::new;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private Duration window = DEFAULT_WINDOW;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private LongSupplier nanoTicker = System::nanoTime;

        private Builder(Entitlements entitlements) {
            this.entitlements = entitlements;
        }

        /**
         * Runs each batch in one transaction that the store joins. Required.
         *
         * @param transactions the host's transactions
         * @return this builder
         */
        public Builder transactions(UsageTransactions transactions) {
            settings.once("transactions");
            this.transactions = BuilderSettings.requireNonNull("transactions", transactions);
            return this;
        }

        /**
         * Makes the writer thread (in a container, its managed thread factory). Default: plain threads.
         *
         * @param threadFactory the factory
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            settings.once("threadFactory");
            this.threadFactory = BuilderSettings.requireNonNull("threadFactory", threadFactory);
            return this;
        }

        /**
         * The most recordings in one batch. Default: 256.
         *
         * @param maxBatch 1 to 10,000
         * @return this builder
         */
        public Builder maxBatch(int maxBatch) {
            settings.once("maxBatch");
            if (maxBatch < 1 || maxBatch > 10_000) {
                throw new IllegalArgumentException("maxBatch must be from 1 to 10000 but was " + maxBatch);
            }
            this.maxBatch = maxBatch;
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
            settings.once("window");
            BuilderSettings.requireNonNull("window", window);
            if (window.isNegative() || window.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("window must be from 0 to 1 second but was " + window);
            }
            this.window = window;
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
            settings.once("queueCapacity");
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1 but was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * The time source for the window, in nanoseconds. Default: {@link System#nanoTime()}.
         *
         * @param nanoTicker monotonic nanoseconds
         * @return this builder
         */
        public Builder nanoTicker(LongSupplier nanoTicker) {
            settings.once("nanoTicker");
            this.nanoTicker = BuilderSettings.requireNonNull("nanoTicker", nanoTicker);
            return this;
        }

        /**
         * Builds it; the writer thread starts with the first recording.
         *
         * @return the group commit
         * @throws IllegalStateException if no transactions were set
         */
        public GroupCommit build() {
            if (transactions == null) {
                throw new IllegalStateException("transactions are required: each batch needs a transaction of its own");
            }
            return new GroupCommit(this);
        }
    }
}
