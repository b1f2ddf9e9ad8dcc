package dev.gatehouse.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batcher itself, on the in-memory store: how batches close (by count, by the window on an
 * injected ticker — no sleeping), that recordings in one batch see each other, and what callers get
 * when a batch fails. The store suites ({@code UsageStoreContract}) run the 32-thread limit test
 * through it on memory, H2 and PostgreSQL.
 */
class GroupCommitTest {

    private static final String CATALOG = """
            features=posts,storage
            feature.posts.kind=counted
            feature.storage.kind=counted
            tiers=basic
            tier.basic.rate.per-minute=60
            tier.basic.limit.posts=10
            tier.basic.limit.storage=100
            """;

    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<ThresholdCrossed> notified = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryUsageStore memory = new InMemoryUsageStore();
    private volatile long failWorkspace = -1;
    private final UsageStore store = new Delegating(memory) {
        @Override
        public List<BatchedOutcome> recordBatch(List<BatchedUsage> batch) {
            // Fails before changing anything, as a rolled-back transaction leaves it.
            if (batch.stream().anyMatch(u -> u.key().workspaceId() == failWorkspace)) {
                throw new IllegalStateException("database says no");
            }
            batchSizes.add(batch.size());
            return super.recordBatch(batch);
        }
    };
    private final Entitlements entitlements = Entitlements.builder()
            .catalog(PlanCatalog.load(new StringReader(CATALOG)))
            .store(store)
            .clock(MutableClock.at("2026-01-15T10:30:00Z"))
            .listener(notified::add)
            .build();
    private final AtomicInteger transactions = new AtomicInteger();
    private GroupCommit recorder;

    @AfterEach
    void close() {
        if (recorder != null) {
            recorder.close();
        }
    }

