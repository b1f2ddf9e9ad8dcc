package dev.gatehouse.entitlements;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final RateLimiter limiter = RateLimiter.builder().catalog(PlanCatalog.defaults()).clock(clock).build();

    @ParameterizedTest(name = "{0}: {1} at once")
    @CsvSource({"free, 60", "starter, 1200", "pro, 6500", "business, 14000", "agency, 30000", "enterprise, 200000"})
    void tryConsume_fullBucket_allowsCapacityThenRefuses(String tier, long capacity) {
        long allowed = 0;
        for (long i = 0; i < capacity; i++) {
            if (limiter.tryConsume("key", tier).allowed()) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(capacity);
        RateLimitDecision refused = limiter.tryConsume("key", tier);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(capacity);
    }

    @Test
    void tryConsume_first_reportsRemainingAndWhenFullAgain() {
        assertThat(limiter.tryConsume("key", "free"))
                .isEqualTo(new RateLimitDecision(true, 60, 59, NOW.plusSeconds(1), Duration.ZERO, "60;w=60"));
    }

    @Test
    void tryConsume_exhausted_isRefusedWithRetryAfterAndReset() {
        exhaust("key", "free", 60);

        assertThat(limiter.tryConsume("key", "free")).isEqualTo(
                new RateLimitDecision(false, 60, 0, NOW.plusSeconds(60), Duration.ofSeconds(1), "60;w=60"));
    }

    @Test
    void tryConsume_refusedWhenNextTokenIsMillisecondsAway_retriesAfterOneSecond() {
        exhaust("key", "pro", 6500);

        RateLimitDecision refused = limiter.tryConsume("key", "pro");

        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.resetAt()).isEqualTo(NOW.plusSeconds(78)); // 6500 tokens at 5000 per minute
    }

    @Test
    void tryConsume_oneMinuteAfterExhaustion_hasRefilledTheRateNotTheBurst() {
        exhaust("key", "pro", 6500);
        clock.advance(Duration.ofMinutes(1));

        assertThat(exhaust("key", "pro", 5000)).isEqualTo(5000);
        assertThat(limiter.tryConsume("key", "pro").allowed()).isFalse();
    }

    @Test
    void tryConsume_greedyRefill_returnsATokenEverySixtiethOfAMinute() {
        exhaust("key", "free", 60);

        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.tryConsume("key", "free").allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryConsume("key", "free").allowed()).isTrue();
        assertThat(limiter.tryConsume("key", "free").allowed()).isFalse();
    }

    @Test
    void tryConsume_exhaustedKey_leavesOtherKeysUntouched() {
        exhaust("a", "free", 60);

        assertThat(limiter.tryConsume("b", "free").remaining()).isEqualTo(59);
        assertThat(limiter.tryConsume("a", "free").allowed()).isFalse();
    }

    @Test
    void tryConsume_afterUpgrade_usesTheNewTierKeepingSpentTokensSpent() {
        exhaust("key", "free", 60);

        RateLimitDecision upgraded = limiter.tryConsume("key", "pro");

        assertThat(upgraded.allowed()).isTrue();
        assertThat(upgraded.limit()).isEqualTo(6500);
        assertThat(upgraded.remaining()).isEqualTo(6500 - 60 - 1);
        assertThat(upgraded.policy()).isEqualTo("5000;w=60;burst=6500");
    }

    @Test
    void tryConsume_afterDowngrade_isCappedAtTheNewCapacity() {
        limiter.tryConsume("key", "pro");

        RateLimitDecision downgraded = limiter.tryConsume("key", "free");

        assertThat(downgraded.limit()).isEqualTo(60);
        assertThat(downgraded.remaining()).isEqualTo(59);
    }

    @ParameterizedTest(name = "tier \"{0}\"")
    @CsvSource(value = {"gold", "''", "NULL"}, nullValues = "NULL")
    void tryConsume_unknownTier_fallsBackToFree(String tier) {
        RateLimitDecision decision = limiter.tryConsume("key", tier);

        assertThat(decision.limit()).isEqualTo(60);
        assertThat(decision.policy()).isEqualTo("60;w=60");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "free,       60;w=60",
            "starter,    1000;w=60;burst=1200",
            "pro,        5000;w=60;burst=6500",
            "business,   10000;w=60;burst=14000",
            "agency,     20000;w=60;burst=30000",
            "enterprise, 100000;w=60;burst=200000"})
    void tryConsume_policy_isIetfQuotaPolicyWithBurst(String tier, String policy) {
        assertThat(limiter.tryConsume("key", tier).policy()).isEqualTo(policy);
    }

    @Test
    void tryConsume_32ThreadsOnOneKey_allowExactlyTheCapacity() throws Exception {
        List<Integer> allowed = Concurrently.run(32, t -> () -> {
            int mine = 0;
            for (int i = 0; i < 300; i++) {
                if (limiter.tryConsume("shared-key", "pro").allowed()) {
                    mine++;
                }
            }
            return mine;
        });

        assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6500);
    }

    @Test
    void tryConsumeAnonymous_default_allows300PerMinuteWithoutBurst() {
        for (int i = 0; i < 300; i++) {
            assertThat(limiter.tryConsumeAnonymous("203.0.113.7").allowed()).isTrue();
        }

        RateLimitDecision refused = limiter.tryConsumeAnonymous("203.0.113.7");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(300);
        assertThat(refused.policy()).isEqualTo("300;w=60");
        assertThat(limiter.tryConsumeAnonymous("203.0.113.8").allowed()).isTrue();
    }

    @Test
    void tryConsumeAnonymous_sameStringAsAKey_usesASeparateBucket() {
        exhaust("203.0.113.7", "free", 60);

        assertThat(limiter.tryConsumeAnonymous("203.0.113.7").remaining()).isEqualTo(299);
    }

    @Test
    void tryConsumeAnonymous_configuredRate_isUsed() {
        RateLimiter strict = RateLimiter.builder().clock(clock).anonymousPerMinute(2).build();

        strict.tryConsumeAnonymous("client");
        strict.tryConsumeAnonymous("client");

        assertThat(strict.tryConsumeAnonymous("client"))
                .isEqualTo(new RateLimitDecision(false, 2, 0, NOW.plusSeconds(60), Duration.ofSeconds(30), "2;w=60"));
    }

    @Test
    void peek_unknownKey_reportsAFullBucketWithoutCreatingOne() {
        assertThat(limiter.peek("key", "pro"))
                .isEqualTo(new RateLimitDecision(true, 6500, 6500, NOW, Duration.ZERO, "5000;w=60;burst=6500"));
        assertThat(limiter.localBucketCount()).isZero();
    }

    @Test
    void peek_repeated_neverConsumes() {
        limiter.tryConsume("key", "free");

        assertThat(limiter.peek("key", "free").remaining()).isEqualTo(59);
        assertThat(limiter.peek("key", "free").remaining()).isEqualTo(59);
        assertThat(limiter.tryConsume("key", "free").remaining()).isEqualTo(58);
    }

    @Test
    void peek_exhausted_reportsRefusalWithRetryAfterAndReset() {
        exhaust("key", "free", 60);

        assertThat(limiter.peek("key", "free")).isEqualTo(
                new RateLimitDecision(false, 60, 0, NOW.plusSeconds(60), Duration.ofSeconds(1), "60;w=60"));
    }

    @Test
    void peek_afterRefill_reportsAllowed() {
        exhaust("key", "free", 60);
        clock.advance(Duration.ofSeconds(30));

        RateLimitDecision decision = limiter.peek("key", "free");

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(30);
        assertThat(decision.resetAt()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void shared_twoInstancesOnOneProxyManager_enforceOneLimit() {
        var proxyManager = new InMemoryProxyManager(RateLimiter.timeMeter(clock));
        RateLimiter first = RateLimiter.builder().clock(clock).shared(proxyManager).build();
        RateLimiter second = RateLimiter.builder().clock(clock).shared(proxyManager).build();

        for (int i = 0; i < 30; i++) {
            first.tryConsume("key", "free");
            second.tryConsume("key", "free");
        }

        assertThat(first.tryConsume("key", "free").allowed()).isFalse();
        assertThat(second.tryConsume("key", "free").allowed()).isFalse();
        assertThat(second.peek("key", "free").retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(second.tryConsume("key", "free").allowed()).isTrue();
        assertThat(first.tryConsume("key", "free").allowed()).isFalse();
    }

    @Test
    void shared_oneRemoteBucketPerKeyWhateverTheTier_anonymousClientsStayLocal() {
        var proxyManager = new InMemoryProxyManager(RateLimiter.timeMeter(clock));
        RateLimiter shared = RateLimiter.builder().clock(clock).shared(proxyManager).build();

        shared.tryConsume("7", "free", 1);
        shared.tryConsume("7", "pro", 2);
        shared.tryConsume("8", "free");
        shared.tryConsumeAnonymous("7");

        assertThat(proxyManager.size()).isEqualTo(2);
        assertThat(proxyManager.contains("k:7")).isTrue();
        assertThat(proxyManager.contains("k:8")).isTrue();
    }

    @Test
    void shared_32ThreadsOnTwoInstancesOneKey_allowExactlyTheCapacity() throws Exception {
        var proxyManager = new InMemoryProxyManager(RateLimiter.timeMeter(clock));
        RateLimiter first = RateLimiter.builder().clock(clock).shared(proxyManager).build();
        RateLimiter second = RateLimiter.builder().clock(clock).shared(proxyManager).build();

        List<Integer> allowed = Concurrently.run(32, t -> () -> {
            RateLimiter mine = t % 2 == 0 ? first : second;
            int taken = 0;
            for (int i = 0; i < 300; i++) {
                if (mine.tryConsume("shared-key", "pro", 1).allowed()) {
                    taken++;
                }
            }
            return taken;
        });

        assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6500);
    }

    @Test
    void shared_tierChangeOnOneInstance_reconfiguresTheBucketTheOtherTakesFrom() {
        var proxyManager = new InMemoryProxyManager(RateLimiter.timeMeter(clock));
        RateLimiter changed = RateLimiter.builder().clock(clock).shared(proxyManager).build();
        RateLimiter stale = RateLimiter.builder().clock(clock).shared(proxyManager).build();
        exhaust(stale, "7", "free", 60);
        assertThat(stale.tryConsume("7", "free", 1).allowed()).isFalse();

        RateLimitDecision upgraded = changed.tryConsume("7", "pro", 2);
        RateLimitDecision staleView = stale.tryConsume("7", "free", 1);

        long proCapacity = upgraded.limit();
        assertThat(upgraded.allowed()).isTrue();
        assertThat(upgraded.remaining()).isEqualTo(proCapacity - 60 - 1);
        assertThat(staleView.allowed()).isTrue();
        assertThat(staleView.remaining()).isEqualTo(proCapacity - 60 - 2);
    }

    @Test
    void shared_downgrade_capsTheSameBucketAtTheNewCapacity() {
        var proxyManager = new InMemoryProxyManager(RateLimiter.timeMeter(clock));
        RateLimiter shared = RateLimiter.builder().clock(clock).shared(proxyManager).build();
        shared.tryConsume("7", "pro", 1);

        RateLimitDecision downgraded = shared.tryConsume("7", "free", 2);

        assertThat(downgraded.limit()).isEqualTo(60);
        assertThat(downgraded.remaining()).isLessThan(60);
        assertThat(proxyManager.size()).isEqualTo(1);
    }

    @Test
    void maxBuckets_exceeded_dropsRefilledBucketsBeforeBusyOnes() {
        RateLimiter small = RateLimiter.builder().clock(clock).maxBuckets(10).build();
        exhaust(small, "busy", "free", 60);
        for (int i = 0; i < 9; i++) {
            small.tryConsume("idle-" + i, "free");
        }
        clock.advance(Duration.ofSeconds(2)); // the idle buckets are full again, busy has 2 tokens

        small.tryConsume("new", "free");

        assertThat(small.localBucketCount()).isEqualTo(2); // busy and new: every full bucket went
        assertThat(exhaust(small, "busy", "free", 60)).isEqualTo(2);
    }

    @ParameterizedTest(name = "bound {0}")
    @CsvSource({"1", "3", "100"})
    void maxBuckets_manyBusyKeys_neverExceedsTheBound(int bound) {
        RateLimiter small = RateLimiter.builder().clock(clock).maxBuckets(bound).build();

        for (int i = 0; i < 1_000; i++) {
            small.tryConsume("key-" + i, "free");
        }

        assertThat(small.localBucketCount()).isBetween(1, bound);
    }

    @ParameterizedTest(name = "{0}({1})")
    @CsvSource({"anonymousPerMinute, 0", "anonymousPerMinute, 1000000001", "maxBuckets, 0"})
    void builder_outOfRange_isRejectedNamingTheValue(String setting, long value) {
        RateLimiter.Builder builder = RateLimiter.builder();

        assertThatThrownBy(() -> {
            if (setting.equals("maxBuckets")) {
                builder.maxBuckets((int) value);
            } else {
                builder.anonymousPerMinute(value);
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(setting).hasMessageContaining(String.valueOf(value));
    }

    @ParameterizedTest(name = "{0} ns -> {1} s")
    @CsvSource({"0, 1", "1, 1", "12000000, 1", "1000000000, 1", "1000000001, 2", "30000000000, 30"})
    void retryAfter_roundsUpToWholeSecondsOfAtLeastOne(long nanos, long seconds) {
        assertThat(RateLimiter.retryAfter(nanos)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void timeMeter_readsTheClockInNanoseconds() {
        clock.set(Instant.ofEpochSecond(1_768_473_000L, 123_456_789));

        assertThat(RateLimiter.timeMeter(clock).currentTimeNanos()).isEqualTo(1_768_473_000_123_456_789L);
        assertThat(RateLimiter.timeMeter(clock).isWallClockBased()).isTrue();
    }

    private long exhaust(String key, String tier, long attempts) {
        return exhaust(limiter, key, tier, attempts);
    }

    private static long exhaust(RateLimiter limiter, String key, String tier, long attempts) {
        long allowed = 0;
        for (long i = 0; i < attempts; i++) {
            if (limiter.tryConsume(key, tier).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }
}
