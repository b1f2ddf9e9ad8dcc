package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore newStore() {
        return new InMemoryUserStore();
    }

    @Test
    void insert_duplicateExternalIdInWorkspace_isRejected() {
        User user = new User(0, 1, "ext-1", "a@example.com", false, null, 1, Instant.EPOCH, Instant.EPOCH);
        store().insert(user);

        assertThatThrownBy(() -> store().insert(user)).isInstanceOf(IllegalStateException.class);
    }
}