    private GroupCommit.Builder builder() {
        return GroupCommit.builder(entitlements).transactions(new UsageTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                transactions.incrementAndGet();
                return work.get();
            }
        });
    }

    @Test
    void record_batchClosesAtMaxBatch_recordingsOfOneWorkspaceSeeEachOther() throws Exception {
        // A ticker that never moves: the window never ends, only the count can close a batch.
        recorder = builder().maxBatch(12).window(Duration.ofSeconds(1)).nanoTicker(() -> 0L).build();

        List<Object> outcomes = Concurrently.run(12, t -> () -> {
            try {
                return recorder.record(1, "basic", "posts", 1, null, null);
            } catch (FeatureLimitReachedException refused) {
                return refused;
            }
        });

        assertThat(batchSizes).containsExactly(12);
        assertThat(outcomes).filteredOn(Recorded.class::isInstance).hasSize(10);
        assertThat(outcomes).filteredOn(FeatureLimitReachedException.class::isInstance).hasSize(2)
                .allSatisfy(e -> assertThat(((FeatureLimitReachedException) e).used()).isEqualTo(10));
        assertThat(outcomes).filteredOn(Recorded.class::isInstance).extracting(o -> ((Recorded) o).currentUsage())
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(memory.used(new UsageKey(1, "posts", java.time.Instant.EPOCH))).isEqualTo(10);
        // One crossing of each threshold inside the batch, notified once.
        assertThat(notified).extracting(ThresholdCrossed::percent).containsExactlyInAnyOrder(80, 100);
    }

    @Test
    void record_sameEventIdTwiceInOneBatch_countsOnceAndBothGetTheFirstTotal() throws Exception {
        recorder = builder().maxBatch(2).window(Duration.ofSeconds(1)).nanoTicker(() -> 0L).build();

        List<Recorded> outcomes = Concurrently.run(2, t -> () -> recorder.record(1, "basic", "storage", 5, "evt_same", null));

        assertThat(batchSizes).containsExactly(2);
        assertThat(outcomes).extracting(Recorded::currentUsage).containsOnly(5L);
        assertThat(outcomes).extracting(Recorded::duplicate).containsExactlyInAnyOrder(false, true);
        assertThat(memory.used(new UsageKey(1, "storage", java.time.Instant.EPOCH))).isEqualTo(5);
    }

    @Test
    void record_windowPassedOnTheTicker_closesTheBatchWithoutWaiting() {
        // Each reading of the ticker is an hour after the last: the window is always over.
        AtomicLong ticker = new AtomicLong();
        recorder = builder().maxBatch(100).window(Duration.ofSeconds(1))
                .nanoTicker(() -> ticker.addAndGet(Duration.ofHours(1).toNanos())).build();

        Recorded first = recorder.record(1, "basic", "posts", 1, null, null);
        Recorded second = recorder.record(1, "basic", "posts", 2, null, null);

        assertThat(first.currentUsage()).isEqualTo(1);
        assertThat(second.currentUsage()).isEqualTo(3);
        assertThat(batchSizes).containsExactly(1, 1);
    }

    @Test
    void record_noArrivalForAQuarterOfTheWindow_closesTheBatchBeforeTheWindowEnds() {
        // The caller's arrival reads 0; every later reading is 300 ms: past the 250 ms gap, within the 1 s window.
        AtomicInteger readings = new AtomicInteger();
        recorder = builder().maxBatch(100).window(Duration.ofSeconds(1))
                .nanoTicker(() -> readings.getAndIncrement() == 0 ? 0L : Duration.ofMillis(300).toNanos()).build();

        Recorded recorded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> recorder.record(1, "basic", "posts", 1, null, null));

        assertThat(recorded.currentUsage()).isEqualTo(1);
        assertThat(batchSizes).containsExactly(1);
    }

    @Test
    void record_batchWorkFails_eachRecordingIsRetriedAloneAndOnlyTheBadOneFails() throws Exception {
        failWorkspace = 2;
        recorder = builder().maxBatch(3).window(Duration.ofSeconds(1)).nanoTicker(() -> 0L).build();

        List<Object> outcomes = Concurrently.run(3, t -> () -> {
            try {
                return recorder.record(t == 0 ? 2 : 1, "basic", "posts", 1, null, null);
            } catch (IllegalStateException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(Recorded.class::isInstance).hasSize(2);
        assertThat(outcomes).filteredOn(IllegalStateException.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((Exception) e)).hasMessage("database says no"));
        assertThat(memory.used(new UsageKey(1, "posts", java.time.Instant.EPOCH))).isEqualTo(2);
        assertThat(transactions.get()).isEqualTo(1 + 3);
    }

    @Test
    void record_commitFailsAfterTheWork_everyCallerOfTheBatchGetsUsageCommitException() {
        recorder = GroupCommit.builder(entitlements).transactions(new UsageTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                work.get();
                throw new IllegalStateException("commit lost");
            }
        }).window(Duration.ZERO).build();

        assertThatThrownBy(() -> recorder.record(1, "basic", "posts", 1, null, null))
                .isInstanceOf(UsageCommitException.class).hasRootCauseMessage("commit lost");
    }

    @Test
    void record_invalidArguments_failOnTheCallersThreadBeforeQueueing() {
        recorder = builder().build();

        assertThatThrownBy(() -> recorder.record(1, "basic", "posts", 0, null, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> recorder.record(1, "basic", "posts", 1, "bad id", null)).isInstanceOf(ValidationException.class);
        assertThat(transactions.get()).isZero();
    }

    @Test
    void record_afterClose_recordsAloneAndStaysExact() {
        recorder = builder().window(Duration.ZERO).build();
        recorder.record(1, "basic", "posts", 9, null, null);
        recorder.close();

        assertThat(recorder.record(1, "basic", "posts", 1, null, null).currentUsage()).isEqualTo(10);
        assertThatThrownBy(() -> recorder.record(1, "basic", "posts", 1, null, null))
                .isInstanceOf(FeatureLimitReachedException.class);
    }

    @Test
    void builder_badValues_areRefusedNamingThem() {
        assertThatThrownBy(() -> GroupCommit.builder(entitlements).maxBatch(0)).hasMessageContaining("maxBatch");
        assertThatThrownBy(() -> GroupCommit.builder(entitlements).window(Duration.ofSeconds(2))).hasMessageContaining("window");
        assertThatThrownBy(() -> GroupCommit.builder(entitlements).queueCapacity(0)).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> GroupCommit.builder(entitlements).build()).hasMessageContaining("transactions");
    }

    /** Passes every call to another store. */
    private static class Delegating implements UsageStore {
        private final UsageStore d;

        Delegating(UsageStore d) {
            this.d = d;
        }

        @Override public long used(UsageKey key) { return d.used(key); }
        @Override public java.util.OptionalLong tryAdd(UsageKey key, long q, long max) { return d.tryAdd(key, q, max); }
        @Override public java.util.Optional<EventRecording> recordEvent(UsageKey key, RecordedEvent e, long max) {
            return d.recordEvent(key, e, max);
        }
        @Override public java.util.Optional<RecordedEvent> findEvent(long ws, String id) { return d.findEvent(ws, id); }
        @Override public int purgeEventsBefore(java.time.Instant cutoff) { return d.purgeEventsBefore(cutoff); }
        @Override public boolean markThreshold(UsageKey key, int percent) { return d.markThreshold(key, percent); }
        @Override public java.util.Optional<LimitOverride> findOverride(long ws, String f) { return d.findOverride(ws, f); }
        @Override public void saveOverride(LimitOverride o) { d.saveOverride(o); }
        @Override public void deleteOverride(long ws, String f) { d.deleteOverride(ws, f); }
        @Override public List<LimitOverride> overrides(long ws) { return d.overrides(ws); }
        @Override public long adjust(UsageKey key, long delta) { return d.adjust(key, delta); }
    }
}
