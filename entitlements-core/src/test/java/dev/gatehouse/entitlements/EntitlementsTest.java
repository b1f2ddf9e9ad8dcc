package dev.gatehouse.entitlements;

import dev.gatehouse.errors.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EntitlementsTest {

    private static final String UPGRADE = "https://example.com/upgrade";
    private static final long WS = 1;
    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final long GIB = 1L << 30;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final List<ThresholdCrossed> notified = new ArrayList<>();
    private Entitlements entitlements;

    @BeforeEach
    void build() {
        entitlements = Entitlements.builder()
                .catalog(PlanCatalog.defaults())
                .store(store)
                .clock(clock)
                .upgradeUrl(UPGRADE)
                .maxQuantity(1L << 40)
                .listener(notified::add)
                .build();
    }

    // --- check ---

    @ParameterizedTest(name = "{0}: {1} used of {2}")
    @CsvSource({"free, 10", "starter, 100", "pro, 1000", "business, 5000", "agency, 20000"})
    void check_postsBelowTierLimit_isAllowedWithNumbers(String tier, long limit) {
        store.tryAdd(postsKey(), 4, -1);

        assertThat(entitlements.check(WS, tier, "posts", 1))
                .isEqualTo(new Check(true, "posts", 4, limit, limit - 4, null, null, null, null, null));
    }

    @Test
    void check_hardLimitReached_isRefusedWithMessageAndUpgradeUrl() {
        store.tryAdd(postsKey(), 100, -1);

        assertThat(entitlements.check(WS, "starter", "posts", 1)).isEqualTo(new Check(false, "posts", 100, 100L, 0L,
                "LIMIT_EXCEEDED", "Post limit exceeded. Used: 100, Limit: 100", UPGRADE, null, null));
    }

    @ParameterizedTest(name = "{0} more with {1} used of 10 -> allowed {2}")
    @CsvSource({"1, 8, true", "2, 8, true", "3, 8, false", "1, 10, false"})
    void check_quantity_mustFitUnderHardLimit(long quantity, long used, boolean allowed) {
        store.tryAdd(postsKey(), used, -1);

        assertThat(entitlements.check(WS, "free", "posts", quantity).allowed()).isEqualTo(allowed);
    }

    @Test
    void check_pastSoftLimit_isAllowedAndShowsTheNumbers() {
        store.tryAdd(apiCallsKey(), 10_500, -1);

        Check check = entitlements.check(WS, "starter", "api_calls", 1);

        assertThat(check.allowed()).isTrue();
        assertThat(check.currentUsage()).isEqualTo(10_500);
        assertThat(check.limit()).isEqualTo(10_000);
        assertThat(check.available()).isZero();
        assertThat(check.reason()).isNull();
    }

    @Test
    void check_unlimited_hasNoLimitOrAvailable() {
        store.tryAdd(postsKey(), 123_456, -1);

        assertThat(entitlements.check(WS, "enterprise", "posts", 1))
                .isEqualTo(new Check(true, "posts", 123_456, null, null, null, null, null, null, null));
    }

    @Test
    void check_meteredFeature_reportsNextMonthAsResetAt() {
        assertThat(entitlements.check(WS, "pro", "api_calls", 1).resetAt()).isEqualTo(FEB);
    }

    @Test
    void check_quantityFeature_reportsItsUnit() {
        assertThat(entitlements.check(WS, "pro", "storage", GIB))
                .extracting(Check::allowed, Check::unit, Check::limit)
                .containsExactly(true, "bytes", 5 * GIB);
    }

    @ParameterizedTest(name = "sso on {0} -> {1}")
    @CsvSource({"free, false", "starter, false", "pro, false", "business, true", "agency, true", "enterprise, true"})
    void check_flag_isAllowedOnlyWhereOn(String tier, boolean on) {
        Check check = entitlements.check(WS, tier, "sso", 1);

        assertThat(check.allowed()).isEqualTo(on);
        assertThat(check.reason()).isEqualTo(on ? null : "FEATURE_NOT_IN_PLAN");
        assertThat(check.limit()).isNull();
    }

    @Test
    void check_flagOff_explainsWithUpgradeUrl() {
        assertThat(entitlements.check(WS, "pro", "sso", 1)).isEqualTo(new Check(false, "sso", 0, null, null,
                "FEATURE_NOT_IN_PLAN", "Single sign-on is not included in the pro plan.", UPGRADE, null, null));
    }

    @Test
    void check_featureTheTierLacks_isNotInPlan() {
        Entitlements partial = withCatalog("""
                features=posts,exports
                feature.posts.kind=counted
                feature.exports.kind=counted
                tiers=basic
                tier.basic.rate.per-minute=60
                tier.basic.limit.posts=5
                """);

        Check check = partial.check(WS, "basic", "exports", 1);

        assertThat(check.allowed()).isFalse();
        assertThat(check.reason()).isEqualTo("FEATURE_NOT_IN_PLAN");
        assertThat(check.limit()).isZero();
    }

    @Test
    void check_repeated_neverConsumes() {
        for (int i = 0; i < 20; i++) {
            entitlements.check(WS, "free", "posts", 1);
        }

        assertThat(store.used(postsKey())).isZero();
    }

    static Stream<Arguments> invalidChecks() {
        return Stream.<Arguments>of(
                Arguments.of("unknown feature", (Consumer<Entitlements>) e -> e.check(WS, "pro", "seats", 1), "feature"),
                Arguments.of("null feature", (Consumer<Entitlements>) e -> e.check(WS, "pro", null, 1), "feature"),
                Arguments.of("unknown tier", (Consumer<Entitlements>) e -> e.check(WS, "gold", "posts", 1), "tier"),
                Arguments.of("null tier", (Consumer<Entitlements>) e -> e.check(WS, null, "posts", 1), "tier"),
                Arguments.of("zero quantity", (Consumer<Entitlements>) e -> e.check(WS, "pro", "posts", 0), "quantity"),
                Arguments.of("negative quantity", (Consumer<Entitlements>) e -> e.record(WS, "pro", "posts", -1, null, null), "quantity"),
                Arguments.of("quantity above max", (Consumer<Entitlements>) e -> e.check(WS, "pro", "posts", (1L << 40) + 1), "quantity"),
                Arguments.of("record a flag", (Consumer<Entitlements>) e -> e.record(WS, "pro", "sso", 1, null, null), "feature"),
                Arguments.of("record unknown feature", (Consumer<Entitlements>) e -> e.record(WS, "pro", "seats", 1, null, null), "feature"),
                Arguments.of("adjust a flag", (Consumer<Entitlements>) e -> e.adjustUsage(WS, "sso", 1), "feature"),
                Arguments.of("override without type", (Consumer<Entitlements>) e -> e.setOverride(WS, "posts", null, 5, null), "type"),
                Arguments.of("negative override", (Consumer<Entitlements>) e -> e.setOverride(WS, "posts", LimitType.HARD, -1, null), "limit"),
                Arguments.of("soft flag override", (Consumer<Entitlements>) e -> e.setOverride(WS, "sso", LimitType.SOFT, 1, null), "limit"),
                Arguments.of("flag override of 2", (Consumer<Entitlements>) e -> e.setOverride(WS, "sso", LimitType.HARD, 2, null), "limit"),
                Arguments.of("summary unknown tier", (Consumer<Entitlements>) e -> e.summary(WS, "gold"), "tier"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidChecks")
    void call_invalidInput_failsNamingTheField(String name, Consumer<Entitlements> call, String field) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> call.accept(entitlements));

        assertThat(e).as("ValidationException").isNotNull();
        assertThat(e.errors()).containsOnlyKeys(field);
        assertThat(e.errors().get(field)).singleElement().asString().isNotBlank();
    }

    @Test
    void check_unknownTier_listsTheKnownTiers() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> entitlements.check(WS, "gold", "posts", 1));

        assertThat(e.errors().get("tier").get(0)).contains("'gold'", "free", "enterprise");
    }

    // --- record ---

    @Test
    void record_withinLimit_returnsNewTotalAndLimit() {
        entitlements.record(WS, "pro", "api_calls", 5_000, null, null);

        assertThat(entitlements.record(WS, "pro", "api_calls", 1, null, "{\"endpoint\":\"/api/v1/posts\"}"))
                .isEqualTo(new Recorded(true, "api_calls", 5_001, 100_000L, false));
    }

    @Test
    void record_pastHardLimit_throwsAndRecordsNothing() {
        entitlements.record(WS, "free", "posts", 9, null, null);

        FeatureLimitReachedException e = catchThrowableOfType(FeatureLimitReachedException.class, () -> entitlements.record(WS, "free", "posts", 2, "evt_1", null));

        assertThat(e).isNotNull();
        assertThat(e.feature()).isEqualTo("posts");
        assertThat(e.limit()).isEqualTo(10);
        assertThat(e.used()).isEqualTo(9);
        assertThat(e.upgradeUrl()).isEqualTo(UPGRADE);
        assertThat(e.reason()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(e.getMessage()).isEqualTo("Post limit exceeded. Used: 9, Limit: 10");
        assertThat(store.used(postsKey())).isEqualTo(9);
        assertThat(store.findEvent(WS, "evt_1")).isEmpty();
    }

    @Test
    void record_pastSoftLimit_isRecorded() {
        entitlements.record(WS, "starter", "api_calls", 10_000, null, null);

        assertThat(entitlements.record(WS, "starter", "api_calls", 7, null, null).currentUsage()).isEqualTo(10_007);
    }

    @Test
    void record_unlimited_reportsNullLimit() {
        assertThat(entitlements.record(WS, "enterprise", "storage", 500 * GIB, null, null))
                .isEqualTo(new Recorded(true, "storage", 500 * GIB, null, false));
    }

    @Test
    void record_featureTheTierLacks_throwsNotInPlan() {
        Entitlements partial = withCatalog("""
                features=exports
                feature.exports.kind=counted
                tiers=basic
                tier.basic.rate.per-minute=60
                """);

        assertThatThrownBy(() -> partial.record(WS, "basic", "exports", 1, null, null))
                .isInstanceOfSatisfying(FeatureLimitReachedException.class,
                        e -> assertThat(e.reason()).isEqualTo("FEATURE_NOT_IN_PLAN"));
    }

    @Test
    void record_sameEventIdAgain_returnsFirstResultWithoutAdding() {
        Recorded first = entitlements.record(WS, "pro", "api_calls", 3, "evt_42", "{}");
        entitlements.record(WS, "pro", "api_calls", 10, null, null);

        Recorded again = entitlements.record(WS, "pro", "api_calls", 3, "evt_42", "{}");

        assertThat(first).isEqualTo(new Recorded(true, "api_calls", 3, 100_000L, false));
        assertThat(again).isEqualTo(new Recorded(true, "api_calls", 3, 100_000L, true));
        assertThat(store.used(apiCallsKey())).isEqualTo(13);
    }

    @Test
    void record_retryAfterThePlanLostTheFeature_returnsTheFirstResult() {
        Entitlements exports = withCatalog("""
                features=exports
                feature.exports.kind=counted
                tiers=basic,none
                tier.basic.rate.per-minute=60
                tier.basic.limit.exports=5
                tier.none.rate.per-minute=60
                """);
        exports.record(WS, "basic", "exports", 2, "evt_7", null);

        assertThat(exports.record(WS, "none", "exports", 2, "evt_7", null))
                .isEqualTo(new Recorded(true, "exports", 2, null, true));
        assertThatThrownBy(() -> exports.record(WS, "none", "exports", 2, "evt_8", null))
                .isInstanceOf(FeatureLimitReachedException.class);
    }

    @Test
    void record_sameEventIdInAnotherWorkspace_countsThere() {
        entitlements.record(WS, "pro", "api_calls", 3, "evt_42", null);

        assertThat(entitlements.record(2, "pro", "api_calls", 3, "evt_42", null).duplicate()).isFalse();
    }

    @ParameterizedTest(name = "reused for {0} x{1}")
    @CsvSource({"posts, 3", "api_calls, 4"})
    void record_eventIdReusedForDifferentRecord_isValidationError(String feature, long quantity) {
        entitlements.record(WS, "pro", "api_calls", 3, "evt_42", null);

        assertThatThrownBy(() -> entitlements.record(WS, "pro", feature, quantity, "evt_42", null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("event_id"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("malformedEventIds")
    void record_malformedEventId_isValidationError(String eventId) {
        assertThatThrownBy(() -> entitlements.record(WS, "pro", "api_calls", 1, eventId, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("event_id"));
        assertThat(store.used(apiCallsKey())).isZero();
    }

    static Stream<String> malformedEventIds() {
        return Stream.of("", "evt 1", "evt/1", "évt", "evt_1\n", "x".repeat(129));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a", "evt_01HZX.3:b-c", "550e8400-e29b-41d4-a716-446655440000"})
    void record_wellFormedEventId_isAccepted(String eventId) {
        assertThat(entitlements.record(WS, "pro", "api_calls", 1, eventId, null).recorded()).isTrue();
    }

    @Test
    void record_eventIdOf128Characters_isAccepted() {
        assertThat(entitlements.record(WS, "pro", "api_calls", 1, "x".repeat(128), null).recorded()).isTrue();
    }

    @Test
    void record_nextMonth_startsMeteredUsageFromZero() {
        entitlements.record(WS, "free", "api_calls", 1_000, null, null);
        clock.set(FEB);

        assertThat(entitlements.record(WS, "free", "api_calls", 1, null, null).currentUsage()).isEqualTo(1);
    }

    @Test
    void record_nextMonth_keepsCountedUsage() {
        entitlements.record(WS, "free", "posts", 4, null, null);
        clock.set(FEB);

        assertThat(entitlements.record(WS, "free", "posts", 1, null, null).currentUsage()).isEqualTo(5);
    }

    @Test
    void record_crossing80And100Percent_notifiesEachOnce() {
        entitlements.record(WS, "starter", "api_calls", 7_999, null, null);
        entitlements.record(WS, "starter", "api_calls", 1, null, null);
        entitlements.record(WS, "starter", "api_calls", 1, null, null);
        entitlements.record(WS, "starter", "api_calls", 2_500, null, null);
        entitlements.record(WS, "starter", "api_calls", 1, null, null);

        Instant jan = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(notified).containsExactly(
                new ThresholdCrossed(WS, "api_calls", 80, 8_000, 10_000, jan, FEB),
                new ThresholdCrossed(WS, "api_calls", 100, 10_501, 10_000, jan, FEB));
        assertThat(notified).extracting(ThresholdCrossed::eventType)
                .containsExactly("entitlement.threshold_reached", "entitlement.limit_reached");
    }

    @Test
    void record_oneAddCrossingBothThresholds_notifiesBoth() {
        entitlements.record(WS, "free", "posts", 10, null, null);

        assertThat(notified).extracting(ThresholdCrossed::percent).containsExactly(80, 100);
        assertThat(notified.get(0).resetAt()).isNull();
        assertThat(notified.get(0).periodStart()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void record_recrossingAfterAdjustDown_doesNotNotifyAgain() {
        entitlements.record(WS, "free", "posts", 8, null, null);
        entitlements.adjustUsage(WS, "posts", -5);

        entitlements.record(WS, "free", "posts", 5, null, null);

        assertThat(notified).extracting(ThresholdCrossed::percent).containsExactly(80);
    }

    @Test
    void record_nextPeriod_notifiesAgain() {
        entitlements.record(WS, "free", "api_calls", 800, null, null);
        clock.set(FEB);

        entitlements.record(WS, "free", "api_calls", 800, null, null);

        assertThat(notified).extracting(ThresholdCrossed::periodStart)
                .containsExactly(Instant.parse("2026-01-01T00:00:00Z"), FEB);
    }

    @Test
    void record_duplicateEvent_doesNotNotify() {
        entitlements.record(WS, "free", "posts", 8, "evt_1", null);

        entitlements.record(WS, "free", "posts", 8, "evt_1", null);

        assertThat(notified).hasSize(1);
    }

    @Test
    void record_unlimited_neverNotifies() {
        entitlements.record(WS, "enterprise", "posts", 1_000_000, null, null);

        assertThat(notified).isEmpty();
    }

    @Test
    void record_listenerThrows_propagatesAfterRecording() {
        Entitlements failing = Entitlements.builder().store(store).clock(clock)
                .listener(e -> {
                    throw new IllegalStateException("outbox down");
                }).build();

        assertThatThrownBy(() -> failing.record(WS, "free", "posts", 8, null, null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.used(postsKey())).isEqualTo(8);
    }

    @Test
    void purgeExpiredEvents_afterRetention_forgetsEventIds() {
        entitlements.record(WS, "pro", "posts", 1, "evt_1", null);
        clock.advance(Duration.ofDays(35));
        assertThat(entitlements.purgeExpiredEvents()).isZero();
        clock.advance(Duration.ofSeconds(1));

        assertThat(entitlements.purgeExpiredEvents()).isEqualTo(1);
        assertThat(entitlements.record(WS, "pro", "posts", 1, "evt_1", null).duplicate()).isFalse();
    }

    // --- summary ---

    @Test
    void summary_pro_reportsEveryFeatureOfThePlan() {
        store.tryAdd(postsKey(), 45, -1);
        store.tryAdd(apiCallsKey(), 5_001, -1);
        store.tryAdd(new UsageKey(WS, "storage", Instant.EPOCH), GIB, -1);

        Summary summary = entitlements.summary(WS, "pro");

        assertThat(summary.workspaceId()).isEqualTo(WS);
        assertThat(summary.tier()).isEqualTo("pro");
        assertThat(summary.entitlements()).containsOnlyKeys("posts", "api_calls", "storage", "webhooks", "sso", "mcp_calls");
        assertThat(summary.entitlements().keySet()).containsExactly("posts", "api_calls", "storage", "webhooks", "sso", "mcp_calls");
        assertThat(summary.entitlements().get("posts"))
                .isEqualTo(new FeatureUsage(45, 1_000L, 955L, 4.5, null, null, true, LimitType.HARD));
        assertThat(summary.entitlements().get("api_calls"))
                .isEqualTo(new FeatureUsage(5_001, 100_000L, 94_999L, 5.0, FEB, null, true, LimitType.SOFT));
        assertThat(summary.entitlements().get("storage"))
                .isEqualTo(new FeatureUsage(GIB, 5 * GIB, 4 * GIB, 20.0, null, "bytes", true, LimitType.HARD));
        assertThat(summary.entitlements().get("sso"))
                .isEqualTo(new FeatureUsage(0, null, null, 0, null, null, false, LimitType.HARD));
    }

    @ParameterizedTest(name = "{0} of {1} -> {2} %")
    @CsvSource({"5001, 10000, 50.01", "1, 3, 33.33", "2, 3, 66.67", "0, 10, 0", "15, 10, 150", "0, 0, 0", "1, 0, 100"})
    void percentage_isRoundedToTwoDecimals(long used, long limit, double expected) {
        assertThat(Entitlements.percentage(used, limit)).isEqualTo(expected);
    }

    @Test
    void summary_enterprise_reportsUnlimitedWithoutLimitOrAvailable() {
        assertThat(entitlements.summary(WS, "enterprise").entitlements().get("posts"))
                .isEqualTo(new FeatureUsage(0, null, null, 0, null, null, true, LimitType.UNLIMITED));
    }

    @Test
    void summary_featureTheTierLacks_isLeftOut() {
        Entitlements partial = withCatalog("""
                features=posts,exports
                feature.posts.kind=counted
                feature.exports.kind=counted
                tiers=basic
                tier.basic.rate.per-minute=60
                tier.basic.limit.posts=5
                """);

        assertThat(partial.summary(WS, "basic").entitlements()).containsOnlyKeys("posts");
    }

    // --- overrides and adjustments ---

    @Test
    void setOverride_replacesTheTierLimit() {
        entitlements.setOverride(WS, "posts", LimitType.HARD, 25, 42L);
        store.tryAdd(postsKey(), 20, -1);

        assertThat(entitlements.check(WS, "free", "posts", 1).limit()).isEqualTo(25);
        assertThat(entitlements.record(WS, "free", "posts", 5, null, null).currentUsage()).isEqualTo(25);
        assertThatThrownBy(() -> entitlements.record(WS, "free", "posts", 1, null, null))
                .isInstanceOf(FeatureLimitReachedException.class);
    }

    @Test
    void setOverride_storesActorAndTime() {
        assertThat(entitlements.setOverride(WS, "posts", LimitType.SOFT, 25, 42L))
                .isEqualTo(new LimitOverride(WS, "posts", LimitType.SOFT, 25, NOW, 42L));
        assertThat(store.findOverride(WS, "posts")).map(LimitOverride::createdByKeyId).contains(42L);
    }

    @Test
    void setOverride_flagOn_grantsWhatTheTierLacks() {
        entitlements.setOverride(WS, "sso", LimitType.HARD, 1, null);

        assertThat(entitlements.check(WS, "free", "sso", 1).allowed()).isTrue();
        assertThat(entitlements.summary(WS, "free").entitlements().get("sso").enabled()).isTrue();
    }

    @Test
    void setOverride_unlimited_liftsTheLimit() {
        entitlements.setOverride(WS, "posts", LimitType.UNLIMITED, 7, null);

        assertThat(entitlements.check(WS, "free", "posts", 500).allowed()).isTrue();
        assertThat(store.findOverride(WS, "posts")).map(LimitOverride::limit).contains(0L);
    }

    @Test
    void setOverride_otherWorkspace_isUnaffected() {
        entitlements.setOverride(WS, "posts", LimitType.HARD, 25, null);

        assertThat(entitlements.check(2, "free", "posts", 1).limit()).isEqualTo(10);
    }

    @Test
    void removeOverride_restoresTheTierLimit() {
        entitlements.setOverride(WS, "posts", LimitType.HARD, 25, null);

        entitlements.removeOverride(WS, "posts");

        assertThat(entitlements.check(WS, "free", "posts", 1).limit()).isEqualTo(10);
    }

    @Test
    void adjustUsage_downPastZero_stopsAtZero() {
        entitlements.record(WS, "pro", "storage", 3 * GIB, null, null);

        assertThat(entitlements.adjustUsage(WS, "storage", -GIB)).isEqualTo(2 * GIB);
        assertThat(entitlements.adjustUsage(WS, "storage", -5 * GIB)).isZero();
    }

    @Test
    void adjustUsage_meteredFeature_changesTheCurrentPeriodOnly() {
        entitlements.adjustUsage(WS, "api_calls", 50);

        assertThat(store.used(apiCallsKey())).isEqualTo(50);
        clock.set(FEB);
        assertThat(entitlements.check(WS, "pro", "api_calls", 1).currentUsage()).isZero();
    }

    // --- periods ---

    @ParameterizedTest(name = "{0} at {1} -> [{2}, {3})")
    @CsvSource({
            "DAILY,   2026-01-15T10:30:00Z,          2026-01-15T00:00:00Z, 2026-01-16T00:00:00Z",
            "DAILY,   2026-01-15T00:00:00Z,          2026-01-15T00:00:00Z, 2026-01-16T00:00:00Z",
            "WEEKLY,  2026-01-15T10:30:00Z,          2026-01-12T00:00:00Z, 2026-01-19T00:00:00Z",
            "WEEKLY,  2026-01-18T23:59:59.999999999Z, 2026-01-12T00:00:00Z, 2026-01-19T00:00:00Z",
            "WEEKLY,  2026-01-01T08:00:00Z,          2025-12-29T00:00:00Z, 2026-01-05T00:00:00Z",
            "MONTHLY, 2026-01-15T10:30:00Z,          2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z",
            "MONTHLY, 2028-02-29T12:00:00Z,          2028-02-01T00:00:00Z, 2028-03-01T00:00:00Z",
            "MONTHLY, 2026-12-31T23:59:59Z,          2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z",
            "YEARLY,  2026-07-04T00:00:00Z,          2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z"})
    void periodStartAndResetAt_meteredFeature_alignToUtcCalendar(ResetPeriod period, Instant now, Instant start,
                                                                  Instant reset) {
        var feature = new Feature("calls", FeatureKind.METERED, null, null, period);

        assertThat(entitlements.periodStart(feature, now)).isEqualTo(start);
        assertThat(entitlements.resetAt(feature, now)).isEqualTo(reset);
    }

    @Test
    void periodStartAndResetAt_featureThatNeverResets_areEpochAndNull() {
        var feature = new Feature("posts", FeatureKind.COUNTED, null, null, null);

        assertThat(entitlements.periodStart(feature, NOW)).isEqualTo(Instant.EPOCH);
        assertThat(entitlements.resetAt(feature, NOW)).isNull();
    }

    @ParameterizedTest(name = "{1} % of {0} -> {2}")
    @CsvSource({"10000, 80, 8000", "10, 80, 8", "7, 80, 6", "3, 100, 3", "1, 80, 1",
            "9223372036854775807, 100, 9223372036854775807", "9223372036854775807, 80, 7378697629483820646"})
    void thresholdValue_isSmallestUsageAtOrAbovePercent(long limit, int percent, long expected) {
        assertThat(Entitlements.thresholdValue(limit, percent)).isEqualTo(expected);
    }

    // --- builder ---

    @Test
    void builder_retentionShorterThan32Days_isRejected() {
        assertThatThrownBy(() -> Entitlements.builder().eventRetention(Duration.ofDays(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT744H");
    }

    @Test
    void builder_maxQuantityBelowOne_isRejected() {
        assertThatThrownBy(() -> Entitlements.builder().maxQuantity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }

    @Test
    void builder_withoutStore_isRejected() {
        assertThatThrownBy(() -> Entitlements.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store");
    }

    @Test
    void builder_defaultMaxQuantity_isOneTebibyte() {
        Entitlements defaults = Entitlements.builder().store(store).clock(clock).build();

        assertThat(defaults.check(WS, "enterprise", "posts", 1L << 40).allowed()).isTrue();
        assertThatThrownBy(() -> defaults.check(WS, "enterprise", "posts", (1L << 40) + 1))
                .isInstanceOf(ValidationException.class);
    }

    private Entitlements withCatalog(String properties) {
        return Entitlements.builder().catalog(PlanCatalog.load(new StringReader(properties)))
                .store(store).clock(clock).upgradeUrl(UPGRADE).build();
    }

    private static UsageKey postsKey() {
        return new UsageKey(WS, "posts", Instant.EPOCH);
    }

    private static UsageKey apiCallsKey() {
        return new UsageKey(WS, "api_calls", Instant.parse("2026-01-01T00:00:00Z"));
    }
}
