package dev.gatehouse.rest.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.ScopeSet;
import java.lang.reflect.Method;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Authentication#checkRootOnly}: the one place a root-only operation refuses other keys. */
class RootOnlyTest {

    @RootOnly("do operator things")
    void operatorOperation() {
    }

    void anyoneOperation() {
    }

    private static Caller caller(KeyType type) {
        ApiKey key = new ApiKey(7, type == KeyType.ROOT ? null : 1L, null, type, "k", "sk_live_AbC1",
                "0".repeat(64), ScopeSet.of("*"), null, null, null, null, Instant.EPOCH, null, null);
        return new Caller(key, "req_1");
    }

    private static Method method(String name) throws NoSuchMethodException {
        return RootOnlyTest.class.getDeclaredMethod(name);
    }

    @Test
    void checkRootOnly_workspaceKey_is403NamingTheOperation() throws Exception {
        Method m = method("operatorOperation");

        assertThatThrownBy(() -> Authentication.checkRootOnly(m, caller(KeyType.WORKSPACE)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("access_denied");
                    assertThat(e.getMessage()).isEqualTo("Only root keys can do operator things.");
                    assertThat(e.fields()).containsEntry("recoverable", false);
                });
    }

    @Test
    void checkRootOnly_rootKey_passes() throws Exception {
        Method m = method("operatorOperation");

        assertThatCode(() -> Authentication.checkRootOnly(m, caller(KeyType.ROOT))).doesNotThrowAnyException();
    }

    @Test
    void checkRootOnly_undeclaredMethod_letsAnyKeyThrough() throws Exception {
        Method m = method("anyoneOperation");

        assertThatCode(() -> Authentication.checkRootOnly(m, caller(KeyType.WORKSPACE))).doesNotThrowAnyException();
    }
}
