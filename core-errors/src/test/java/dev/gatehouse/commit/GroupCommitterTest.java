package dev.gatehouse.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The shared batcher on its own, with a work that appends items to a list (a "store") and a
 * transaction runner that keeps the appends only when the work returns: how batches close (by
 * count, by the window on an injected ticker — no sleeping), what each caller gets when a batch's
 * work or its commit fails, and what happens when the queue is full or the committer closed.
 */
class GroupCommitterTest {

    /** The committed items, in commit order. */
    private final List<String> committed = Collections.synchronizedList(new ArrayList<>());
    /** The sizes of the batches whose work ran, failed or not. */
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile boolean commitFails;
    private GroupCommitter<String, String> committer;

    /** Rolls back (drops the work's appends) when the work throws; commits otherwise. */
    private final NewTransactions tx = new NewTransactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            transactions.incrementAndGet();
            List<String> pending = new ArrayList<>();
            PENDING.set(pending);
            try {
                T result = work.get();
                if (commitFails) {
                    throw new IllegalStateException("commit lost");
                }
                committed.addAll(pending);
                return result;
            } finally {
                PENDING.remove();
            }
        }
    };

    private static final ThreadLocal<List<String>> PENDING = new ThreadLocal<>();

    /** Answers "ok:item" (or "dup:item" for an item seen before, committed or earlier in the batch); "bad" fails. */
    private final Function<List<String>, List<String>> work = items -> {
        batchSizes.add(items.size());
        List<String> answers = new ArrayList<>();
        for (String item : items) {
            if (item.startsWith("bad")) {
                throw new IllegalArgumentException("no " + item);
            }
            boolean seen = committed.contains(item) || PENDING.get().contains(item);
            if (!seen) {
                PENDING.get().add(item);
            }
            answers.add((seen ? "dup:" : "ok:") + item);
        }
        return answers;
    };

    @AfterEach
    void close() {
        if (committer != null) {
            committer.close();
        }
    }

    private GroupCommitter.Builder<String, String> builder() {
        return GroupCommitter.builder("test-group-commit", work).transactions(tx);
    }

    @Test
    void submit_batchClosesAtMaxBatch_oneTransactionAndItemsSeeEachOther() throws Exception {
        // A ticker that never moves: the window never ends, only the count can close a batch.
        committer = builder().maxBatch(8).window(Duration.ofSeconds(1)).nanoTicker(() -> 0L).build();

        List<String> answers = concurrently(8, t -> () -> committer.submit(t < 2 ? "same" : "item" + t));

        assertThat(batchSizes).containsExactly(8);
        assertThat(transactions.get()).isEqualTo(1);
        assertThat(answers).containsExactlyInAnyOrder("ok:same", "dup:same", "ok:item2", "ok:item3", "ok:item4",
                "ok:item5", "ok:item6", "ok:item7");
        assertThat(committed).hasSize(7);
    }

    @Test
    void submit_windowPassedOnTheTicker_closesTheBatchWithoutWaiting() {
        // Each reading of the ticker is an hour after the last: the window is always over.
        AtomicLong ticker = new AtomicLong();
        committer = builder().maxBatch(100).window(Duration.ofSeconds(1))
                .nanoTicker(() -> ticker.addAndGet(Duration.ofHours(1).toNanos())).build();

        assertThat(committer.submit("a")).isEqualTo("ok:a");
        assertThat(committer.submit("a")).isEqualTo("dup:a");
        assertThat(batchSizes).containsExactly(1, 1);
    }

    @Test
    void submit_noArrivalForAQuarterOfTheWindow_closesTheBatchBeforeTheWindowEnds() {
        // The arrival reads 0; every later reading is 300 ms: past the 250 ms gap, within the 1 s window.
        AtomicInteger readings = new AtomicInteger();
        committer = builder().maxBatch(100).window(Duration.ofSeconds(1))
                .nanoTicker(() -> readings.getAndIncrement() == 0 ? 0L : Duration.ofMillis(300).toNanos()).build();

        String answer = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> committer.submit("a"));

        assertThat(answer).isEqualTo("ok:a");
        assertThat(batchSizes).containsExactly(1);
    }

    @Test
    void submit_batchWorkFails_eachItemIsRetriedAloneAndOnlyTheBadOneFails() throws Exception {
        committer = builder().maxBatch(3).window(Duration.ofSeconds(1)).nanoTicker(() -> 0L).build();

        List<Object> outcomes = concurrently(3, t -> () -> {
            try {
                return committer.submit(t == 0 ? "bad" : "item" + t);
            } catch (IllegalArgumentException e) {
                return e;
            }
        });

        assertThat(outcomes).containsOnlyOnce("ok:item1", "ok:item2");
        assertThat(outcomes).filteredOn(IllegalArgumentException.class::isInstance).singleElement()
                .satisfies(e -> assertThat((Exception) e).hasMessage("no bad"));
        assertThat(committed).containsExactlyInAnyOrder("item1", "item2");
        assertThat(transactions.get()).isEqualTo(1 + 3);
    }

    @Test
    void submit_commitFailsAfterTheWork_everyCallerOfTheBatchGetsTheCommitFailure() throws Exception {
        commitFails = true;
        committer = builder().maxBatch(2).window(Duration.ofSeconds(1)).nanoTicker(() -> 0L).build();

        List<Object> outcomes = concurrently(2, t -> () -> {
            try {
                return committer.submit("item" + t);
            } catch (CommitOutcomeUnknownException e) {
                return e;
            }
        });

        assertThat(outcomes).hasSize(2).allSatisfy(e -> assertThat((Throwable) e)
                .isInstanceOf(CommitOutcomeUnknownException.class).hasRootCauseMessage("commit lost"));
        assertThat(transactions.get()).isEqualTo(1); // not retried: the outcome is unknown, not failed
    }

    @Test
    void submit_commitFailureConfigured_callersGetTheConfiguredException() {
        commitFails = true;
        committer = builder().window(Duration.ZERO).commitFailure(e -> new UnsupportedOperationException("mine", e)).build();

        assertThatThrownBy(() -> committer.submit("a")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("mine").hasRootCauseMessage("commit lost");
    }

    @Test
    void submit_queueFull_runsOnTheCallersThreadInItsOwnTransaction() throws Exception {
        // The writer's thread is made but held until released: the first item stays queued (capacity 1).
        CountDownLatch release = new CountDownLatch(1);
        committer = builder().queueCapacity(1).window(Duration.ZERO).threadFactory(r -> new Thread(() -> {
            awaitQuietly(release);
            r.run();
        })).build();
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<String> queued = first.submit(() -> committer.submit("first"));
            while (committer.queued() == 0) {
                Thread.onSpinWait();
            }

            assertThat(committer.submit("second")).isEqualTo("ok:second");
            assertThat(committed).containsExactly("second"); // committed alone, before the queued one
            release.countDown();
            assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo("ok:first");
            assertThat(committed).containsExactly("second", "first");
        } finally {
            release.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void close_commitsWhatIsQueuedThenRunsLaterItemsAlone() {
        committer = builder().window(Duration.ZERO).build();
        assertThat(committer.submit("a")).isEqualTo("ok:a");
        committer.close();

        assertThat(committer.submit("b")).isEqualTo("ok:b");
        assertThat(committer.submit("a")).isEqualTo("dup:a");
        assertThat(committed).containsExactly("a", "b");
    }

    @Test
    void builder_badValues_areRefusedNamingThem() {
        assertThatThrownBy(() -> GroupCommitter.builder(null, work)).hasMessageContaining("name");
        assertThatThrownBy(() -> GroupCommitter.builder("n", null)).hasMessageContaining("work");
        assertThatThrownBy(() -> builder().maxBatch(0)).hasMessageContaining("maxBatch");
        assertThatThrownBy(() -> builder().maxBatch(10_001)).hasMessageContaining("maxBatch");
        assertThatThrownBy(() -> builder().window(Duration.ofSeconds(2))).hasMessageContaining("window");
        assertThatThrownBy(() -> builder().window(Duration.ofMillis(-1))).hasMessageContaining("window");
        assertThatThrownBy(() -> builder().queueCapacity(0)).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> builder().transactions(tx)).hasMessageContaining("transactions was already set");
        assertThatThrownBy(() -> GroupCommitter.builder("n", work).build()).hasMessageContaining("transactions");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one task per thread, released together by a barrier, and collects what each returned in task order. */
    private static <T> List<T> concurrently(int threads, IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<FutureTask<T>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Callable<T> call = task.apply(t);
            FutureTask<T> f = new FutureTask<>(() -> {
                start.await();
                return call.call();
            });
            tasks.add(f);
            new Thread(f, "caller-" + t).start();
        }
        List<T> results = new ArrayList<>();
        for (FutureTask<T> f : tasks) {
            results.add(f.get(5, TimeUnit.MINUTES));
        }
        return results;
    }
}
