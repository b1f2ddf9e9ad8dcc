package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysBuilderTest {

    static Stream<Arguments> badArguments() {
        return Stream.of(
            bad("positiveCacheTtl", b -> b.positiveCacheTtl(Duration.ofSeconds(31)), "PT31S"),
            bad("positiveCacheTtl", b -> b.positiveCacheTtl(Duration.ofSeconds(-1)), "PT-1S"),
            bad("negativeCacheTtl", b -> b.negativeCacheTtl(Duration.ofSeconds(61)), "PT1M1S"),
            bad("negativeCacheTtl", b -> b.negativeCacheTtl(Duration.ofMillis(-1)), "PT-0.001S"),
            bad("maxActiveKeysPerUser", b -> b.maxActiveKeysPerUser(0), "0"),
            bad("lastUsedWriteInterval", b -> b.lastUsedWriteInterval(Duration.ZERO), "PT0S"),
            bad("maximumCacheSize", b -> b.maximumCacheSize(0), "0"),
            bad("workspaceKeyPrefix", b -> b.workspaceKeyPrefix("Sk_live_"), "Sk_live_"),
            bad("workspaceKeyPrefix", b -> b.workspaceKeyPrefix("sk_live"), "sk_live"),
            bad("workspaceKeyPrefix", b -> b.workspaceKeyPrefix("sk__live_"), "sk__live_"),
            bad("workspaceKeyPrefix", b -> b.workspaceKeyPrefix("1sk_"), "1sk_"),
            bad("userKeyPrefix", b -> b.userKeyPrefix("abcdefgh_ijklmnop_"), "abcdefgh_ijklmnop_"),
            bad("userKeyPrefix", b -> b.userKeyPrefix("sk-user_"), "sk-user_"));
    }

    private static Arguments bad(String setting, Consumer<ApiKeys.Builder> call, String value) {
        return Arguments.of(setting, call, value);
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("badArguments")
    void setter_badValue_failsNamingSettingAndValue(String setting, Consumer<ApiKeys.Builder> call, String value) {
        ApiKeys.Builder builder = ApiKeys.builder();

        assertThatThrownBy(() -> call.accept(builder))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(setting)
            .hasMessageEndingWith("but was " + value);
    }

    @Test
    void setter_null_failsNamingSetting() {
        assertThatThrownBy(() -> ApiKeys.builder().clock(null))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("clock");
    }

    @Test
    void build_withoutStore_failsNamingIt() {
        ApiKeys.Builder builder = ApiKeys.builder().audit(e -> { });

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
    }

    @Test
    void build_withoutAudit_failsNamingIt() {
        ApiKeys.Builder builder = ApiKeys.builder().store(new InMemoryApiKeyStore());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("audit");
    }

    @Test
    void build_userPrefixStartingWithWorkspacePrefix_isRejected() {
        ApiKeys.Builder builder = ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { })
            .workspaceKeyPrefix("sk_").userKeyPrefix("sk_user_");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("sk_user_").hasMessageContaining("sk_");
    }

    @Test
    void build_samePrefixForTwoTypes_isRejected() {
        ApiKeys.Builder builder = ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { })
            .userKeyPrefix("sk_live_");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme_", "ac_live_", "a1_b2_c3_", "abcdefghijklmno_"})
    void workspaceKeyPrefix_validPrefix_isUsedForNewKeys(String prefix) {
        Fixture f = new Fixture(ApiKeys.builder().workspaceKeyPrefix(prefix));

        IssuedKey issued = f.workspaceKey();

        assertThat(issued.secret()).startsWith(prefix).hasSize(prefix.length() + 30);
        assertThat(f.keys.typeOf(issued.secret())).isEqualTo(KeyType.WORKSPACE);
        assertThat(f.keys.prefix(KeyType.WORKSPACE)).isEqualTo(prefix);
    }

    @Test
    void userKeyPrefix_customPrefix_isUsedForUserKeys() {
        Fixture f = new Fixture(ApiKeys.builder().userKeyPrefix("mk_user_"));

        IssuedKey issued = f.keys.issue(new KeyRequest(1L, 7L, KeyType.USER, "u", null, null, null), null, null);

        assertThat(issued.secret()).startsWith("mk_user_");
        assertThat(f.keys.verify(issued.secret()).valid()).isTrue();
    }

    @Test
    void builders_settingMadeTwice_isRefused() {
        assertThatThrownBy(() -> ApiKeys.builder().maxActiveKeysPerUser(5).maxActiveKeysPerUser(10))
            .isInstanceOf(IllegalStateException.class).hasMessage("maxActiveKeysPerUser was already set");
        assertThatThrownBy(() -> Workspaces.builder().tiers(List.of("free")).tiers(List.of("pro")))
            .isInstanceOf(IllegalStateException.class).hasMessage("tiers was already set");
        assertThatThrownBy(() -> Users.builder().dailyBootstrapQuota(1).dailyBootstrapQuota(2))
            .isInstanceOf(IllegalStateException.class).hasMessage("dailyBootstrapQuota was already set");
    }

    @Test
    void positiveCacheTtl_isTheConfiguredOne_orTheDefault() {
        assertThat(ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { }).build().positiveCacheTtl())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { })
                .positiveCacheTtl(Duration.ofSeconds(5)).build().positiveCacheTtl()).isEqualTo(Duration.ofSeconds(5));
    }
}
