package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {

    @Override
    protected ApiKeyStore newStore() {
        return new InMemoryApiKeyStore();
    }

    @Test
    void insert_duplicateHash_isRejected() {
        ApiKey key = new ApiKey(0, 1L, null, KeyType.WORKSPACE, "k", "sk_live_AAAA", ApiKeys.sha256Hex("same"),
            ScopeSet.of("read"), null, null, null, null, Instant.EPOCH, null, null);
        store().insert(key);

        assertThatThrownBy(() -> store().insert(key)).isInstanceOf(IllegalStateException.class);
    }
}
