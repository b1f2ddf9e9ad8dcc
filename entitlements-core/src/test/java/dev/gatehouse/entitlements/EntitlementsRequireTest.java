package dev.gatehouse.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.errors.ValidationException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Entitlements#require}: refuses exactly what {@link Entitlements#check} refuses, and reads the
 * usage only under a hard limit; and {@link Entitlements#record(UsageStore, EntitlementListener, long,
 * String, String, long, String, String)}, a recording through a store and listener the host binds to
 * its own transaction.
 */
class EntitlementsRequireTest {

    private static final long WS = 1;
    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");
    private static final UsageKey MCP_CALLS = new UsageKey(WS, "mcp_calls", Instant.parse("2026-01-01T00:00:00Z"));

    private final InMemoryUsageStore memory = new InMemoryUsageStore();
    private final AtomicInteger usageReads = new AtomicInteger();
    private final List<ThresholdCrossed> notified = new ArrayList<>();
    private Entitlements entitlements;

    @BeforeEach
    void build() {
        entitlements = Entitlements.builder()
                .catalog(PlanCatalog.defaults())
                .store(counting(memory, usageReads))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .listener(notified::add)
                .build();
    }

    /** The store, counting its {@code used} calls. */
    private static UsageStore counting(UsageStore store, AtomicInteger reads) {
        return (UsageStore) Proxy.newProxyInstance(UsageStore.class.getClassLoader(), new Class<?>[] {UsageStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("used")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void require_unlimited_passesWithoutReadingUsage() {
        memory.tryAdd(MCP_CALLS, 5_000_000, -1);

        entitlements.require(WS, "enterprise", "mcp_calls", 1);

        assertThat(usageReads).hasValue(0);
    }

    @Test
    void require_pastSoftLimit_passesWithoutReadingUsage() {
        memory.tryAdd(MCP_CALLS, 10_500, -1);

        entitlements.require(WS, "starter", "mcp_calls", 1);

        assertThat(usageReads).hasValue(0);
    }

    @ParameterizedTest(name = "{0} used of 1000, {1} more -> allowed {2}")
    @CsvSource({"0, 1, true", "999, 1, true", "998, 2, true", "999, 2, false", "1000, 1, false"})
    void require_hardLimit_readsUsageAndRefusesWhatCheckRefuses(long used, long quantity, boolean allowed) {
        if (used > 0) {
            memory.tryAdd(MCP_CALLS, used, -1);
        }
        Check check = entitlements.check(WS, "free", "mcp_calls", quantity);
        usageReads.set(0);

        if (allowed) {
            entitlements.require(WS, "free", "mcp_calls", quantity);
        } else {
            FeatureLimitReachedException refused = catchThrowableOfType(FeatureLimitReachedException.class,
                    () -> entitlements.require(WS, "free", "mcp_calls", quantity));
            assertThat(refused).isNotNull();
            assertThat(refused.reason()).isEqualTo(FeatureLimitReachedException.LIMIT_EXCEEDED);
            assertThat(refused.used()).isEqualTo(used);
            assertThat(refused.limit()).isEqualTo(1000);
            assertThat(refused.getMessage()).isEqualTo(check.message());
        }
        assertThat(check.allowed()).isEqualTo(allowed);
        assertThat(usageReads).hasValue(1);
    }

    @Test
    void require_hardOverrideOfAnUnlimitedPlan_refusesAtTheOverride() {
        entitlements.setOverride(WS, "mcp_calls", LimitType.HARD, 3, null);
        memory.tryAdd(MCP_CALLS, 3, -1);

        assertThatThrownBy(() -> entitlements.require(WS, "enterprise", "mcp_calls", 1))
                .isInstanceOf(FeatureLimitReachedException.class)
                .extracting(e -> ((FeatureLimitReachedException) e).limit()).isEqualTo(3L);
    }

    @Test
    void require_unlimitedOverrideOfAHardPlan_passesWithoutReadingUsage() {
        entitlements.setOverride(WS, "mcp_calls", LimitType.UNLIMITED, 0, null);
        memory.tryAdd(MCP_CALLS, 1_000, -1);

        entitlements.require(WS, "free", "mcp_calls", 1);

        assertThat(usageReads).hasValue(0);
    }

    @Test
    void require_featureTheTierLacksOrAFlagOff_isRefusedAsNotInPlan() {
        assertThat(catchThrowableOfType(FeatureLimitReachedException.class,
                () -> entitlements.require(WS, "pro", "sso", 1)).reason()).isEqualTo(FeatureLimitReachedException.FEATURE_NOT_IN_PLAN);
        Entitlements lacking = Entitlements.builder()
                .catalog(PlanCatalog.load(new StringReader("""
                        features=posts,exports
                        feature.posts.kind=counted
                        feature.exports.kind=counted
                        tiers=basic
                        tier.basic.rate.per-minute=60
                        tier.basic.limit.posts=5
                        """)))
                .store(memory).build();

        assertThat(catchThrowableOfType(FeatureLimitReachedException.class,
                () -> lacking.require(WS, "basic", "exports", 1)).reason()).isEqualTo(FeatureLimitReachedException.FEATURE_NOT_IN_PLAN);
    }

    @Test
    void require_invalidQuantity_failsNamingTheField() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> entitlements.require(WS, "free", "mcp_calls", 0));

        assertThat(e.errors()).containsOnlyKeys("quantity");
    }

    // --- record through a store and listener of the host's transaction ---

    @Test
    void recordThrough_writesToTheGivenStoreOnly() {
        InMemoryUsageStore transaction = new InMemoryUsageStore();

        Recorded recorded = entitlements.record(transaction, e -> { }, WS, "free", "mcp_calls", 1, null, null);

        assertThat(recorded).isEqualTo(new Recorded(true, "mcp_calls", 1, 1000L, false));
        assertThat(transaction.used(MCP_CALLS)).isEqualTo(1);
        assertThat(memory.used(MCP_CALLS)).isZero();
    }

    @Test
    void recordThrough_overrideNotCached_isReadFromTheGivenStore() {
        InMemoryUsageStore transaction = new InMemoryUsageStore();
        transaction.saveOverride(new LimitOverride(WS, "mcp_calls", LimitType.HARD, 5, NOW, null));
        transaction.tryAdd(MCP_CALLS, 5, -1);

        assertThatThrownBy(() -> entitlements.record(transaction, e -> { }, WS, "enterprise", "mcp_calls", 1, null, null))
                .isInstanceOf(FeatureLimitReachedException.class);
        assertThat(memory.findOverride(WS, "mcp_calls")).isEmpty();
    }

    @Test
    void recordThrough_atTheHardLimit_isRefusedAndAddsNothing() {
        InMemoryUsageStore transaction = new InMemoryUsageStore();
        transaction.tryAdd(MCP_CALLS, 1000, -1);

        assertThatThrownBy(() -> entitlements.record(transaction, e -> { }, WS, "free", "mcp_calls", 1, null, null))
                .isInstanceOf(FeatureLimitReachedException.class);
        assertThat(transaction.used(MCP_CALLS)).isEqualTo(1000);
    }

    @Test
    void recordThrough_crossingAThreshold_notifiesTheGivenListenerNotTheFacades() {
        InMemoryUsageStore transaction = new InMemoryUsageStore();
        transaction.tryAdd(MCP_CALLS, 799, -1);
        List<ThresholdCrossed> inTransaction = new ArrayList<>();

        entitlements.record(transaction, inTransaction::add, WS, "free", "mcp_calls", 1, null, null);

        assertThat(inTransaction).singleElement().extracting(ThresholdCrossed::percent).isEqualTo(80);
        assertThat(notified).isEmpty();
    }

    @Test
    void recordThrough_listenerRefusing_propagatesAfterTheMarkWasWritten() {
        InMemoryUsageStore transaction = new InMemoryUsageStore();
        transaction.tryAdd(MCP_CALLS, 799, -1);

        assertThatThrownBy(() -> entitlements.record(transaction, e -> {
            throw new IllegalStateException("not in this transaction");
        }, WS, "free", "mcp_calls", 1, null, null)).hasMessage("not in this transaction");
    }
}
