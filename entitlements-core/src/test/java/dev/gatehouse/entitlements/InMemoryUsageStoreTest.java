package dev.gatehouse.entitlements;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryUsageStoreTest extends UsageStoreContract {

    @Override
    protected UsageStore newStore() {
        return new InMemoryUsageStore();
    }

    @Test
    void recordEvent_eventOfAnotherCounter_isRejected() {
        var key = new UsageKey(1, "api_calls", Instant.EPOCH);
        var event = new RecordedEvent(2, "evt_1", "api_calls", 1, 0, Instant.EPOCH, null);

        assertThatThrownBy(() -> store.recordEvent(key, event, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evt_1");
    }

    @Test
    void tryAdd_quantityBelowOne_isRejected() {
        assertThatThrownBy(() -> store.tryAdd(new UsageKey(1, "posts", Instant.EPOCH), 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
