package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhooksDeliveryTest extends WebhooksTestSupport {

    private static final Duration LEASE = Duration.ofSeconds(60); // 2 x 15 s attempt timeout + 30 s margin

    @Test
    void deliverDue_receiverAccepts_sendsSignedEnvelopeAndMarksSuccess() {
        Endpoint endpoint = createEndpoint("post.*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{\"id\":1}", "evt_1");

        int processed = webhooks.deliverDue(10);

        assertThat(processed).isEqualTo(1);
        SendRequest request = sender.last();
        assertThat(request.url()).isEqualTo(URL);
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(request.body())
                .isEqualTo("{\"type\":\"post.created\",\"timestamp\":\"2026-01-15T10:30:00Z\",\"data\":{\"id\":1}}");
        assertThat(request.headers()).containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature",
                "content-type");
        assertThat(request.headers()).containsEntry("webhook-id", "evt_1")
                .containsEntry("webhook-timestamp", Long.toString(T0.getEpochSecond()))
                .containsEntry("content-type", "application/json")
                .containsEntry("webhook-signature",
                        WebhookSigner.sign("evt_1", T0.getEpochSecond(), request.body(), List.of(endpoint.secret())));
        Delivery delivery = onlyDeliveryOf(endpoint.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.SUCCESS);
        assertThat(delivery.attempt()).isEqualTo(1);
        assertThat(delivery.responseCode()).isEqualTo(200);
        assertThat(delivery.deliveredAt()).isEqualTo(T0);
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.leaseUntil()).isNull();
        assertThat(webhooks.attempts(delivery.id())).singleElement().satisfies(attempt -> {
            assertThat(attempt.number()).isEqualTo(1);
            assertThat(attempt.responseCode()).isEqualTo(200);
            assertThat(attempt.responseBody()).isEqualTo("{}");
            assertThat(attempt.startedAt()).isEqualTo(T0);
            assertThat(attempt.durationMillis()).isEqualTo(7);
        });
        Endpoint after = endpoint(endpoint.id());
        assertThat(after.successCount()).isEqualTo(1);
        assertThat(after.lastDeliveryAt()).isEqualTo(T0);
        assertThat(after.consecutiveFailures()).isZero();
    }

    @Test
    void deliverDue_nothingDue_returnsZeroWithoutSending() {
        createEndpoint("*");

        assertThat(webhooks.deliverDue(10)).isZero();
        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void deliverDue_whileSending_holdsALeaseOfTwiceTheTimeoutPlusMargin() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        long deliveryId = onlyDeliveryOf(endpoint.id()).id();
        List<Instant> leaseSeenBySender = new java.util.ArrayList<>();
        webhooks = bareBuilder().retrySchedule(RetrySchedule.standard()).sender(request -> {
            leaseSeenBySender.add(delivery(deliveryId).leaseUntil());
            return FakeSender.status(204);
        }).build();

        webhooks.deliverDue(10);

        assertThat(leaseSeenBySender).containsExactly(T0.plus(LEASE));
        assertThat(delivery(deliveryId).leaseUntil()).isNull();
    }

    @Test
    void deliverDue_max_limitsHowManyAreProcessed() {
        for (int i = 0; i < 3; i++) {
            createEndpoint("*");
        }
        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        assertThat(webhooks.deliverDue(2)).isEqualTo(2);
        assertThat(webhooks.deliverDue(10)).isEqualTo(1);
        assertThat(webhooks.deliverDue(10)).isZero();
        assertThat(sender.requests()).hasSize(3);
    }

    @Test
    void deliverDue_maxBelowOne_isRejected() {
        assertThatThrownBy(() -> webhooks.deliverDue(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliverDue_pooledExecutor_sendsARoundConcurrently() throws InterruptedException {
        for (int i = 0; i < 8; i++) {
            createEndpoint("*");
        }
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        CountDownLatch allFourInFlight = new CountDownLatch(4);
        AtomicInteger sawOthers = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            webhooks = bareBuilder().retrySchedule(RetrySchedule.standard()).executor(pool).maxConcurrentSends(4).sender(request -> {
                allFourInFlight.countDown();
                try {
                    if (allFourInFlight.await(10, TimeUnit.SECONDS)) {
                        sawOthers.incrementAndGet();
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return FakeSender.status(200);
            }).build();

            int processed = webhooks.deliverDue(100);

            assertThat(processed).isEqualTo(8);
            assertThat(sawOthers).hasValue(8);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void deliverDue_oneSlowSend_doesNotHoldBackTheOthers() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            webhooks.createEndpoint(WORKSPACE, URL + "?n=" + i, List.of("*"), null, null);
        }
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        CountDownLatch othersSent = new CountDownLatch(5);
        AtomicInteger slowSawOthersFinish = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            webhooks = bareBuilder().retrySchedule(RetrySchedule.standard()).executor(pool).maxConcurrentSends(2).sender(request -> {
                if (request.url().endsWith("?n=0")) {
                    try {
                        if (othersSent.await(10, TimeUnit.SECONDS)) {
                            slowSawOthersFinish.incrementAndGet();
                        }
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    othersSent.countDown();
                }
                return FakeSender.status(200);
            }).build();

            int processed = webhooks.deliverDue(100);

            assertThat(processed).isEqualTo(6);
            assertThat(slowSawOthersFinish).as("the five other sends went through the free slot").hasValue(1);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void deliverDue_sendsFinishedTogether_areRecordedInOneStoreCallWithOneTallyPerEndpoint() {
        List<List<EndpointTally>> recordings = new java.util.ArrayList<>();
        store = new InMemoryWebhookStore() {
            @Override
            public synchronized RecordedOutcomes recordOutcomes(List<DeliveryOutcome> outcomes,
                    List<EndpointTally> tallies) {
                recordings.add(tallies);
                return super.recordOutcomes(outcomes, tallies);
            }
        };
        webhooks = builder().maxConcurrentSends(4).build();
        Endpoint first = createEndpoint("*").endpoint();
        Endpoint second = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_2");
        sender.then(FakeSender.status(500));

        assertThat(webhooks.deliverDue(10)).isEqualTo(4);

        assertThat(recordings).hasSize(1);
        assertThat(recordings.get(0)).extracting(EndpointTally::endpointId, EndpointTally::successes,
                        EndpointTally::failures)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.id(), 1, 1),
                        org.assertj.core.groups.Tuple.tuple(second.id(), 2, 0));
        assertThat(endpoint(first.id()).successCount()).isEqualTo(1);
        assertThat(endpoint(first.id()).failureCount()).isEqualTo(1);
        assertThat(endpoint(first.id()).consecutiveFailures()).as("the success came after the failure").isZero();
        assertThat(endpoint(second.id()).successCount()).isEqualTo(2);
    }

    @Test
    void deliverDue_failureAfterSuccessInOneBatch_startsAStreakAtTheFailure() {
        webhooks = builder().maxConcurrentSends(2).build();
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_2");
        sender.then(FakeSender.status(200)).then(FakeSender.status(503));

        webhooks.deliverDue(10);

        Endpoint after = endpoint(endpoint.id());
        assertThat(after.successCount()).isEqualTo(1);
        assertThat(after.consecutiveFailures()).isEqualTo(1);
        assertThat(after.failingSince()).isEqualTo(T0);
        assertThat(after.lastDeliveryAt()).isEqualTo(T0);
    }

    @Test
    void deliverWhile_eventPublishedDuringASend_isDeliveredInTheSamePass() {
        createEndpoint("*");
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        AtomicInteger sends = new AtomicInteger();
        webhooks = bareBuilder().retrySchedule(RetrySchedule.standard()).sender(request -> {
            if (sends.incrementAndGet() == 1) {
                webhooks.publish(WORKSPACE, "post.created", "{}", "evt_2");
            }
            return FakeSender.status(204);
        }).build();

        int processed = webhooks.deliverWhile(() -> true);

        assertThat(processed).isEqualTo(2);
        assertThat(sends).hasValue(2);
    }

    @Test
    void deliverWhile_toldToStop_claimsNothing() {
        createEndpoint("*");
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");

        assertThat(webhooks.deliverWhile(() -> false)).isZero();
        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void deliverDue_executorRejects_leavesTheDeliveryToItsLease() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        webhooks = builder().executor(task -> {
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        }).build();

        assertThat(webhooks.deliverDue(10)).isZero();

        Delivery delivery = onlyDeliveryOf(endpoint.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.leaseUntil()).isEqualTo(T0.plus(LEASE));
        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void deliverDue_receiverKeepsFailing_followsTheScheduleThenFails() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.always(FakeSender.status(500));
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        long id = onlyDeliveryOf(endpoint.id()).id();
        List<Duration> waits = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

        for (int attempt = 1; attempt <= waits.size(); attempt++) {
            assertThat(webhooks.deliverDue(10)).isEqualTo(1);
            Delivery delivery = delivery(id);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(delivery.attempt()).isEqualTo(attempt);
            assertThat(delivery.responseCode()).isEqualTo(500);
            assertThat(delivery.nextAttemptAt()).isEqualTo(clock.instant().plus(waits.get(attempt - 1)));
            clock.set(delivery.nextAttemptAt().minusMillis(1));
            assertThat(webhooks.deliverDue(10)).isZero();
            clock.set(delivery.nextAttemptAt());
        }
        assertThat(webhooks.deliverDue(10)).isEqualTo(1);

        Delivery last = delivery(id);
        assertThat(last.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(last.attempt()).isEqualTo(8);
        assertThat(last.nextAttemptAt()).isNull();
        assertThat(webhooks.attempts(id)).extracting(Attempt::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        Endpoint after = endpoint(endpoint.id());
        assertThat(after.failureCount()).isEqualTo(8);
        assertThat(after.consecutiveFailures()).isEqualTo(8);
        assertThat(after.failingSince()).isEqualTo(T0);
        assertThat(after.active()).isTrue();
        assertThat(webhooks.deliverDue(10)).isZero();
    }

    @Test
    void deliverDue_retries_keepIdAndBodyButRefreshTimestampAndSignature() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(FakeSender.status(500)).then(FakeSender.status(200));
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        webhooks.deliverDue(10);
        advance(Duration.ofSeconds(5));

        webhooks.deliverDue(10);

        List<SendRequest> requests = sender.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(r -> r.headers().get("webhook-id")).containsOnly("evt_1");
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(requests.get(1).headers().get("webhook-timestamp"))
                .isEqualTo(Long.toString(T0.getEpochSecond() + 5));
        assertThat(requests.get(1).headers().get("webhook-signature"))
                .isNotEqualTo(requests.get(0).headers().get("webhook-signature"))
                .isEqualTo(WebhookSigner.sign("evt_1", T0.getEpochSecond() + 5, requests.get(1).body(),
                        List.of(endpoint.secret())));
    }

    @Test
    void deliverDue_successAfterFailure_endsTheFailureStreak() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(FakeSender.status(500)).then(FakeSender.status(200));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        assertThat(endpoint(endpoint.id()).failingSince()).isEqualTo(T0);
        advance(Duration.ofSeconds(5));

        webhooks.deliverDue(10);

        Endpoint after = endpoint(endpoint.id());
        assertThat(after.successCount()).isEqualTo(1);
        assertThat(after.failureCount()).isEqualTo(1);
        assertThat(after.consecutiveFailures()).isZero();
        assertThat(after.failingSince()).isNull();
        assertThat(after.lastDeliveryAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void deliverDue_networkError_recordsTheErrorAndRetries() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(SendResult.failed("Connection refused", 2));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        webhooks.deliverDue(10);

        Delivery delivery = onlyDeliveryOf(endpoint.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(delivery.responseCode()).isNull();
        assertThat(webhooks.attempts(delivery.id())).singleElement().satisfies(attempt -> {
            assertThat(attempt.error()).isEqualTo("Connection refused");
            assertThat(attempt.responseCode()).isNull();
        });
    }

    @Test
    void deliverDue_senderThrows_isRecordedAsAFailedAttempt() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks = bareBuilder().retrySchedule(RetrySchedule.standard()).sender(request -> {
            throw new IllegalStateException("bug in a custom sender");
        }).build();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Webhooks.class.getName());
        java.util.logging.Level before = log.getLevel();
        log.setLevel(java.util.logging.Level.OFF); // the warning is expected here; keep the build output clean
        try {
            assertThat(webhooks.deliverDue(10)).isEqualTo(1);
        } finally {
            log.setLevel(before);
        }

        Delivery delivery = onlyDeliveryOf(endpoint.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(webhooks.attempts(delivery.id())).extracting(Attempt::error).containsExactly("Sender failed");
    }

    @Test
    void deliverDue_hugeResponseFromCustomSender_storesAtMost4KiB() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(new SendResult(500, "é".repeat(5000), Map.of(), null, 1));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        webhooks.deliverDue(10);

        String stored = webhooks.attempts(onlyDeliveryOf(endpoint.id()).id()).get(0).responseBody();
        assertThat(stored).hasSize(2048);
        assertThat(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(4096);
    }

    @Test
    void deliverDue_retryAfterLongerThanSchedule_isHonoured() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(FakeSender.status(503, "Retry-After", "600"));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        webhooks.deliverDue(10);

        assertThat(onlyDeliveryOf(endpoint.id()).nextAttemptAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void deliverDue_retryAfterBeyondOneDay_isCappedAtOneDay() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(FakeSender.status(429, "retry-after", "Sat, 24 Jan 2026 10:30:00 GMT"));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        webhooks.deliverDue(10);

        assertThat(onlyDeliveryOf(endpoint.id()).nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void deliverDue_jitterFromTheBuilderRandom_staysWithinTwentyPercent() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks = bareBuilder().sender(sender).retrySchedule(RetrySchedule.parse("0s,100s").withJitter(0.2, new java.util.SplittableRandom(1)))
                .build();
        sender.then(FakeSender.status(500));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        webhooks.deliverDue(10);

        assertThat(onlyDeliveryOf(endpoint.id()).nextAttemptAt()).isBetween(T0.plusSeconds(80), T0.plusSeconds(120));
    }

    @Test
    void deliverDue_receiverAnswers410_disablesEndpointOnceAndFailsItsDeliveries() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(FakeSender.status(410));
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        webhooks.publish(WORKSPACE, "post.updated", "{}", "evt_2");

        assertThat(webhooks.deliverDue(1)).isEqualTo(1);
        assertThat(webhooks.deliverDue(10)).isEqualTo(1);

        Endpoint after = endpoint(endpoint.id());
        assertThat(after.active()).isFalse();
        assertThat(after.disabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(disabled).containsExactly(endpoint.id() + ": endpoint answered 410 Gone");
        assertThat(deliveriesOf(endpoint.id())).extracting(Delivery::status)
                .containsOnly(DeliveryStatus.FAILED);
        assertThat(sender.requests()).hasSize(1);
        assertThat(webhooks.publish(WORKSPACE, "post.created", "{}", "evt_3").deliveries()).isZero();
    }

    @Test
    void deliverDue_failingForLongerThanDisableAfter_disablesEndpointOnceAndNotifies() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks = bareBuilder().sender(sender).retrySchedule(RetrySchedule.parse("0s,2d,2d,2d,2d")).build();
        sender.always(FakeSender.status(500));
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");
        long id = onlyDeliveryOf(endpoint.id()).id();

        webhooks.deliverDue(10); // T0: streak starts
        advance(Duration.ofDays(2));
        webhooks.deliverDue(10); // T0 + 2d
        advance(Duration.ofDays(2));
        webhooks.deliverDue(10); // T0 + 4d: not yet five days
        assertThat(endpoint(endpoint.id()).active()).isTrue();
        assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.RETRYING);
        advance(Duration.ofDays(2));
        webhooks.deliverDue(10); // T0 + 6d

        Endpoint after = endpoint(endpoint.id());
        assertThat(after.active()).isFalse();
        assertThat(after.disabledReason()).isEqualTo("no successful delivery since 2026-01-15T10:30:00Z");
        assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(disabled).containsExactly(endpoint.id() + ": no successful delivery since 2026-01-15T10:30:00Z");
        assertThat(webhooks.disableFailingEndpoints()).isZero();
        assertThat(disabled).hasSize(1);
    }

    @Test
    void disableFailingEndpoints_streakReachesDisableAfter_disablesOnceAndNotifies() {
        Endpoint failing = createEndpoint("*").endpoint();
        Endpoint healthy = createEndpoint("*").endpoint();
        webhooks = bareBuilder().sender(sender).retrySchedule(RetrySchedule.parse("0s")).build();
        sender.then(FakeSender.status(500)).then(FakeSender.status(200));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        assertThat(endpoint(failing.id()).failingSince()).isEqualTo(T0);

        advance(Duration.ofDays(5).minusMillis(1));
        assertThat(webhooks.disableFailingEndpoints()).isZero();
        advance(Duration.ofMillis(1));
        assertThat(webhooks.disableFailingEndpoints()).isEqualTo(1);
        assertThat(webhooks.disableFailingEndpoints()).isZero();

        assertThat(endpoint(failing.id()).active()).isFalse();
        assertThat(endpoint(healthy.id()).active()).isTrue();
        assertThat(disabled).containsExactly(failing.id() + ": no successful delivery since 2026-01-15T10:30:00Z");
    }

    @Test
    void deliverDue_endpointDisabledAfterPublish_failsWithoutSending() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.updateEndpoint(WORKSPACE, endpoint.id(), new EndpointPatch(null, null, Optional.of(false), null));

        assertThat(webhooks.deliverDue(10)).isEqualTo(1);

        Delivery delivery = onlyDeliveryOf(endpoint.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.leaseUntil()).isNull();
        assertThat(webhooks.attempts(delivery.id())).isEmpty();
        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void runOne_endpointDeletedAfterClaim_failsWithoutSending() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        Delivery claimed = store.claimDue(T0, 1, T0.plus(LEASE)).get(0);
        store.deleteEndpoint(endpoint.id());

        DeliveryRun run = webhooks.runOne(claimed);

        assertThat(run.outcome()).isEqualTo(DeliveryRun.Outcome.FAILED);
        assertThat(run.attempt()).isNull();
        assertThat(run.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void runOne_claimedDelivery_returnsTheRecordedOutcome() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        Delivery claimed = store.claimDue(T0, 1, T0.plus(LEASE)).get(0);

        DeliveryRun run = webhooks.runOne(claimed);

        assertThat(run.outcome()).isEqualTo(DeliveryRun.Outcome.DELIVERED);
        assertThat(run.delivery()).isEqualTo(onlyDeliveryOf(endpoint.id()));
        assertThat(run.attempt()).isEqualTo(webhooks.attempts(claimed.id()).get(0));
    }

    @Test
    void runOne_leaseAlreadyEnded_skipsWithoutSendingOrWriting() {
        createEndpoint("*");
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        Delivery claimed = store.claimDue(T0, 1, T0.plus(LEASE)).get(0);
        advance(LEASE);

        DeliveryRun run = webhooks.runOne(claimed);

        assertThat(run.outcome()).isEqualTo(DeliveryRun.Outcome.SKIPPED);
        assertThat(run.attempt()).isNull();
        assertThat(sender.requests()).isEmpty();
        assertThat(delivery(claimed.id())).isEqualTo(claimed);
    }

    @Test
    void retryDelivery_failedDelivery_requeuesItForOneMoreAttempt() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks = bareBuilder().sender(sender).retrySchedule(RetrySchedule.parse("0s")).build();
        sender.then(FakeSender.status(500)).then(FakeSender.status(200));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        Delivery failed = onlyDeliveryOf(endpoint.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        advance(Duration.ofHours(1));

        Delivery requeued = webhooks.retryDelivery(WORKSPACE, endpoint.id(), failed.id());

        assertThat(requeued.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(requeued.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(requeued.manualRetries()).isEqualTo(1);
        assertThat(requeued.attempt()).isEqualTo(1);
        assertThat(webhooks.deliverDue(10)).isEqualTo(1);
        Delivery delivered = delivery(failed.id());
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.SUCCESS);
        assertThat(delivered.attempt()).isEqualTo(2);
    }

    @Test
    void retryDelivery_manualRetryFailsAgain_givesUpWithoutFurtherScheduling() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks = bareBuilder().sender(sender).retrySchedule(RetrySchedule.parse("0s,5s")).build();
        sender.always(FakeSender.status(500));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        advance(Duration.ofSeconds(5));
        webhooks.deliverDue(10);
        long id = onlyDeliveryOf(endpoint.id()).id();
        webhooks.retryDelivery(WORKSPACE, endpoint.id(), id);

        webhooks.deliverDue(10);

        assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery(id).attempt()).isEqualTo(3);
    }

    @Test
    void retryDelivery_succeededDelivery_cannotBeRetried() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        long id = onlyDeliveryOf(endpoint.id()).id();

        assertThatThrownBy(() -> webhooks.retryDelivery(WORKSPACE, endpoint.id(), id))
                .isInstanceOf(CannotRetryException.class)
                .hasMessage("delivery already succeeded");
    }

    @Test
    void retryDelivery_manualRetriesUsedUp_cannotBeRetried() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks = bareBuilder().sender(sender).maxManualRetries(1).retrySchedule(RetrySchedule.parse("0s")).build();
        sender.always(FakeSender.status(500));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        long id = onlyDeliveryOf(endpoint.id()).id();
        webhooks.retryDelivery(WORKSPACE, endpoint.id(), id);
        webhooks.deliverDue(10);

        assertThatThrownBy(() -> webhooks.retryDelivery(WORKSPACE, endpoint.id(), id))
                .isInstanceOf(CannotRetryException.class)
                .hasMessage("maximum of 1 manual retries reached");
    }

    @Test
    void retryDelivery_endpointDisabled_cannotBeRetried() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(FakeSender.status(410));
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        long id = onlyDeliveryOf(endpoint.id()).id();

        assertThatThrownBy(() -> webhooks.retryDelivery(WORKSPACE, endpoint.id(), id))
                .isInstanceOf(CannotRetryException.class)
                .hasMessageContaining("disabled");
    }

    @Test
    void retryDelivery_wrongEndpointOrWorkspace_isNotFound() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        Endpoint other = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        long id = onlyDeliveryOf(endpoint.id()).id();

        assertThatThrownBy(() -> webhooks.retryDelivery(WORKSPACE, other.id(), id))
                .isInstanceOf(DeliveryNotFoundException.class);
        assertThatThrownBy(() -> webhooks.retryDelivery(OTHER_WORKSPACE, endpoint.id(), id))
                .isInstanceOf(DeliveryNotFoundException.class);
        assertThatThrownBy(() -> webhooks.retryDelivery(WORKSPACE, endpoint.id(), 999))
                .isInstanceOf(DeliveryNotFoundException.class);
    }

    @Test
    void findDelivery_wrongEndpointOrWorkspace_isEmpty() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        Delivery delivery = onlyDeliveryOf(endpoint.id());

        assertThat(webhooks.findDelivery(WORKSPACE, endpoint.id(), delivery.id())).contains(delivery);
        assertThat(webhooks.findDelivery(OTHER_WORKSPACE, endpoint.id(), delivery.id())).isEmpty();
        assertThat(webhooks.findDelivery(WORKSPACE, endpoint.id() + 1, delivery.id())).isEmpty();
    }

    @Test
    void purge_retention_removesOnlyFinishedDeliveriesOlderThanIt() {
        Endpoint done = createEndpoint("post.*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", null);
        webhooks.deliverDue(10);
        long doneId = onlyDeliveryOf(done.id()).id();
        Endpoint waiting = createEndpoint("user.*").endpoint();
        sender.always(FakeSender.status(500));
        webhooks.publish(WORKSPACE, "user.created", "{}", null);
        webhooks.deliverDue(10);
        long waitingId = onlyDeliveryOf(waiting.id()).id();

        advance(Duration.ofDays(30));
        assertThat(webhooks.purge(Duration.ofDays(30))).isZero();
        advance(Duration.ofMillis(1));
        assertThat(webhooks.purge(Duration.ofDays(30))).isEqualTo(1);

        assertThat(store.findDelivery(doneId)).isEmpty();
        assertThat(webhooks.attempts(doneId)).isEmpty();
        assertThat(store.findDelivery(waitingId)).isPresent();
    }

    @Test
    void purge_negativeRetention_isRejected() {
        assertThatThrownBy(() -> webhooks.purge(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
