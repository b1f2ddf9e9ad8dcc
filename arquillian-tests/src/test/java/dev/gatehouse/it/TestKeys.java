package dev.gatehouse.it;

import dev.gatehouse.keys.Actor;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.InMemoryApiKeyStore;
import dev.gatehouse.keys.KeyRequest;
import dev.gatehouse.keys.KeyType;
import java.util.List;

/** Well-formed keys made with the real key format (api-keys-core), never issued by the server under test. */
final class TestKeys {

    private TestKeys() {
    }

    static String newRootKey() {
        return keys().issueRoot(null, Actor.system()).secret();
    }

    /** A well-formed workspace key the server has never seen. */
    static String unknownWorkspaceKey() {
        return keys().issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "never issued", List.of("read"), null, null),
                null, Actor.system()).secret();
    }

    private static ApiKeys keys() {
        return ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(event -> { }).build();
    }
}
