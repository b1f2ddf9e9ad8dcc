package dev.gatehouse.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The optional per-instance cache of limit overrides: reused for its TTL, dropped when this instance writes. */
class EntitlementsOverrideCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final Entitlements cached = Entitlements.builder().store(store).clock(clock)
            .overrideCacheTtl(Duration.ofSeconds(30)).build();

    @Test
    void check_overrideWrittenElsewhere_isSeenOnlyAfterTheTtl() {
        assertThat(cached.check(1, "free", "posts", 1).limit()).isEqualTo(10L);
        store.saveOverride(new LimitOverride(1, "posts", LimitType.HARD, 500, clock.instant(), null));

        assertThat(cached.check(1, "free", "posts", 1).limit()).as("still the cached answer").isEqualTo(10L);
        clock.advance(Duration.ofSeconds(30));
        assertThat(cached.check(1, "free", "posts", 1).limit()).isEqualTo(500L);
    }

    @Test
    void setOverride_throughThisInstance_isSeenAtOnce() {
        assertThat(cached.check(1, "free", "posts", 1).limit()).isEqualTo(10L);
        cached.setOverride(1, "posts", LimitType.HARD, 500, null);
        assertThat(cached.check(1, "free", "posts", 1).limit()).isEqualTo(500L);
        cached.removeOverride(1, "posts");
        assertThat(cached.check(1, "free", "posts", 1).limit()).isEqualTo(10L);
    }

    @Test
    void check_forgetWhileTheOverrideWasBeingRead_doesNotKeepTheOldAnswer() {
        AtomicReference<Runnable> afterRead = new AtomicReference<>();
        UsageStore racing = (UsageStore) Proxy.newProxyInstance(UsageStore.class.getClassLoader(),
                new Class<?>[] {UsageStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(store, args);
                        Runnable change = method.getName().equals("findOverride") ? afterRead.getAndSet(null) : null;
                        if (change != null) {
                            change.run();
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Entitlements entitlements = Entitlements.builder().store(racing).clock(clock)
                .overrideCacheTtl(Duration.ofSeconds(30)).build();
        afterRead.set(() -> {
            store.saveOverride(new LimitOverride(1, "posts", LimitType.HARD, 500, clock.instant(), null));
            entitlements.forgetOverride(1, "posts");
        });

        assertThat(entitlements.check(1, "free", "posts", 1).limit()).as("read before the change").isEqualTo(10L);
        assertThat(entitlements.check(1, "free", "posts", 1).limit()).isEqualTo(500L);
    }

    @Test
    void forgetOverrides_dropsEveryCachedAnswer() {
        assertThat(cached.check(1, "free", "posts", 1).limit()).isEqualTo(10L);
        store.saveOverride(new LimitOverride(1, "posts", LimitType.HARD, 500, clock.instant(), null));

        cached.forgetOverrides();

        assertThat(cached.check(1, "free", "posts", 1).limit()).isEqualTo(500L);
    }

    @Test
    void noTtl_readsTheStoreEveryTime() {
        Entitlements uncached = Entitlements.builder().store(store).clock(clock).build();
        assertThat(uncached.check(1, "free", "posts", 1).limit()).isEqualTo(10L);
        store.saveOverride(new LimitOverride(1, "posts", LimitType.HARD, 500, clock.instant(), null));
        assertThat(uncached.check(1, "free", "posts", 1).limit()).isEqualTo(500L);
    }

    @Test
    void overrideCacheTtl_outOfRange_isRefusedNamingTheValue() {
        assertThatThrownBy(() -> Entitlements.builder().overrideCacheTtl(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT2H");
    }
}
