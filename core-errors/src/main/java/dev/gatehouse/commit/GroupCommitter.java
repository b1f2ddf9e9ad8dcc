package dev.gatehouse.commit;

import dev.gatehouse.errors.BuilderSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Group commit: concurrent {@link #submit} calls are collected by one writer thread into batches,
 * each batch's work runs in ONE transaction, and every caller is answered only after the batch
 * holding its item has committed.
 *
 * <pre>{@code
 * GroupCommitter<Publish, PublishResult> publishes = GroupCommitter.builder("gatehouse-publish-group-commit",
 *                 (List<Publish> batch) -> batch.stream().map(p -> webhooks.publish(...)).toList())
 *         .transactions(tx)                 // the host's new-transaction runner
 *         .threadFactory(managedThreads)
 *         .build();
 * PublishResult r = publishes.submit(publish);   // returns after its batch committed
 * }</pre>
 *
 * <p><b>The work.</b> Handed a batch's items in arrival order, inside the batch's transaction, it
 * returns one answer per item in the same order, as if the items had run one after another (so an
 * item sees the items before it in its batch). A single item runs through the same work, as a
 * batch of one.
 *
 * <p><b>Durable.</b> An answer is given only after the commit, so an acknowledged item survives a
 * crash. If the batch's work throws, the transaction is rolled back and each of its items is run
 * again on its own, in a transaction of its own, so one bad item fails only its own caller (with
 * what its lone run threw). If the commit itself fails after the work was done, the outcome is
 * unknown: every caller of that batch gets the {@linkplain Builder#commitFailure commit failure}
 * ({@link CommitOutcomeUnknownException} unless configured).
 *
 * <p><b>Batches.</b> A batch closes after {@linkplain Builder#maxBatch(int) N items}, when the
 * {@linkplain Builder#window(Duration) window} has passed since its first item arrived, or when no
 * item has arrived for a quarter of the window, whichever comes first; while the writer commits one
 * batch, the next one fills. When the bounded queue is full, or after {@link #close()}, a caller
 * runs its item on its own thread in a transaction of its own instead of waiting. Work inside a
 * caller's own transaction cannot be batched (it must commit or roll back with it).
 *
 * @param <I> an item: what one caller asks for
 * @param <O> its answer
 */
public final class GroupCommitter<I, O> implements AutoCloseable {

    /** An item waiting for its batch, and the caller waiting for its answer. */
    private record Ticket<I, O>(I item, long arrivedNanos, CompletableFuture<O> answer) {
    }

    private final String name;
    private final Function<List<I>, List<O>> work;
    private final NewTransactions transactions;
    private final ThreadFactory threadFactory;
    private final int maxBatch;
    private final long windowNanos;
    private final LongSupplier nanoTicker;
    private final Function<RuntimeException, RuntimeException> commitFailure;
    private final BlockingQueue<Ticket<I, O>> queue;
    private final Object lifecycle = new Object();
    private Thread writer;
    private volatile boolean closed;

    private GroupCommitter(Builder<I, O> b) {
        this.name = b.name;
        this.work = b.work;
        this.transactions = b.transactions;
        this.threadFactory = b.threadFactory;
        this.maxBatch = b.maxBatch;
        this.windowNanos = b.window.toNanos();
        this.nanoTicker = b.nanoTicker;
        this.commitFailure = b.commitFailure;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    }

    /**
     * Starts building a group committer.
     *
     * @param name the writer thread's name
     * @param work runs a batch's items in arrival order and answers each, in that order
     * @param <I>  an item
     * @param <O>  its answer
     * @return a builder with the defaults described on its methods
     */
    public static <I, O> Builder<I, O> builder(String name, Function<List<I>, List<O>> work) {
        return new Builder<>(BuilderSettings.requireNonNull("name", name), BuilderSettings.requireNonNull("work", work));
    }

    /**
     * Runs {@code item} in a batch with concurrent items; returns its answer once that batch has
     * committed.
     *
     * @param item the item
     * @return its answer, committed
     * @throws RuntimeException what the item's work threw when it ran alone, or the commit failure
     */
    public O submit(I item) {
        Ticket<I, O> ticket = new Ticket<>(item, nanoTicker.getAsLong(), new CompletableFuture<>());
        if (closed || !startWriter() || !queue.offer(ticket)) {
            return alone(item);
        }
        if (closed && queue.remove(ticket)) {
            return alone(item); // closed meanwhile and the writer may have left: not waiting for it
        }
        return await(ticket.answer());
    }

    /** Items waiting for a batch right now (for monitoring). */
    public int queued() {
        return queue.size();
    }

    /**
     * Stops taking items into batches: the writer commits what is queued and ends; later items run
     * on their callers' threads. Waits up to 10 s for the writer.
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
        for (Ticket<I, O> left = queue.poll(); left != null; left = queue.poll()) {
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
                writer.setName(name);
                writer.setDaemon(true);
                writer.start();
            }
            return true;
        }
    }

    private O alone(I item) {
        return transactions.inTransaction(() -> work.apply(List.of(item)).get(0));
    }

    private static <O> O await(CompletableFuture<O> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    // The item is in a batch already: its answer must be waited for, not abandoned.
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
        List<Ticket<I, O>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                Ticket<I, O> first = queue.poll(200, TimeUnit.MILLISECONDS);
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
                for (Ticket<I, O> t : batch) {
                    t.answer().completeExceptionally(unexpected);
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills a batch: up to maxBatch; until the window since the first item arrived has passed; or
     * until none has arrived for a quarter of the window (the callers that were coming are in:
     * closed-loop callers send their next item only once answered, so waiting longer would only
     * add latency).
     */
    private void collect(Ticket<I, O> first, List<Ticket<I, O>> batch) throws InterruptedException {
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
            Ticket<I, O> next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                continue; // the ticker, not the poll, says whether the window is over
            }
            batch.add(next);
            lastArrival = Math.max(lastArrival, next.arrivedNanos());
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void commit(List<Ticket<I, O>> batch) {
        List<I> items = new ArrayList<>(batch.size());
        for (Ticket<I, O> t : batch) {
            items.add(t.item());
        }
        boolean[] workDone = {false};
        List<O> answers;
        try {
            answers = transactions.inTransaction(() -> {
                List<O> a = work.apply(items);
                if (a.size() != items.size()) {
                    throw new IllegalStateException("the work answered " + a.size() + " of " + items.size() + " items");
                }
                workDone[0] = true;
                return a;
            });
        } catch (RuntimeException failed) {
            if (workDone[0]) {
                RuntimeException unknown = commitFailure.apply(failed);
                batch.forEach(t -> t.answer().completeExceptionally(unknown));
                return;
            }
            // Rolled back: nothing of the batch remains. Each item again, on its own.
            batch.forEach(this::completeAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(answers.get(i));
        }
    }

    /** Runs one ticket's item in a transaction of its own and answers it. */
    private void completeAlone(Ticket<I, O> t) {
        try {
            t.answer().complete(alone(t.item()));
        } catch (RuntimeException e) {
            t.answer().completeExceptionally(e);
        }
    }

    /**
     * Configures a {@link GroupCommitter}. Each setter checks its argument and fails with a message
     * naming the bad value. Not thread-safe.
     *
     * @param <I> an item
     * @param <O> its answer
     */
    public static final class Builder<I, O> {

        /** Default {@link #maxBatch(int)}. */
        public static final int DEFAULT_MAX_BATCH = 256;
        /** Default {@link #window(Duration)}. */
        public static final Duration DEFAULT_WINDOW = Duration.ofMillis(2);
        /** Default {@link #queueCapacity(int)}. */
        public static final int DEFAULT_QUEUE_CAPACITY = 8192;

        private final BuilderSettings settings = new BuilderSettings();
        private final String name;
        private final Function<List<I>, List<O>> work;
        private NewTransactions transactions;
        private ThreadFactory threadFactory = Thread::new;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private Duration window = DEFAULT_WINDOW;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private LongSupplier nanoTicker = System::nanoTime;
        private Function<RuntimeException, RuntimeException> commitFailure = CommitOutcomeUnknownException::new;

        private Builder(String name, Function<List<I>, List<O>> work) {
            this.name = name;
            this.work = work;
        }

        /**
         * Runs each batch (and each lone item) in one transaction that the work's stores join. Required.
         *
         * @param transactions the host's transactions
         * @return this builder
         */
        public Builder<I, O> transactions(NewTransactions transactions) {
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
        public Builder<I, O> threadFactory(ThreadFactory threadFactory) {
            settings.once("threadFactory");
            this.threadFactory = BuilderSettings.requireNonNull("threadFactory", threadFactory);
            return this;
        }

        /**
         * The most items in one batch. Default: 256.
         *
         * @param maxBatch 1 to 10,000
         * @return this builder
         */
        public Builder<I, O> maxBatch(int maxBatch) {
            settings.once("maxBatch");
            if (maxBatch < 1 || maxBatch > 10_000) {
                throw new IllegalArgumentException("maxBatch must be from 1 to 10000 but was " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        /**
         * How long a batch may wait for more items after its first arrived. Default: 2 ms. Zero
         * closes a batch as soon as the queue is empty.
         *
         * @param window 0 to 1 second
         * @return this builder
         */
        public Builder<I, O> window(Duration window) {
            settings.once("window");
            BuilderSettings.requireNonNull("window", window);
            if (window.isNegative() || window.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("window must be from 0 to 1 second but was " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * How many items may wait for a batch; beyond that a caller runs its item on its own thread.
         * Default: 8,192.
         *
         * @param queueCapacity at least 1
         * @return this builder
         */
        public Builder<I, O> queueCapacity(int queueCapacity) {
            settings.once("queueCapacity");
            BuilderSettings.requireAtLeast("queueCapacity", queueCapacity, 1);
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * The time source for the window, in nanoseconds. Default: {@link System#nanoTime()}.
         *
         * @param nanoTicker monotonic nanoseconds
         * @return this builder
         */
        public Builder<I, O> nanoTicker(LongSupplier nanoTicker) {
            settings.once("nanoTicker");
            this.nanoTicker = BuilderSettings.requireNonNull("nanoTicker", nanoTicker);
            return this;
        }

        /**
         * What every caller of a batch gets when its commit failed after the work was done, made
         * from that failure. Default: {@link CommitOutcomeUnknownException}.
         *
         * @param commitFailure from the commit's exception to the callers'
         * @return this builder
         */
        public Builder<I, O> commitFailure(Function<RuntimeException, RuntimeException> commitFailure) {
            settings.once("commitFailure");
            this.commitFailure = BuilderSettings.requireNonNull("commitFailure", commitFailure);
            return this;
        }

        /**
         * Builds it; the writer thread starts with the first item.
         *
         * @return the group committer
         * @throws IllegalStateException if no transactions were set
         */
        public GroupCommitter<I, O> build() {
            if (transactions == null) {
                throw new IllegalStateException("transactions are required: each batch needs a transaction of its own");
            }
            return new GroupCommitter<>(this);
        }
    }
}
