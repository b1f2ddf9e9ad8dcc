package dev.gatehouse.rest.entitlements.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.entitlements.Concurrently;
import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.FeatureLimitReachedException;
import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.Recorded;
import dev.gatehouse.entitlements.UsageStore;
import dev.gatehouse.entitlements.UsageStoreContract;
import dev.gatehouse.rest.testing.TestDatabase;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The {@link UsageStoreContract} suite on {@link JpaUsageStore}, each store call in a transaction
 * of its own (a JPA one, or with {@link #onConnection()} a local JDBC one on {@link JpaUsageStore#on}), plus the end-to-end concurrency checks through the facade: 32 threads
 * against a hard limit of 1,000.
 */
abstract class JpaUsageStoreContract extends UsageStoreContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:30:00Z"), ZoneOffset.UTC);

    /** The database for the whole class; the subclass creates and closes it. */
    abstract TestDatabase database();

    @Override
    protected UsageStore newStore() {
        TestDatabase db = database();
        db.sql("DELETE FROM usage_events", "DELETE FROM usage_counters", "DELETE FROM usage_threshold_marks",
                "DELETE FROM entitlement_overrides", "DELETE FROM usage_daily");
        for (long id : new long[] {1, 2, 7, 8}) {
            db.workspace(id, "free");
        }
        return onConnection() ? localTransactionPerCall(db) : db.perCallTransactions(UsageStore.class, em -> new JpaUsageStore(em, CLOCK));
    }

    /** True to run the suite on {@link JpaUsageStore#on}: the store on a connection whose local transaction the caller runs. */
    boolean onConnection() {
        return false;
    }

    /** Each call on a connection of its own, auto-commit off, committed (rolled back when it throws). */
    private static UsageStore localTransactionPerCall(TestDatabase db) {
        JpaUsageStore store = new JpaUsageStore(null, CLOCK);
        return (UsageStore) Proxy.newProxyInstance(UsageStore.class.getClassLoader(), new Class<?>[] {UsageStore.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(store, args);
                    }
                    try (Connection c = db.dataSource().getConnection()) {
                        c.setAutoCommit(false);
                        try {
                            Object result = method.invoke(store.on(c), args);
                            c.commit();
                            return result;
                        } catch (InvocationTargetException e) {
                            c.rollback();
                            throw e.getCause();
                        }
                    }
                });
    }

    private Entitlements hardLimitOf1000() {
        return Entitlements.builder()
                .catalog(PlanCatalog.load(new StringReader("""
                        features=posts
                        feature.posts.kind=counted
                        tiers=basic
                        tier.basic.rate.per-minute=60
                        tier.basic.limit.posts=1000
                        """)))
                .store(store)
                .clock(CLOCK)
                .build();
    }

    @Test
    public void daily_recordedUsage_isSummedPerUtcDayAndRefusedUsageIsLeftOut() {
        newStore();
        Entitlements entitlements = hardLimitOf1000();
        entitlements.record(7, "basic", "posts", 3, null, null);
        entitlements.record(7, "basic", "posts", 4, "evt_1", null);
        entitlements.record(7, "basic", "posts", 4, "evt_1", null); // a retry counts once
        try {
            entitlements.record(7, "basic", "posts", 5_000, null, null);
        } catch (FeatureLimitReachedException expected) {
            // refused: not history
        }
        java.time.LocalDate day = java.time.LocalDate.of(2026, 1, 15);
        List<JpaUsageStore.DailyUsage> days = database().inTransaction(em -> new JpaUsageStore(em, CLOCK)
                .daily(7, "posts", day.minusDays(1), day));
        assertThat(days).containsExactly(new JpaUsageStore.DailyUsage(day, 7));
        List<JpaUsageStore.DailyUsage> none = database().inTransaction(em -> new JpaUsageStore(em, CLOCK).daily(8, "posts", day, day));
        assertThat(none).isEmpty();
    }

    @Test
    public void record_32ThreadsAgainstHardLimit1000_acceptExactly1000() throws Exception {
        Entitlements entitlements = hardLimitOf1000();

        List<int[]> outcomes = Concurrently.run(32, t -> () -> {
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 50; i++) {
                try {
                    entitlements.record(8, "basic", "posts", 1, null, null);
                    accepted++;
                } catch (FeatureLimitReachedException e) {
                    refused++;
                }
            }
            return new int[] {accepted, refused};
        });

        assertThat(outcomes.stream().mapToInt(o -> o[0]).sum()).isEqualTo(1_000);
        assertThat(outcomes.stream().mapToInt(o -> o[1]).sum()).isEqualTo(32 * 50 - 1_000);
        assertThat(entitlements.check(8, "basic", "posts", 1).currentUsage()).isEqualTo(1_000);
    }

    @Test
    public void record_32ThreadsRepeatingEventIdsAgainstHardLimit1000_countEachIdOnce() throws Exception {
        Entitlements entitlements = hardLimitOf1000();
        Set<String> counted = ConcurrentHashMap.newKeySet();

        // 1,200 distinct ids, each sent by 4 threads: 4,800 calls for 1,200 ids against a limit of 1,000.
        List<Integer> firsts = Concurrently.run(32, t -> () -> {
            int first = 0;
            for (int i = 0; i < 150; i++) {
                String id = "evt_" + ((t % 8) * 150 + i);
                try {
                    Recorded recorded = entitlements.record(8, "basic", "posts", 1, id, "{\"t\":" + t + "}");
                    if (!recorded.duplicate()) {
                        first++;
                        assertThat(counted.add(id)).as("counted twice: " + id).isTrue();
                    }
                } catch (FeatureLimitReachedException refused) {
                    // expected once the 1,000 are used up
                }
            }
            return first;
        });

        assertThat(firsts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        assertThat(counted).hasSize(1_000);
        assertThat(entitlements.check(8, "basic", "posts", 1).currentUsage()).isEqualTo(1_000);
        assertThat(counted).allSatisfy(id -> assertThat(store.findEvent(8, id)).isPresent());
    }
}
