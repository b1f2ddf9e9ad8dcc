package dev.gatehouse.entitlements;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCatalogTest {

    private static final String VALID = """
            features=posts,api_calls,storage,webhooks,sso
            feature.posts.kind=counted
            feature.api_calls.kind=metered
            feature.api_calls.reset=monthly
            feature.api_calls.description=API calls
            feature.storage.kind=quantity
            feature.storage.unit=bytes
            feature.webhooks.kind=counted
            feature.sso.kind=flag
            tiers=free,pro
            tier.free.rate.per-minute=60
            tier.free.limit.posts=10
            tier.pro.rate.per-minute=5000
            tier.pro.rate.burst=0.3
            tier.pro.limit.posts=1000
            tier.pro.limit.posts.type=hard
            tier.pro.limit.storage=5368709120
            tier.pro.limit.api_calls=unlimited
            tier.pro.limit.webhooks=20
            tier.pro.limit.webhooks.type=soft
            tier.pro.limit.sso=on
            """;

    @Test
    void defaults_listsTiersFromFreeToEnterprise() {
        assertThat(PlanCatalog.defaults().tiers()).extracting(Tier::name)
                .containsExactly("free", "starter", "pro", "business", "agency", "enterprise");
    }

    @Test
    void defaults_listsFeaturesWithTheirKinds() {
        assertThat(PlanCatalog.defaults().features()).extracting(Feature::key, Feature::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("posts", FeatureKind.COUNTED),
                        org.assertj.core.groups.Tuple.tuple("api_calls", FeatureKind.METERED),
                        org.assertj.core.groups.Tuple.tuple("storage", FeatureKind.QUANTITY),
                        org.assertj.core.groups.Tuple.tuple("webhooks", FeatureKind.COUNTED),
                        org.assertj.core.groups.Tuple.tuple("sso", FeatureKind.FLAG),
                        org.assertj.core.groups.Tuple.tuple("mcp_calls", FeatureKind.METERED));
        assertThat(PlanCatalog.defaults().feature("api_calls")).map(Feature::resetPeriod).contains(ResetPeriod.MONTHLY);
        assertThat(PlanCatalog.defaults().feature("storage")).map(Feature::unit).contains("bytes");
    }

    @ParameterizedTest(name = "{0}: {1}/min, burst {2} -> capacity {3}")
    @CsvSource({
            "free,       60,     0.0, 60",
            "starter,    1000,   0.2, 1200",
            "pro,        5000,   0.3, 6500",
            "business,   10000,  0.4, 14000",
            "agency,     20000,  0.5, 30000",
            "enterprise, 100000, 1.0, 200000"})
    void defaults_rateOfTier_followsTheReference(String tier, long perMinute, double burst, long capacity) {
        RatePolicy rate = PlanCatalog.defaults().tier(tier).orElseThrow().rate();

        assertThat(rate).isEqualTo(new RatePolicy(perMinute, burst));
        assertThat(rate.capacity()).isEqualTo(capacity);
    }

    // limit -1 stands for unlimited
    @ParameterizedTest(name = "{0}.{1} = {3} {2}")
    @CsvSource({
            "free,       posts,     HARD,      10",
            "starter,    posts,     HARD,      100",
            "pro,        posts,     HARD,      1000",
            "business,   posts,     HARD,      5000",
            "agency,     posts,     HARD,      20000",
            "enterprise, posts,     UNLIMITED, -1",
            "free,       api_calls, HARD,      1000",
            "starter,    api_calls, SOFT,      10000",
            "pro,        api_calls, SOFT,      100000",
            "business,   api_calls, SOFT,      500000",
            "agency,     api_calls, SOFT,      2000000",
            "enterprise, api_calls, UNLIMITED, -1",
            "free,       storage,   HARD,      104857600",
            "starter,    storage,   HARD,      1073741824",
            "pro,        storage,   HARD,      5368709120",
            "business,   storage,   HARD,      21474836480",
            "agency,     storage,   HARD,      107374182400",
            "enterprise, storage,   UNLIMITED, -1",
            "free,       webhooks,  HARD,      1",
            "starter,    webhooks,  HARD,      5",
            "pro,        webhooks,  HARD,      20",
            "business,   webhooks,  HARD,      50",
            "agency,     webhooks,  HARD,      200",
            "enterprise, webhooks,  UNLIMITED, -1",
            "free,       sso,       HARD,      0",
            "starter,    sso,       HARD,      0",
            "pro,        sso,       HARD,      0",
            "business,   sso,       HARD,      1",
            "agency,     sso,       HARD,      1",
            "enterprise, sso,       HARD,      1"})
    void defaults_limitOfTierAndFeature_isAsPublished(String tier, String feature, LimitType type, long limit) {
        FeatureLimit actual = PlanCatalog.defaults().tier(tier).orElseThrow().limit(feature).orElseThrow();

        assertThat(actual.type()).isEqualTo(type);
        if (type != LimitType.UNLIMITED) {
            assertThat(actual.limit()).isEqualTo(limit);
        }
    }

    @Test
    void load_validText_readsFeaturesAndTiers() {
        PlanCatalog catalog = PlanCatalog.load(new StringReader(VALID));

        Tier pro = catalog.tier("pro").orElseThrow();
        assertThat(pro.rate()).isEqualTo(new RatePolicy(5000, 0.3));
        assertThat(pro.limits()).containsExactly(
                Map.entry("posts", new FeatureLimit("posts", LimitType.HARD, 1000)),
                Map.entry("api_calls", new FeatureLimit("api_calls", LimitType.UNLIMITED, 0)),
                Map.entry("storage", new FeatureLimit("storage", LimitType.HARD, 5_368_709_120L)),
                Map.entry("webhooks", new FeatureLimit("webhooks", LimitType.SOFT, 20)),
                Map.entry("sso", new FeatureLimit("sso", LimitType.HARD, 1)));
        assertThat(catalog.tier("free").orElseThrow().limits()).containsOnlyKeys("posts");
        assertThat(catalog.feature("api_calls")).contains(
                new Feature("api_calls", FeatureKind.METERED, "API calls", null, ResetPeriod.MONTHLY));
    }

    @Test
    void load_featureWithoutDescription_usesItsKey() {
        assertThat(PlanCatalog.load(new StringReader(VALID)).feature("posts")).map(Feature::description).contains("posts");
    }

    @Test
    void tierAndFeature_unknownOrNullName_areEmpty() {
        PlanCatalog catalog = PlanCatalog.defaults();

        assertThat(catalog.tier("gold")).isEmpty();
        assertThat(catalog.tier(null)).isEmpty();
        assertThat(catalog.feature("seats")).isEmpty();
        assertThat(catalog.feature(null)).isEmpty();
    }

    static Stream<Arguments> invalidCatalogs() {
        return Stream.of(
                Arguments.of("no features list", remove("features"), "'features' is missing"),
                Arguments.of("bad feature name", set("features", "posts,Api Calls"), "'features' has invalid value 'posts,Api Calls'"),
                Arguments.of("feature listed twice", set("features", "posts,posts"), "'posts' is listed twice"),
                Arguments.of("unknown kind", set("feature.posts.kind", "countable"), "'feature.posts.kind' has invalid value 'countable'"),
                Arguments.of("metered without reset", remove("feature.api_calls.reset"), "'feature.api_calls.reset' is missing"),
                Arguments.of("unknown reset", set("feature.api_calls.reset", "hourly"), "'feature.api_calls.reset' has invalid value 'hourly'"),
                Arguments.of("reset on counted", set("feature.posts.reset", "daily"), "'feature.posts.reset' has invalid value 'daily'"),
                Arguments.of("quantity without unit", remove("feature.storage.unit"), "'feature.storage.unit' is missing"),
                Arguments.of("unit on counted", set("feature.posts.unit", "posts"), "'feature.posts.unit' has invalid value 'posts'"),
                Arguments.of("no tiers list", remove("tiers"), "'tiers' is missing"),
                Arguments.of("no rate", remove("tier.free.rate.per-minute"), "'tier.free.rate.per-minute' is missing"),
                Arguments.of("zero rate", set("tier.free.rate.per-minute", "0"), "'tier.free.rate.per-minute' has invalid value '0'"),
                Arguments.of("huge rate", set("tier.free.rate.per-minute", "99999999999999999999"), "has invalid value '99999999999999999999'"),
                Arguments.of("word burst", set("tier.pro.rate.burst", "lots"), "'tier.pro.rate.burst' has invalid value 'lots'"),
                Arguments.of("negative burst", set("tier.pro.rate.burst", "-0.1"), "'tier.pro.rate.burst' has invalid value '-0.1'"),
                Arguments.of("NaN burst", set("tier.pro.rate.burst", "NaN"), "'tier.pro.rate.burst' has invalid value 'NaN'"),
                Arguments.of("negative limit", set("tier.pro.limit.posts", "-5"), "'tier.pro.limit.posts' has invalid value '-5'"),
                Arguments.of("decimal limit", set("tier.pro.limit.posts", "1.5"), "'tier.pro.limit.posts' has invalid value '1.5'"),
                Arguments.of("unknown limit type", set("tier.pro.limit.posts.type", "strict"), "'tier.pro.limit.posts.type' has invalid value 'strict'"),
                Arguments.of("type on unlimited", set("tier.pro.limit.api_calls.type", "soft"), "'tier.pro.limit.api_calls.type' has invalid value 'soft'"),
                Arguments.of("type without limit", set("tier.free.limit.storage.type", "soft"), "'tier.free.limit.storage.type' has invalid value 'soft'"),
                Arguments.of("flag with number", set("tier.pro.limit.sso", "2"), "'tier.pro.limit.sso' has invalid value '2'"),
                Arguments.of("flag with type", set("tier.pro.limit.sso.type", "soft"), "'tier.pro.limit.sso.type' has invalid value 'soft'"),
                Arguments.of("limit of unknown feature", set("tier.pro.limit.seats", "5"), "'tier.pro.limit.seats' has invalid value '5': unknown property"),
                Arguments.of("settings of unlisted tier", set("tier.gold.rate.per-minute", "9"), "'tier.gold.rate.per-minute' has invalid value '9': unknown property"),
                Arguments.of("typo", set("feature.posts.kinds", "counted"), "'feature.posts.kinds' has invalid value 'counted': unknown property"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCatalogs")
    void parse_invalidProperty_failsNamingPropertyAndValue(String name, Properties properties, String message) {
        assertThatThrownBy(() -> PlanCatalog.parse(properties))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(message);
    }

    @Test
    void load_file_readsIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, VALID, StandardCharsets.UTF_8);

        assertThat(PlanCatalog.load(file).tiers()).extracting(Tier::name).containsExactly("free", "pro");
    }

    @Test
    void load_missingFile_failsWithTheIoCause(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> PlanCatalog.load(missing))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(missing.toString())
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void load_malformedEscape_failsAsCatalogException() {
        assertThatThrownBy(() -> PlanCatalog.load(new StringReader("features=\\uZZZZ")))
                .isInstanceOf(CatalogException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_flagLimitOtherThanOnOrOff_isRejected() {
        var sso = new Feature("sso", FeatureKind.FLAG, null, null, null);
        var tier = new Tier("free", new RatePolicy(60, 0), Map.of("sso", new FeatureLimit("sso", LimitType.SOFT, 1)));

        assertThatThrownBy(() -> PlanCatalog.of(List.of(sso), List.of(tier)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'sso'");
    }

    @Test
    void of_limitOfUndeclaredFeature_isRejected() {
        var tier = new Tier("free", new RatePolicy(60, 0), Map.of("seats", new FeatureLimit("seats", LimitType.HARD, 3)));

        assertThatThrownBy(() -> PlanCatalog.of(List.of(), List.of(tier)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'seats'");
    }

    @Test
    void of_noTier_isRejected() {
        assertThatThrownBy(() -> PlanCatalog.of(List.of(), List.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("no tier");
    }

    @ParameterizedTest(name = "{0}/min with burst {1} -> {2}")
    @CsvSource({
            "60,     0,    60",
            "1000,   0.2,  1200",
            "5000,   0.3,  6500",
            "100000, 1.0,  200000",
            "7,      0.1,  7",
            "3,      0.34, 4",
            "10,     0.07, 10"})
    void capacity_rateAndBurst_isFlooredProduct(long perMinute, double burst, long capacity) {
        assertThat(new RatePolicy(perMinute, burst).capacity()).isEqualTo(capacity);
    }

    @ParameterizedTest(name = "{0}/min with burst {1}")
    @CsvSource({"0, 0", "60, -0.5", "60, NaN", "60, Infinity"})
    void ratePolicy_outOfRange_isRejected(long perMinute, double burst) {
        assertThatThrownBy(() -> new RatePolicy(perMinute, burst)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Properties valid() {
        var properties = new Properties();
        try {
            properties.load(new StringReader(VALID));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return properties;
    }

    private static Properties set(String key, String value) {
        Properties properties = valid();
        properties.setProperty(key, value);
        return properties;
    }

    private static Properties remove(String key) {
        Properties properties = valid();
        properties.remove(key);
        return properties;
    }
}
