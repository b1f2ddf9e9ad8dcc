package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link WebhookStore} must have. A store implementation's test extends this
 * class and returns an empty store from {@link #newStore()}; it is called once per test.
 *
 * <p>Instants are whole milliseconds, the precision every store keeps.
 */
public abstract class WebhookStoreContract {

    /** A fixed "now" the tests are written around. */
    protected static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final WebhookSecret OTHER_SECRET = new WebhookSecret(new byte[32]);

    /** The store under test, fresh for each test. */
    protected WebhookStore store;

    private int sequence;

    /**
     * Returns an empty store.
     *
     * @return the store under test
     */
    protected abstract WebhookStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @AfterEach
    void forgetStore() {
        store = null;
    }

    // ------------------------------------------------------------ endpoints

    @Test
    void insertEndpoint_assignsDistinctPositiveIds() {
        Endpoint first = store.insertEndpoint(endpoint(1, true));
        Endpoint second = store.insertEndpoint(endpoint(1, true));

        assertThat(first.id()).isPositive();
        assertThat(second.id()).isPositive().isNotEqualTo(first.id());
    }

    @Test
    void insertEndpoint_everyField_roundTrips() {
        Endpoint full = new Endpoint(0, 7, "https://hooks.example.com/in?x=1", List.of("post.*", "user.created"), false,
                SECRET, OTHER_SECRET, T0.plusSeconds(3600), 12, 3, 2, T0.minusSeconds(60), T0.minusSeconds(600),
                "endpoint answered 410 Gone", "billing hooks", T0.minusSeconds(86_400), T0.minusSeconds(5));

        Endpoint stored = store.insertEndpoint(full);

        assertThat(store.findEndpoint(stored.id())).contains(full.withId(stored.id()));
    }

    @Test
    void insertEndpoint_nullableFieldsAbsent_roundTrip() {
        Endpoint stored = store.insertEndpoint(endpoint(1, true));

        Endpoint found = store.findEndpoint(stored.id()).orElseThrow();

        assertThat(found).isEqualTo(stored);
        assertThat(found.previousSecret()).isNull();
        assertThat(found.description()).isNull();
    }

    @Test
    void findEndpoint_unknownId_isEmpty() {
        assertThat(store.findEndpoint(987_654)).isEmpty();
    }

    @Test
    void updateEndpoint_existing_replacesEveryField() {
        Endpoint stored = store.insertEndpoint(endpoint(1, true));
        Endpoint changed = new Endpoint(stored.id(), 1, "https://new.example.com/", List.of("*"), false, OTHER_SECRET,
                SECRET, T0.plusSeconds(10), 5, 6, 7, T0, T0.minusSeconds(1), "reason", "text", stored.createdAt(),
                T0.plusSeconds(1));

        Endpoint returned = store.updateEndpoint(changed);

        assertThat(returned).isEqualTo(changed);
        assertThat(store.findEndpoint(stored.id())).contains(changed);
    }

    @Test
    void updateEndpoint_unknownId_throwsEndpointNotFound() {
        Endpoint ghost = endpoint(1, true).withId(987_654);

        assertThatThrownBy(() -> store.updateEndpoint(ghost)).isInstanceOf(EndpointNotFoundException.class);
    }

    @Test
    void deleteEndpoint_existing_removesItAndReturnsTrue() {
        Endpoint stored = store.insertEndpoint(endpoint(1, true));

        assertThat(store.deleteEndpoint(stored.id())).isTrue();
        assertThat(store.findEndpoint(stored.id())).isEmpty();
    }

    @Test
    void deleteEndpoint_unknownId_returnsFalse() {
        assertThat(store.deleteEndpoint(987_654)).isFalse();
    }

    @Test
    void deleteEndpoint_withDeliveries_removesThemAndTheirAttempts() {
        Endpoint doomed = store.insertEndpoint(endpoint(1, true));
        Endpoint kept = store.insertEndpoint(endpoint(1, true));
        Delivery doomedDelivery = insertDelivery(doomed, DeliveryStatus.FAILED, null, null, T0);
        Delivery keptDelivery = insertDelivery(kept, DeliveryStatus.FAILED, null, null, T0);
        insertAttempt(attempt(doomedDelivery, 1));
        insertAttempt(attempt(keptDelivery, 1));

        store.deleteEndpoint(doomed.id());

        assertThat(store.findDelivery(doomedDelivery.id())).isEmpty();
        assertThat(store.attemptsOf(doomedDelivery.id())).isEmpty();
        assertThat(store.findDelivery(keptDelivery.id())).isPresent();
        assertThat(store.attemptsOf(keptDelivery.id())).hasSize(1);
    }

    @Test
    void activeEndpointsFor_mixedEndpoints_returnsOnlyActiveOnesOfThatWorkspaceByAscendingId() {
        Endpoint first = store.insertEndpoint(endpoint(1, true));
        store.insertEndpoint(endpoint(1, false));
        store.insertEndpoint(endpoint(2, true));
        Endpoint second = store.insertEndpoint(endpoint(1, true));

        assertThat(store.activeEndpointsFor(1)).containsExactly(first, second);
    }

    @Test
    void activeEndpointsFor_unknownWorkspace_isEmpty() {
        store.insertEndpoint(endpoint(1, true));

        assertThat(store.activeEndpointsFor(99)).isEmpty();
    }

    // ------------------------------------------------------------ events

    @Test
    void insertEventIfAbsent_newId_returnsTrue() {
        assertThat(store.insertEventIfAbsent(event(1, "evt_a"))).isTrue();
    }

    @Test
    void insertEventIfAbsent_sameIdSameWorkspace_returnsFalse() {
        store.insertEventIfAbsent(event(1, "evt_a"));

        assertThat(store.insertEventIfAbsent(event(1, "evt_a"))).isFalse();
    }

    @Test
    void insertEventIfAbsent_sameIdOtherWorkspace_returnsTrue() {
        store.insertEventIfAbsent(event(1, "evt_a"));

        assertThat(store.insertEventIfAbsent(event(2, "evt_a"))).isTrue();
    }

    @Test
    void insertEventsIfAbsent_repeatedAndStoredIds_insertEachIdOnceInOrder() {
        store.insertEventIfAbsent(event(1, "evt_old"));

        boolean[] inserted = store.insertEventsIfAbsent(List.of(event(1, "evt_a"), event(1, "evt_old"), event(1, "evt_a"),
                event(2, "evt_a"), event(1, "evt_b")));

        assertThat(inserted).containsExactly(true, false, false, true, true);
        assertThat(store.insertEventIfAbsent(event(1, "evt_b"))).isFalse();
    }

    @Test
    void insertEventsIfAbsent_one_isInsertEventIfAbsent() {
        assertThat(store.insertEventsIfAbsent(List.of(event(7, "evt_a")))).containsExactly(true);
        assertThat(store.insertEventsIfAbsent(List.of(event(7, "evt_a")))).containsExactly(false);
    }

    // ------------------------------------------------------------ deliveries

    @Test
    void insertDeliveries_several_assignsDistinctIdsInGivenOrder() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        List<Delivery> given = List.of(
                delivery(endpoint, "evt_1", DeliveryStatus.PENDING, T0, null, T0),
                delivery(endpoint, "evt_2", DeliveryStatus.PENDING, T0, null, T0),
                delivery(endpoint, "evt_3", DeliveryStatus.PENDING, T0, null, T0));

        List<Delivery> stored = store.insertDeliveries(given);

        assertThat(stored).extracting(Delivery::eventId).containsExactly("evt_1", "evt_2", "evt_3");
        assertThat(stored).extracting(Delivery::id).doesNotHaveDuplicates().allMatch(id -> id > 0);
        for (int i = 0; i < given.size(); i++) {
            assertThat(stored.get(i)).isEqualTo(given.get(i).withId(stored.get(i).id()));
        }
    }

    @Test
    void findDelivery_everyField_roundTrips() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery full = new Delivery(0, endpoint.id(), 1, "evt_full", "post.created",
                "{\"type\":\"post.created\",\"timestamp\":\"2026-01-15T10:30:00Z\",\"data\":{\"ü\":\"✓\"}}",
                DeliveryStatus.RETRYING, 3, 503, T0.plusSeconds(300), null, T0.minusSeconds(1), 2, T0.minusSeconds(900),
                T0.minusSeconds(30));

        Delivery stored = store.insertDeliveries(List.of(full)).get(0);

        assertThat(store.findDelivery(stored.id())).contains(full.withId(stored.id()));
    }

    @Test
    void findDelivery_unknownId_isEmpty() {
        assertThat(store.findDelivery(987_654)).isEmpty();
    }

    @Test
    void updateDelivery_existing_replacesEveryField() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery stored = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, null, T0);
        Delivery changed = new Delivery(stored.id(), endpoint.id(), 1, stored.eventId(), stored.eventType(),
                stored.payload(), DeliveryStatus.SUCCESS, 2, 204, null, T0.plusSeconds(5), null, 1, stored.createdAt(),
                T0.plusSeconds(5));

        assertThat(store.updateDelivery(changed)).isEqualTo(changed);
        assertThat(store.findDelivery(stored.id())).contains(changed);
    }

    @Test
    void updateDelivery_unknownId_throwsDeliveryNotFound() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery stored = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, null, T0);
        Delivery ghost = stored.withId(stored.id() + 1000);

        assertThatThrownBy(() -> store.updateDelivery(ghost)).isInstanceOf(DeliveryNotFoundException.class);
    }

    // ------------------------------------------------------------ claiming

    static Stream<Arguments> claimCandidates() {
        return Stream.of(
                Arguments.of("pending, due earlier", DeliveryStatus.PENDING, T0.minusSeconds(1), null, true),
                Arguments.of("pending, due exactly now", DeliveryStatus.PENDING, T0, null, true),
                Arguments.of("retrying, due", DeliveryStatus.RETRYING, T0.minusSeconds(1), null, true),
                Arguments.of("pending, due later", DeliveryStatus.PENDING, T0.plusMillis(1), null, false),
                Arguments.of("success", DeliveryStatus.SUCCESS, T0.minusSeconds(1), null, false),
                Arguments.of("failed", DeliveryStatus.FAILED, T0.minusSeconds(1), null, false),
                Arguments.of("failed, no due time", DeliveryStatus.FAILED, null, null, false),
                Arguments.of("leased beyond now", DeliveryStatus.PENDING, T0.minusSeconds(1), T0.plusMillis(1), false),
                Arguments.of("lease ended exactly now", DeliveryStatus.PENDING, T0.minusSeconds(1), T0, true),
                Arguments.of("lease ended earlier", DeliveryStatus.RETRYING, T0.minusSeconds(1), T0.minusSeconds(1),
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimCandidates")
    void claimDue_candidate_isClaimedOnlyWhenDueAndUnleased(String name, DeliveryStatus status, Instant nextAttemptAt,
            Instant leaseUntil, boolean claimable) {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery candidate = insertDelivery(endpoint, status, nextAttemptAt, leaseUntil, T0.minusSeconds(3600));

        List<Delivery> claimed = store.claimDue(T0, 10, T0.plusSeconds(60));

        assertThat(claimed).extracting(Delivery::id).containsExactlyElementsOf(
                claimable ? List.of(candidate.id()) : List.of());
    }

    @Test
    void claimDue_due_setsLeaseOnReturnedAndStoredDelivery() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery due = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, null, T0);
        Instant leaseUntil = T0.plusSeconds(60);

        List<Delivery> claimed = store.claimDue(T0, 10, leaseUntil);

        assertThat(claimed).containsExactly(due.withLease(leaseUntil));
        assertThat(store.findDelivery(due.id())).contains(due.withLease(leaseUntil));
    }

    @Test
    void claimDue_moreDueThanMax_claimsEarliestDueFirst() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery late = insertDelivery(endpoint, DeliveryStatus.PENDING, T0.minusSeconds(1), null, T0);
        Delivery early = insertDelivery(endpoint, DeliveryStatus.RETRYING, T0.minusSeconds(30), null, T0);
        Delivery middle = insertDelivery(endpoint, DeliveryStatus.PENDING, T0.minusSeconds(10), null, T0);

        List<Delivery> claimed = store.claimDue(T0, 2, T0.plusSeconds(60));

        assertThat(claimed).extracting(Delivery::id).containsExactly(early.id(), middle.id());
        assertThat(store.findDelivery(late.id()).orElseThrow().leaseUntil()).isNull();
    }

    @Test
    void claimDue_leasedDelivery_isNotClaimedAgainBeforeTheLeaseEnds() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        insertDelivery(endpoint, DeliveryStatus.PENDING, T0, null, T0);
        store.claimDue(T0, 10, T0.plusSeconds(60));

        assertThat(store.claimDue(T0, 10, T0.plusSeconds(60))).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(59), 10, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void claimDue_leasedDelivery_isClaimedAgainOnceTheLeaseEnds() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery due = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, null, T0);
        store.claimDue(T0, 10, T0.plusSeconds(60));

        List<Delivery> reclaimed = store.claimDue(T0.plusSeconds(61), 10, T0.plusSeconds(121));

        assertThat(reclaimed).containsExactly(due.withLease(T0.plusSeconds(121)));
    }

    @Test
    void claimDue_concurrentClaimsAtTheSameInstant_neverReturnTheSameDelivery() throws Exception {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(delivery(endpoint, "evt_c" + i, DeliveryStatus.PENDING, T0.minusSeconds(i), null, T0));
        }
        Set<Long> all = new HashSet<>();
        store.insertDeliveries(rows).forEach(d -> all.add(d.id()));
        int workers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<Delivery>>> claims = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Callable<List<Delivery>> claim = () -> {
                    start.await();
                    return store.claimDue(T0, 5, T0.plusSeconds(60));
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            List<Long> claimedIds = new ArrayList<>();
            for (Future<List<Delivery>> claim : claims) {
                claim.get(30, TimeUnit.SECONDS).forEach(d -> claimedIds.add(d.id()));
            }
            List<Long> rest = store.claimDue(T0, 100, T0.plusSeconds(60)).stream().map(Delivery::id).toList();

            assertThat(claimedIds).doesNotHaveDuplicates().isNotEmpty();
            assertThat(rest).doesNotContainAnyElementsOf(claimedIds);
            assertThat(new HashSet<>(concat(claimedIds, rest))).isEqualTo(all);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------ attempts

    @Test
    void recordOutcomes_attemptWithEveryField_roundTripsThroughAttemptsOf() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery delivery = insertDelivery(endpoint, DeliveryStatus.RETRYING, T0, null, T0);
        Attempt failed = new Attempt(0, delivery.id(), 1, T0, null, null, "Connection refused", 12);
        Attempt answered = new Attempt(0, delivery.id(), 2, T0.plusSeconds(5), 500, "{\"error\":\"boom\"}", null, 345);

        Attempt storedFailed = insertAttempt(failed);
        Attempt storedAnswered = insertAttempt(answered);

        assertThat(storedFailed.id()).isPositive();
        assertThat(storedAnswered.id()).isPositive().isNotEqualTo(storedFailed.id());
        assertThat(store.attemptsOf(delivery.id()))
                .containsExactly(failed.withId(storedFailed.id()), answered.withId(storedAnswered.id()));
    }

    @Test
    void attemptsOf_insertedOutOfOrder_returnsByAscendingNumber() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery delivery = insertDelivery(endpoint, DeliveryStatus.RETRYING, T0, null, T0);
        insertAttempt(attempt(delivery, 2));
        insertAttempt(attempt(delivery, 1));
        insertAttempt(attempt(delivery, 3));

        assertThat(store.attemptsOf(delivery.id())).extracting(Attempt::number).containsExactly(1, 2, 3);
    }

    @Test
    void attemptsOf_unknownDelivery_isEmpty() {
        assertThat(store.attemptsOf(987_654)).isEmpty();
    }

    // ------------------------------------------------------------ recording sends

    @Test
    void findEndpoints_knownAndUnknownIds_returnsTheKnownOnesById() {
        Endpoint first = store.insertEndpoint(endpoint(1, true));
        Endpoint second = store.insertEndpoint(endpoint(2, false));

        Map<Long, Endpoint> found = store.findEndpoints(Set.of(first.id(), second.id(), 987_654L));

        assertThat(found).containsOnly(Map.entry(first.id(), first), Map.entry(second.id(), second));
        assertThat(store.findEndpoints(Set.of())).isEmpty();
    }

    @Test
    void recordOutcomes_batch_updatesDeliveriesInsertsAttemptsAndAppliesTheTally() {
        Endpoint endpoint = store.insertEndpoint(failing(1, true, T0.minusSeconds(600)));
        Delivery delivered = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, T0.plusSeconds(60), T0);
        Delivery retrying = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, T0.plusSeconds(60), T0);
        Delivery deliveredAfter = new Delivery(delivered.id(), endpoint.id(), 1, delivered.eventId(), "post.created",
                delivered.payload(), DeliveryStatus.SUCCESS, 1, 204, null, T0.plusSeconds(1), null, 0, T0,
                T0.plusSeconds(1));
        Delivery retryingAfter = new Delivery(retrying.id(), endpoint.id(), 1, retrying.eventId(), "post.created",
                retrying.payload(), DeliveryStatus.RETRYING, 1, 503, T0.plusSeconds(6), null, null, 0, T0,
                T0.plusSeconds(2));
        Attempt ok = new Attempt(0, delivered.id(), 1, T0, 204, "", null, 7);
        Attempt failed = new Attempt(0, retrying.id(), 1, T0.plusSeconds(1), 503, "busy", null, 9);
        EndpointTally tally = new EndpointTally(endpoint.id(), 1, 1, 1, T0.plusSeconds(1), T0.plusSeconds(1), null,
                T0.plusSeconds(2));

        RecordedOutcomes recorded = store.recordOutcomes(
                List.of(new DeliveryOutcome(deliveredAfter, ok), new DeliveryOutcome(retryingAfter, failed)),
                List.of(tally));

        assertThat(recorded.disabledEndpointIds()).isEmpty();
        assertThat(recorded.recorded()).extracting(DeliveryOutcome::delivery).containsExactly(deliveredAfter, retryingAfter);
        Attempt storedOk = recorded.recorded().get(0).attempt();
        Attempt storedFailed = recorded.recorded().get(1).attempt();
        assertThat(storedOk.id()).isPositive();
        assertThat(storedFailed.id()).isPositive().isNotEqualTo(storedOk.id());
        assertThat(store.findDelivery(delivered.id())).contains(deliveredAfter);
        assertThat(store.findDelivery(retrying.id())).contains(retryingAfter);
        assertThat(store.attemptsOf(delivered.id())).containsExactly(ok.withId(storedOk.id()));
        assertThat(store.attemptsOf(retrying.id())).containsExactly(failed.withId(storedFailed.id()));
        Endpoint after = store.findEndpoint(endpoint.id()).orElseThrow();
        assertThat(after).isEqualTo(tally.applyTo(endpoint));
        assertThat(after.successCount()).isEqualTo(1);
        assertThat(after.failureCount()).isEqualTo(5);
        assertThat(after.consecutiveFailures()).isEqualTo(1);
        assertThat(after.failingSince()).isEqualTo(T0.plusSeconds(1));
        assertThat(after.lastDeliveryAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void recordOutcomes_failuresOnly_addToTheStreakAndKeepTheEarlierFailingSince() {
        Endpoint endpoint = store.insertEndpoint(failing(1, true, T0.minusSeconds(600)));
        Delivery delivery = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, T0.plusSeconds(60), T0);
        Delivery after = new Delivery(delivery.id(), endpoint.id(), 1, delivery.eventId(), "post.created",
                delivery.payload(), DeliveryStatus.RETRYING, 1, null, T0.plusSeconds(5), null, null, 0, T0, T0);
        EndpointTally tally = new EndpointTally(endpoint.id(), 0, 2, 2, T0, null, null, T0);

        store.recordOutcomes(List.of(new DeliveryOutcome(after, new Attempt(0, delivery.id(), 1, T0, null, null,
                "Connection refused", 3))), List.of(tally));

        Endpoint stored = store.findEndpoint(endpoint.id()).orElseThrow();
        assertThat(stored).isEqualTo(tally.applyTo(endpoint));
        assertThat(stored.failureCount()).isEqualTo(6);
        assertThat(stored.consecutiveFailures()).isEqualTo(6);
        assertThat(stored.failingSince()).isEqualTo(T0.minusSeconds(600));
        assertThat(stored.lastDeliveryAt()).isNull();
    }

    @Test
    void recordOutcomes_successOnly_endsTheStreak() {
        Endpoint endpoint = store.insertEndpoint(failing(1, true, T0.minusSeconds(600)));
        EndpointTally tally = new EndpointTally(endpoint.id(), 3, 0, 0, null, T0, null, T0);

        store.recordOutcomes(List.of(), List.of(tally));

        Endpoint stored = store.findEndpoint(endpoint.id()).orElseThrow();
        assertThat(stored.successCount()).isEqualTo(3);
        assertThat(stored.failureCount()).isEqualTo(4);
        assertThat(stored.consecutiveFailures()).isZero();
        assertThat(stored.failingSince()).isNull();
        assertThat(stored.lastDeliveryAt()).isEqualTo(T0);
    }

    @Test
    void recordOutcomes_deletedDelivery_isSkippedWithItsAttempt() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Delivery kept = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, null, T0);
        Delivery ghost = kept.withId(987_654);
        Delivery keptAfter = new Delivery(kept.id(), endpoint.id(), 1, kept.eventId(), "post.created", kept.payload(),
                DeliveryStatus.FAILED, 0, null, null, null, null, 0, T0, T0.plusSeconds(1));

        RecordedOutcomes recorded = store.recordOutcomes(List.of(
                new DeliveryOutcome(ghost, new Attempt(0, ghost.id(), 1, T0, 200, null, null, 1)),
                new DeliveryOutcome(keptAfter, null)), List.of());

        assertThat(recorded.recorded()).containsExactly(new DeliveryOutcome(keptAfter, null));
        assertThat(store.findDelivery(kept.id())).contains(keptAfter);
        assertThat(store.attemptsOf(kept.id())).isEmpty();
        assertThat(store.attemptsOf(ghost.id())).isEmpty();
    }

    @Test
    void recordOutcomes_disableReason_deactivatesAnActiveEndpointOnceAndReportsIt() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Endpoint other = store.insertEndpoint(endpoint(1, true));
        EndpointTally gone = new EndpointTally(endpoint.id(), 0, 1, 1, T0, null, "endpoint answered 410 Gone",
                T0.plusSeconds(1));
        EndpointTally fine = new EndpointTally(other.id(), 1, 0, 0, null, T0, null, T0.plusSeconds(1));

        RecordedOutcomes first = store.recordOutcomes(List.of(), List.of(gone, fine));
        RecordedOutcomes second = store.recordOutcomes(List.of(), List.of(
                new EndpointTally(endpoint.id(), 0, 1, 1, T0, null, "another reason", T0.plusSeconds(2))));

        assertThat(first.disabledEndpointIds()).containsExactly(endpoint.id());
        assertThat(second.disabledEndpointIds()).isEmpty();
        Endpoint stored = store.findEndpoint(endpoint.id()).orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.disabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.failureCount()).isEqualTo(2);
        assertThat(store.findEndpoint(other.id()).orElseThrow().active()).isTrue();
    }

    @Test
    void recordOutcomes_tallyOfDeletedEndpoint_isIgnored() {
        RecordedOutcomes recorded = store.recordOutcomes(List.of(),
                List.of(new EndpointTally(987_654, 1, 0, 0, null, T0, "gone", T0)));

        assertThat(recorded.recorded()).isEmpty();
        assertThat(recorded.disabledEndpointIds()).isEmpty();
    }

    @Test
    void recordOutcomes_concurrentWorkersOnOneEndpoint_loseNoCount() throws Exception {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Endpoint second = store.insertEndpoint(endpoint(1, true));
        int workers = 6;
        int rounds = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                boolean reversed = w % 2 == 0;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        List<EndpointTally> tallies = new ArrayList<>(List.of(
                                new EndpointTally(endpoint.id(), 1, 2, 2, T0, T0, null, T0),
                                new EndpointTally(second.id(), 2, 0, 0, null, T0, null, T0)));
                        if (reversed) {
                            java.util.Collections.reverse(tallies);
                        }
                        store.recordOutcomes(List.of(), tallies);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Endpoint stored = store.findEndpoint(endpoint.id()).orElseThrow();
        assertThat(stored.successCount()).isEqualTo(workers * rounds);
        assertThat(stored.failureCount()).isEqualTo(2L * workers * rounds);
        assertThat(store.findEndpoint(second.id()).orElseThrow().successCount()).isEqualTo(2L * workers * rounds);
    }

    // ------------------------------------------------------------ housekeeping

    @Test
    void purgeDeliveriesBefore_mixedDeliveries_removesOnlyOldFinalOnesWithTheirAttempts() {
        Endpoint endpoint = store.insertEndpoint(endpoint(1, true));
        Instant cutoff = T0.minus(Duration.ofDays(30));
        Delivery oldSuccess = insertDelivery(endpoint, DeliveryStatus.SUCCESS, null, null, cutoff.minusMillis(1));
        Delivery oldFailed = insertDelivery(endpoint, DeliveryStatus.FAILED, null, null, cutoff.minusSeconds(86_400));
        Delivery oldRetrying = insertDelivery(endpoint, DeliveryStatus.RETRYING, T0, null, cutoff.minusSeconds(1));
        Delivery oldPending = insertDelivery(endpoint, DeliveryStatus.PENDING, T0, null, cutoff.minusSeconds(1));
        Delivery atCutoff = insertDelivery(endpoint, DeliveryStatus.SUCCESS, null, null, cutoff);
        Delivery recent = insertDelivery(endpoint, DeliveryStatus.FAILED, null, null, T0);
        insertAttempt(attempt(oldSuccess, 1));
        insertAttempt(attempt(recent, 1));

        int removed = store.purgeDeliveriesBefore(cutoff);

        assertThat(removed).isEqualTo(2);
        assertThat(store.findDelivery(oldSuccess.id())).isEmpty();
        assertThat(store.findDelivery(oldFailed.id())).isEmpty();
        assertThat(store.attemptsOf(oldSuccess.id())).isEmpty();
        Stream.of(oldRetrying, oldPending, atCutoff, recent)
                .forEach(kept -> assertThat(store.findDelivery(kept.id())).isPresent());
        assertThat(store.attemptsOf(recent.id())).hasSize(1);
    }

    @Test
    void endpointsFailingSince_mixedEndpoints_returnsActiveOnesFailingAtOrBeforeCutoff() {
        Instant cutoff = T0.minus(Duration.ofDays(5));
        Endpoint longFailing = store.insertEndpoint(failing(1, true, cutoff.minusSeconds(1)));
        Endpoint exactlyAtCutoff = store.insertEndpoint(failing(2, true, cutoff));
        store.insertEndpoint(failing(1, true, cutoff.plusSeconds(1)));
        store.insertEndpoint(failing(1, false, cutoff.minusSeconds(1)));
        store.insertEndpoint(endpoint(1, true));

        assertThat(store.endpointsFailingSince(cutoff)).containsExactly(longFailing, exactlyAtCutoff);
    }

    // ------------------------------------------------------------ helpers

    private static Endpoint endpoint(long workspaceId, boolean active) {
        return new Endpoint(0, workspaceId, "https://hooks.example.com/" + workspaceId, List.of("post.created"), active,
                SECRET, null, null, 0, 0, 0, null, null, null, null, T0, T0);
    }

    private static Endpoint failing(long workspaceId, boolean active, Instant failingSince) {
        return new Endpoint(0, workspaceId, "https://hooks.example.com/f", List.of("*"), active, SECRET, null, null, 0,
                4, 4, null, failingSince, null, null, T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(10)));
    }

    private static Event event(long workspaceId, String id) {
        return new Event(id, workspaceId, "post.created", "{\"id\":1}", T0);
    }

    private static Delivery delivery(Endpoint endpoint, String eventId, DeliveryStatus status, Instant nextAttemptAt,
            Instant leaseUntil, Instant createdAt) {
        return new Delivery(0, endpoint.id(), endpoint.workspaceId(), eventId, "post.created",
                "{\"type\":\"post.created\",\"timestamp\":\"2026-01-15T10:30:00Z\",\"data\":{}}", status,
                status == DeliveryStatus.PENDING ? 0 : 1, status == DeliveryStatus.PENDING ? null : 500, nextAttemptAt,
                status == DeliveryStatus.SUCCESS ? createdAt : null, leaseUntil, 0, createdAt, createdAt);
    }

    private Delivery insertDelivery(Endpoint endpoint, DeliveryStatus status, Instant nextAttemptAt,
            Instant leaseUntil, Instant createdAt) {
        String eventId = "evt_seq" + (++sequence);
        return store.insertDeliveries(List.of(delivery(endpoint, eventId, status, nextAttemptAt, leaseUntil, createdAt)))
                .get(0);
    }

    /** Records one attempt of a delivery, leaving the delivery's state as stored. */
    private Attempt insertAttempt(Attempt withoutId) {
        Delivery current = store.findDelivery(withoutId.deliveryId()).orElseThrow();
        return store.recordOutcomes(List.of(new DeliveryOutcome(current, withoutId)), List.of())
                .recorded().get(0).attempt();
    }

    private static Attempt attempt(Delivery delivery, int number) {
        return new Attempt(0, delivery.id(), number, T0.plusSeconds(number), 500, "nope", null, 10);
    }

    private static List<Long> concat(List<Long> first, List<Long> second) {
        List<Long> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
