package dev.gatehouse.entitlements;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link UsageStore} must have. A store implementation's test extends this
 * class and returns a fresh, empty store from {@link #newStore()}; the suite ships in this
 * module's test-jar.
 *
 * <p>Every store method is called outside any transaction, so a transactional store under test
 * should run each call in its own transaction (as the container would around a request). The
 * concurrency tests use 32 threads. Test methods are public so that subclasses in other packages
 * inherit them.
 */
public abstract class UsageStoreContract {

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final UsageKey KEY = new UsageKey(1, "api_calls", JAN);

    /** The store under test, fresh for each test. */
    protected UsageStore store;

    /**
     * Creates an empty store.
     *
     * @return a store with no counters, events, marks or overrides
     */
    protected abstract UsageStore newStore();

    @BeforeEach
    public void createStore() {
        store = newStore();
    }

    @Test
    public void used_neverWritten_isZero() {
        assertThat(store.used(KEY)).isZero();
    }

    @Test
    public void tryAdd_withinMax_returnsNewTotal() {
        assertThat(store.tryAdd(KEY, 3, 10)).hasValue(3);
        assertThat(store.tryAdd(KEY, 4, 10)).hasValue(7);
        assertThat(store.used(KEY)).isEqualTo(7);
    }

    @Test
    public void tryAdd_reachingExactlyMax_isAccepted() {
        store.tryAdd(KEY, 7, 10);

        assertThat(store.tryAdd(KEY, 3, 10)).hasValue(10);
    }

    @Test
    public void tryAdd_aboveMax_isRefusedAndChangesNothing() {
        store.tryAdd(KEY, 7, 10);

        assertThat(store.tryAdd(KEY, 4, 10)).isEmpty();
        assertThat(store.used(KEY)).isEqualTo(7);
    }

    @Test
    public void tryAdd_maxZero_refusesEverything() {
        assertThat(store.tryAdd(KEY, 1, 0)).isEmpty();
        assertThat(store.used(KEY)).isZero();
    }

    @Test
    public void tryAdd_minusOne_hasNoCap() {
        store.tryAdd(KEY, 1_000_000_000_000L, -1);

        assertThat(store.tryAdd(KEY, 1_000_000_000_000L, -1)).hasValue(2_000_000_000_000L);
    }

    @Test
    public void tryAdd_totalAlreadyAboveMax_isRefused() {
        store.adjust(KEY, 20);

        assertThat(store.tryAdd(KEY, 1, 10)).isEmpty();
        assertThat(store.used(KEY)).isEqualTo(20);
    }

    static Stream<Arguments> neighbours() {
        return Stream.of(
                Arguments.of("other workspace", new UsageKey(2, "api_calls", JAN)),
                Arguments.of("other feature", new UsageKey(1, "posts", JAN)),
                Arguments.of("other period", new UsageKey(1, "api_calls", FEB)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("neighbours")
    public void tryAdd_onOneCounter_leavesNeighbourUntouched(String name, UsageKey neighbour) {
        store.tryAdd(KEY, 5, -1);

        assertThat(store.used(neighbour)).isZero();
        assertThat(store.tryAdd(neighbour, 2, 2)).hasValue(2);
        assertThat(store.used(KEY)).isEqualTo(5);
    }

    @Test
    public void adjust_upAndDown_returnsNewTotal() {
        store.tryAdd(KEY, 10, -1);

        assertThat(store.adjust(KEY, 5)).isEqualTo(15);
        assertThat(store.adjust(KEY, -12)).isEqualTo(3);
        assertThat(store.used(KEY)).isEqualTo(3);
    }

    @Test
    public void adjust_belowZero_stopsAtZero() {
        store.tryAdd(KEY, 10, -1);

        assertThat(store.adjust(KEY, -25)).isZero();
        assertThat(store.used(KEY)).isZero();
    }

    @Test
    public void recordEvent_sameIdOtherWorkspace_isRecordedToo() {
        store.recordEvent(KEY, event(1, "evt_1", 2, 0), -1);

        EventRecording other = store.recordEvent(new UsageKey(2, KEY.feature(), JAN), event(2, "evt_1", 3, 0), -1)
                .orElseThrow();

        assertThat(other.duplicate()).isFalse();
        assertThat(store.findEvent(2, "evt_1")).map(RecordedEvent::quantity).contains(3L);
    }

    @Test
    public void findEvent_unknownId_isEmpty() {
        assertThat(store.findEvent(1, "missing")).isEmpty();
    }

    @Test
    public void purgeEventsBefore_removesOnlyStrictlyOlderEvents() {
        Instant cutoff = Instant.parse("2026-01-10T00:00:00Z");
        store.recordEvent(KEY, new RecordedEvent(1, "old", "api_calls", 1, 0, cutoff.minusSeconds(1), null), -1);
        store.recordEvent(KEY, new RecordedEvent(1, "edge", "api_calls", 1, 0, cutoff, null), -1);
        store.recordEvent(new UsageKey(2, "api_calls", JAN),
                new RecordedEvent(2, "new", "api_calls", 1, 0, cutoff.plusSeconds(1), null), -1);

        assertThat(store.purgeEventsBefore(cutoff)).isEqualTo(1);
        assertThat(store.findEvent(1, "old")).isEmpty();
        assertThat(store.findEvent(1, "edge")).isPresent();
        assertThat(store.findEvent(2, "new")).isPresent();
    }

    @Test
    public void recordEvent_newId_addsAndStoresTotal() {
        store.tryAdd(KEY, 5, -1);

        Optional<EventRecording> outcome = store.recordEvent(KEY, event(1, "evt_1", 3, 0), 10);

        assertThat(outcome).hasValueSatisfying(o -> {
            assertThat(o.duplicate()).isFalse();
            assertThat(o.event().totalAfter()).isEqualTo(8);
        });
        assertThat(store.used(KEY)).isEqualTo(8);
        assertThat(store.findEvent(1, "evt_1")).map(RecordedEvent::totalAfter).contains(8L);
    }

    @Test
    public void recordEvent_sameIdAgain_returnsFirstEventAndAddsNothing() {
        store.recordEvent(KEY, event(1, "evt_1", 3, 0), -1);

        Optional<EventRecording> again = store.recordEvent(KEY, event(1, "evt_1", 3, 0), -1);

        assertThat(again).hasValueSatisfying(o -> {
            assertThat(o.duplicate()).isTrue();
            assertThat(o.event().totalAfter()).isEqualTo(3);
        });
        assertThat(store.used(KEY)).isEqualTo(3);
    }

    @Test
    public void recordEvent_aboveMax_storesNothingSoARetryCanSucceed() {
        store.tryAdd(KEY, 9, -1);

        assertThat(store.recordEvent(KEY, event(1, "evt_1", 3, 0), 10)).isEmpty();
        assertThat(store.findEvent(1, "evt_1")).isEmpty();
        assertThat(store.used(KEY)).isEqualTo(9);
        assertThat(store.recordEvent(KEY, event(1, "evt_1", 3, 0), 20))
                .map(EventRecording::duplicate).contains(false);
    }

    @Test
    public void markThreshold_sameKeyAndPercent_isTrueOnlyOnce() {
        assertThat(store.markThreshold(KEY, 80)).isTrue();
        assertThat(store.markThreshold(KEY, 80)).isFalse();
    }

    @Test
    public void markThreshold_otherPercentOrPeriod_isIndependent() {
        store.markThreshold(KEY, 80);

        assertThat(store.markThreshold(KEY, 100)).isTrue();
        assertThat(store.markThreshold(new UsageKey(1, "api_calls", FEB), 80)).isTrue();
    }

    @Test
    public void saveOverride_thenFind_returnsIt() {
        LimitOverride override = override(1, "posts", LimitType.HARD, 50);

        store.saveOverride(override);

        assertThat(store.findOverride(1, "posts")).contains(override);
        assertThat(store.findOverride(2, "posts")).isEmpty();
    }

    @Test
    public void saveOverride_sameWorkspaceAndFeature_replacesIt() {
        store.saveOverride(override(1, "posts", LimitType.HARD, 50));
        LimitOverride replacement = override(1, "posts", LimitType.SOFT, 70);

        store.saveOverride(replacement);

        assertThat(store.findOverride(1, "posts")).contains(replacement);
        assertThat(store.overrides(1)).containsExactly(replacement);
    }

    @Test
    public void deleteOverride_removesOnlyThatOne() {
        store.saveOverride(override(1, "posts", LimitType.HARD, 50));
        store.saveOverride(override(1, "storage", LimitType.UNLIMITED, 0));

        store.deleteOverride(1, "posts");
        store.deleteOverride(1, "never-set");

        assertThat(store.overrides(1)).extracting(LimitOverride::feature).containsExactly("storage");
    }

    @Test
    public void overrides_listsOneWorkspaceOrderedByFeature() {
        store.saveOverride(override(1, "webhooks", LimitType.HARD, 3));
        store.saveOverride(override(1, "api_calls", LimitType.SOFT, 9));
        store.saveOverride(override(2, "posts", LimitType.HARD, 1));

        assertThat(store.overrides(1)).extracting(LimitOverride::feature).containsExactly("api_calls", "webhooks");
    }

    @Test
    public void tryAdd_32ThreadsRacingForMax1000_acceptsExactly1000() throws Exception {
        List<List<Long>> totals = Concurrently.run(32, t -> () -> {
            var mine = new ArrayList<Long>();
            for (int i = 0; i < 100; i++) {
                OptionalLong total = store.tryAdd(KEY, 1, 1_000);
                total.ifPresent(mine::add);
            }
            return mine;
        });

        List<Long> accepted = totals.stream().flatMap(List::stream).toList();
        assertThat(accepted).hasSize(1_000);
        // Every total from 1 to 1000 was handed out exactly once: no lost or doubled update.
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
        assertThat(store.used(KEY)).isEqualTo(1_000);
    }

    /**
     * Issue 11, defect 5: the first recordings of a counter that does not exist yet race to create
     * it; every one that fits must be accepted — with no cap, and with a cap they all fit under —
     * never refused because another transaction created the row first. Twenty fresh counters, 16
     * threads each, so the race is met many times.
     */
    @Test
    public void tryAdd_16ThreadsFirstRecordingsOfAFreshCounter_allAccepted() throws Exception {
        for (int round = 0; round < 20; round++) {
            UsageKey uncapped = new UsageKey(2, "fresh_" + round, JAN);
            UsageKey capped = new UsageKey(2, "fresh_" + round, FEB);

            List<OptionalLong[]> outcomes = Concurrently.run(16, t -> () ->
                    new OptionalLong[] {store.tryAdd(uncapped, 3, -1), store.tryAdd(capped, 2, 1_000)});

            assertThat(outcomes).as("round " + round).allSatisfy(o -> {
                assertThat(o[0]).as("no cap").isPresent();
                assertThat(o[1]).as("cap 1000").isPresent();
            });
            assertThat(outcomes.stream().map(o -> o[0].getAsLong())).as("every total handed out once")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 16).map(i -> i * 3).boxed().toList());
            assertThat(store.used(uncapped)).isEqualTo(48);
            assertThat(store.used(capped)).isEqualTo(32);
        }
    }

    @Test
    public void recordEvent_16ThreadsFirstEventsOfAFreshCounter_allAccepted() throws Exception {
        for (int round = 0; round < 10; round++) {
            UsageKey fresh = new UsageKey(2, "events_" + round, JAN);
            String feature = fresh.feature();
            String prefix = "evt_" + round + "_";

            List<Optional<EventRecording>> outcomes = Concurrently.run(16, t -> () -> store.recordEvent(fresh,
                    new RecordedEvent(2, prefix + t, feature, 1, 0, JAN, null), 100));

            assertThat(outcomes).as("round " + round).allSatisfy(o -> assertThat(o).isPresent());
            assertThat(store.used(fresh)).isEqualTo(16);
        }
    }

    @Test
    public void recordEvent_32ThreadsWithTheSameId_addsOnce() throws Exception {
        List<EventRecording> outcomes = Concurrently.run(32,
                t -> () -> store.recordEvent(KEY, event(1, "evt_same", 5, 0), -1).orElseThrow());

        assertThat(outcomes).filteredOn(o -> !o.duplicate()).hasSize(1);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.event().totalAfter()).isEqualTo(5));
        assertThat(store.used(KEY)).isEqualTo(5);
    }

    @Test
    public void record_32ThreadsRepeatingEventIdsThroughFacade_countsEachIdOnceUpToTheLimit() throws Exception {
        Entitlements entitlements = Entitlements.builder()
                .catalog(PlanCatalog.load(new StringReader("""
                        features=calls
                        feature.calls.kind=counted
                        tiers=basic
                        tier.basic.rate.per-minute=60
                        tier.basic.limit.calls=500
                        """)))
                .store(store)
                .clock(MutableClock.at("2026-01-15T10:30:00Z"))
                .build();
        int ids = 600;
        Set<String> firstRecordings = ConcurrentHashMap.newKeySet();
        List<Integer> firstCounts = Concurrently.run(32, t -> () -> {
            int first = 0;
            for (int i = 0; i < ids; i++) {
                String id = "evt_" + ((i + t * 19) % ids);
                try {
                    Recorded recorded = entitlements.record(7, "basic", "calls", 1, id, null);
                    if (!recorded.duplicate()) {
                        first++;
                        if (!firstRecordings.add(id)) {
                            throw new AssertionError("event " + id + " was counted twice");
                        }
                    }
                } catch (FeatureLimitReachedException refused) {
                    // expected once the 500 are used up
                }
            }
            return first;
        });

        assertThat(firstCounts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(firstRecordings).hasSize(500);
        assertThat(entitlements.check(7, "basic", "calls", 1).currentUsage()).isEqualTo(500);
        Set<Long> totals = firstRecordings.stream()
                .map(id -> store.findEvent(7, id).orElseThrow().totalAfter())
                .collect(Collectors.toCollection(HashSet::new));
        assertThat(totals).hasSize(500).allSatisfy(total -> assertThat(total).isBetween(1L, 500L));
    }

    // --- recordBatch: the group commit's one store call per batch ---

    @Test
    public void recordBatch_sameCounterTwice_laterEntriesSeeEarlierOnes() {
        List<BatchedOutcome> outcomes = store.recordBatch(List.of(
                new BatchedUsage(KEY, 7, 10, null), new BatchedUsage(KEY, 4, 10, null), new BatchedUsage(KEY, 3, 10, null)));

        assertThat(outcomes).containsExactly(BatchedOutcome.added(7, null), BatchedOutcome.refused(7),
                BatchedOutcome.added(10, null));
        assertThat(store.used(KEY)).isEqualTo(10);
    }

    @Test
    public void recordBatch_sameEventIdTwiceInOneBatch_countsOnce() {
        List<BatchedOutcome> outcomes = store.recordBatch(List.of(
                new BatchedUsage(KEY, 2, 10, event(1, "evt_twice", 2, 0)),
                new BatchedUsage(KEY, 2, 10, event(1, "evt_twice", 2, 0))));

        assertThat(outcomes).extracting(BatchedOutcome::status)
                .containsExactly(BatchedOutcome.Status.ADDED, BatchedOutcome.Status.DUPLICATE);
        assertThat(outcomes).extracting(BatchedOutcome::total).containsExactly(2L, 2L);
        assertThat(store.used(KEY)).isEqualTo(2);
        assertThat(store.findEvent(1, "evt_twice")).map(RecordedEvent::totalAfter).contains(2L);
    }

    @Test
    public void recordBatch_eventRefusedThenSameIdFitting_storesOnlyTheAcceptedOne() {
        store.tryAdd(KEY, 7, -1);

        List<BatchedOutcome> outcomes = store.recordBatch(List.of(
                new BatchedUsage(KEY, 5, 10, event(1, "evt_retry", 5, 0)),
                new BatchedUsage(KEY, 3, 10, event(1, "evt_retry", 3, 0))));

        assertThat(outcomes).extracting(BatchedOutcome::status)
                .containsExactly(BatchedOutcome.Status.REFUSED, BatchedOutcome.Status.ADDED);
        assertThat(store.used(KEY)).isEqualTo(10);
        assertThat(store.findEvent(1, "evt_retry")).hasValueSatisfying(e -> {
            assertThat(e.quantity()).isEqualTo(3);
            assertThat(e.totalAfter()).isEqualTo(10);
        });
    }

    @Test
    public void recordBatch_refusedEvent_leavesNoEventBehind() {
        store.tryAdd(KEY, 9, -1);

        assertThat(store.recordBatch(List.of(new BatchedUsage(KEY, 3, 10, event(1, "evt_no", 3, 0)))))
                .containsExactly(BatchedOutcome.refused(9));
        assertThat(store.findEvent(1, "evt_no")).isEmpty();
        assertThat(store.used(KEY)).isEqualTo(9);
    }

    @Test
    public void recordBatch_eventStoredEarlier_isADuplicateAndAddsNothing() {
        store.recordEvent(KEY, event(1, "evt_old", 4, 0), -1);

        List<BatchedOutcome> outcomes = store.recordBatch(List.of(
                new BatchedUsage(KEY, 4, -1, event(1, "evt_old", 4, 0)), new BatchedUsage(KEY, 1, -1, null)));

        assertThat(outcomes.get(0).status()).isEqualTo(BatchedOutcome.Status.DUPLICATE);
        assertThat(outcomes.get(0).event().totalAfter()).isEqualTo(4);
        assertThat(outcomes.get(1)).isEqualTo(BatchedOutcome.added(5, null));
        assertThat(store.used(KEY)).isEqualTo(5);
    }

    @Test
    public void recordBatch_severalCounters_eachGetsItsOwnTotal() {
        UsageKey otherWorkspace = new UsageKey(2, "api_calls", JAN);
        UsageKey otherPeriod = new UsageKey(1, "api_calls", FEB);
        store.tryAdd(otherPeriod, 100, -1);

        List<BatchedOutcome> outcomes = store.recordBatch(List.of(new BatchedUsage(otherPeriod, 1, -1, null),
                new BatchedUsage(KEY, 2, -1, null), new BatchedUsage(otherWorkspace, 3, 3, null),
                new BatchedUsage(KEY, 2, -1, null), new BatchedUsage(otherWorkspace, 1, 3, null)));

        assertThat(outcomes).containsExactly(BatchedOutcome.added(101, null), BatchedOutcome.added(2, null),
                BatchedOutcome.added(3, null), BatchedOutcome.added(4, null), BatchedOutcome.refused(3));
        assertThat(store.used(KEY)).isEqualTo(4);
        assertThat(store.used(otherWorkspace)).isEqualTo(3);
        assertThat(store.used(otherPeriod)).isEqualTo(101);
    }

    @Test
    public void recordBatch_32ThreadsWithBatchesOfTenOnOneCounter_neverPassTheCap() throws Exception {
        List<Long> accepted = Concurrently.run(32, t -> () -> {
            long added = 0;
            for (int round = 0; round < 5; round++) {
                List<BatchedUsage> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    batch.add(new BatchedUsage(KEY, 1, 1000, i % 3 == 0 ? event(1, "evt_" + t + "_" + round + "_" + i, 1, 0) : null));
                }
                added += store.recordBatch(batch).stream().filter(o -> o.status() == BatchedOutcome.Status.ADDED).count();
            }
            return added;
        });

        assertThat(accepted.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(store.used(KEY)).isEqualTo(1000);
    }

    @Test
    public void groupCommit_32ThreadsAgainstHardLimit1000_acceptExactly1000AndNeverMore() throws Exception {
        Entitlements entitlements = Entitlements.builder()
                .catalog(PlanCatalog.load(new StringReader("""
                        features=posts
                        feature.posts.kind=counted
                        tiers=basic
                        tier.basic.rate.per-minute=60
                        tier.basic.limit.posts=1000
                        """)))
                .store(store)
                .clock(MutableClock.at("2026-01-15T10:30:00Z"))
                .build();
        // The store runs each call in a transaction of its own, so a batch (one recordBatch call) is one.
        try (GroupCommit recorder = GroupCommit.builder(entitlements).transactions(java.util.function.Supplier::get).build()) {
            List<long[]> outcomes = Concurrently.run(32, t -> () -> {
                long accepted = 0;
                long maxTotal = 0;
                for (int i = 0; i < 50; i++) {
                    try {
                        maxTotal = Math.max(maxTotal, recorder.record(7, "basic", "posts", 1, i % 2 == 0 ? null
                                : "evt_" + t + "_" + i, null).currentUsage());
                        accepted++;
                    } catch (FeatureLimitReachedException refused) {
                        // expected once the 1,000 are used up
                    }
                }
                return new long[] {accepted, maxTotal};
            });

            assertThat(outcomes.stream().mapToLong(o -> o[0]).sum()).isEqualTo(1000);
            assertThat(outcomes).allSatisfy(o -> assertThat(o[1]).isLessThanOrEqualTo(1000));
            assertThat(entitlements.check(7, "basic", "posts", 1).currentUsage()).isEqualTo(1000);
        }
    }

    @Test
    public void groupCommit_sameEventIdTwiceInOneBatch_countsOnceAndBothGetTheFirstTotal() throws Exception {
        Entitlements entitlements = Entitlements.builder().store(store).clock(MutableClock.at("2026-01-15T10:30:00Z")).build();
        // A ticker that never moves: the batch closes only when both recordings are in it.
        try (GroupCommit recorder = GroupCommit.builder(entitlements).transactions(java.util.function.Supplier::get)
                .maxBatch(2).window(java.time.Duration.ofSeconds(1)).nanoTicker(() -> 0L).build()) {
            List<Recorded> outcomes = Concurrently.run(2, t -> () -> recorder.record(8, "pro", "api_calls", 3, "evt_pair", null));

            assertThat(outcomes).extracting(Recorded::duplicate).containsExactlyInAnyOrder(false, true);
            assertThat(outcomes).extracting(Recorded::currentUsage).containsOnly(3L);
            assertThat(entitlements.check(8, "pro", "api_calls", 1).currentUsage()).isEqualTo(3);
            assertThat(store.findEvent(8, "evt_pair")).map(RecordedEvent::totalAfter).contains(3L);
        }
    }

    private static RecordedEvent event(long workspaceId, String eventId, long quantity, long totalAfter) {
        return new RecordedEvent(workspaceId, eventId, "api_calls", quantity, totalAfter,
                Instant.parse("2026-01-15T10:30:00Z"), "{\"endpoint\":\"/api/v1/posts\"}");
    }

    private static LimitOverride override(long workspaceId, String feature, LimitType type, long limit) {
        return new LimitOverride(workspaceId, feature, type, limit, Instant.parse("2026-01-15T10:30:00Z"), 42L);
    }
}
