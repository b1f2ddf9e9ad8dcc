package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacesTest {

    private final MutableClock clock = new MutableClock(Fixture.T0);
    private final InMemoryWorkspaceStore store = new InMemoryWorkspaceStore();
    private final Workspaces workspaces = Workspaces.builder().store(store).clock(clock).tiers(Fixture.TIERS).build();

    private static WorkspacePatch patch(String name, String slug, String tier, String timezone, String locale) {
        return new WorkspacePatch(Optional.ofNullable(name), Optional.ofNullable(slug), Optional.ofNullable(tier),
            Optional.ofNullable(timezone), Optional.ofNullable(locale));
    }

    private static void assertFieldError(Runnable call, String field) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys(field));
    }

    @Test
    void create_nameOnly_appliesDefaults() {
        Workspace w = workspaces.create("New Workspace", null, null, null);

        assertThat(w.id()).isPositive();
        assertThat(w.name()).isEqualTo("New Workspace");
        assertThat(w.slug()).isEqualTo("new-workspace");
        assertThat(w.tier()).isEqualTo("free");
        assertThat(w.settings()).isEqualTo(new WorkspaceSettings("UTC", "en-GB"));
        assertThat(w.createdAt()).isEqualTo(Fixture.T0);
        assertThat(w.updatedAt()).isEqualTo(Fixture.T0);
        assertThat(workspaces.find(w.id())).contains(w);
    }

    @Test
    void create_everyField_isStored() {
        Workspace w = workspaces.create("  Acme Corporation ", "acme-corp", "business",
            new WorkspaceSettings("Europe/London", "en_US"));

        assertThat(w).extracting(Workspace::name, Workspace::slug, Workspace::tier, Workspace::settings)
            .containsExactly("Acme Corporation", "acme-corp", "business", new WorkspaceSettings("Europe/London", "en-US"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
          "New Workspace                 | new-workspace",
          "Acme Corporation              | acme-corporation",
          "Café Zürich & Co.             | cafe-zurich-co",
          "  --Hello,   World!--         | hello-world",
          "ÅNGSTRÖM Ĳssel                | angstrom-ijssel",
          "ﬁne ﬂow ①                     | fine-flow-1",
          "Straße 42                     | stra-e-42",
          "日本語                         | workspace",
          "!!!                           | workspace",
          "a_b.c/d                       | a-b-c-d",
    })
    void create_withoutSlug_generatesSlugFromName(String name, String expected) {
        assertThat(workspaces.create(name, null, null, null).slug()).isEqualTo(expected);
    }

    @Test
    void create_longName_cutsGeneratedSlugTo63WithoutTrailingHyphen() {
        String name = "a".repeat(62) + " bcd";

        Workspace w = workspaces.create(name, null, null, null);

        assertThat(w.slug()).isEqualTo("a".repeat(62));
    }

    @Test
    void create_generatedSlugTaken_isSuffixedUntilFree() {
        workspaces.create("New Workspace", null, null, null);
        workspaces.create("New Workspace", null, null, null);
        workspaces.create("Other", "new-workspace-3", null, null);

        Workspace fourth = workspaces.create("New Workspace", null, null, null);

        assertThat(fourth.slug()).isEqualTo("new-workspace-4");
        assertThat(store.slugExists("new-workspace-2")).isTrue();
    }

    @Test
    void create_longGeneratedSlugTaken_keepsSuffixWithin63() {
        String name = "b".repeat(70);
        workspaces.create(name, null, null, null);

        Workspace second = workspaces.create(name, null, null, null);

        assertThat(second.slug()).isEqualTo("b".repeat(61) + "-2").hasSize(63);
    }

    @Test
    void create_explicitSlugTaken_failsOnSlug() {
        workspaces.create("Acme", "acme", null, null);

        assertThatThrownBy(() -> workspaces.create("Acme 2", "acme", null, null))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("slug", List.of("has already been taken")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "acme corp", "-acme", "acme-", "acme--corp", "acme_corp", "ácme"})
    void create_invalidSlug_failsOnSlug(String slug) {
        assertFieldError(() -> workspaces.create("Acme", slug, null, null), "slug");
    }

    @Test
    void create_slugOf64Characters_failsOnSlug() {
        String slug = "a".repeat(64);

        assertThatThrownBy(() -> workspaces.create("Acme", slug, null, null))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get("slug")).containsExactly("is too long (maximum is 63 characters)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "acme-corp", "a1-b2-c3", "123"})
    void create_validSlug_isUsedAsGiven(String slug) {
        assertThat(workspaces.create("Acme", slug, null, null).slug()).isEqualTo(slug);
    }

    @ParameterizedTest(name = "name \"{0}\": {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
          "NULL  | is required",
          "''    | must not be blank",
          "'   ' | must not be blank",
    })
    void create_badName_failsOnName(String name, String message) {
        assertThatThrownBy(() -> workspaces.create(name, null, null, null))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("name", List.of(message)));
    }

    @Test
    void create_nameOf256Characters_failsOnName() {
        assertFieldError(() -> workspaces.create("n".repeat(256), null, null, null), "name");
        assertThat(workspaces.create("n".repeat(255), null, null, null).name()).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"free", "starter", "pro", "business", "agency", "enterprise"})
    void create_knownTier_isAccepted(String tier) {
        assertThat(workspaces.create("Acme", null, tier, null).tier()).isEqualTo(tier);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Pro", "platinum", "team"})
    void create_unknownTier_failsOnTier(String tier) {
        assertFieldError(() -> workspaces.create("Acme", null, tier, null), "tier");
    }

    @Test
    void create_customTiers_acceptsThemAndDefaultsToTheLowest() {
        Workspaces custom = Workspaces.builder().store(store).clock(clock).tiers(List.of("hobby", "team", "scale")).build();

        assertThat(custom.create("Default", null, null, null).tier()).isEqualTo("hobby");
        assertThat(custom.create("Scale", null, "scale", null).tier()).isEqualTo("scale");
        assertThatThrownBy(() -> custom.create("Pro", null, "pro", null))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("tier", List.of("must be one of: hobby, team, scale")));
    }

    @Test
    void create_noTiersConfigured_knowsOnlyFree() {
        Workspaces standalone = Workspaces.builder().store(store).clock(clock).build();

        assertThat(standalone.create("Acme", null, null, null).tier()).isEqualTo("free");
        assertFieldError(() -> standalone.create("Acme", null, "pro", null), "tier");
    }

    @Test
    void update_customTier_isAccepted() {
        Workspaces custom = Workspaces.builder().store(store).clock(clock).tiers(List.of("hobby", "team")).build();
        Workspace w = custom.create("Acme", null, null, null);

        assertThat(custom.update(w.id(), patch(null, null, "team", null, null)).tier()).isEqualTo("team");
        assertFieldError(() -> custom.update(w.id(), patch(null, null, "free", null, null)), "tier");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|at least one", "free,free|repeat 'free'", "free, |blank"})
    void builder_badTiers_failsNamingTheProblem(String names, String problem) {
        List<String> tiers = names.isEmpty() ? List.of() : List.of(names.split(",", -1));

        assertThatThrownBy(() -> Workspaces.builder().tiers(tiers))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Etc/GMT+2"})
    void create_ianaTimezone_isAccepted(String timezone) {
        Workspace w = workspaces.create("Acme", null, null, new WorkspaceSettings(timezone, null));

        assertThat(w.settings().timezone()).isEqualTo(timezone);
        assertThat(w.settings().locale()).isEqualTo("en-GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+02:00", "Z", "UTC+02:00", "GMT+1", "europe/london", "Mars/Olympus_Mons", "Europe/"})
    void create_invalidTimezone_failsOnSettingsTimezone(String timezone) {
        assertFieldError(() -> workspaces.create("Acme", null, null, new WorkspaceSettings(timezone, null)),
            "settings.timezone");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
          "en-GB,      en-GB",
          "en_GB,      en-GB",
          "EN-gb,      en-GB",
          "de,         de",
          "zh-Hant-TW, zh-Hant-TW",
          "sr_Latn_RS, sr-Latn-RS",
          "es-419,     es-419",
    })
    void create_wellFormedLocale_isStoredAsBcp47(String locale, String expected) {
        Workspace w = workspaces.create("Acme", null, null, new WorkspaceSettings(null, locale));

        assertThat(w.settings().locale()).isEqualTo(expected);
        assertThat(w.settings().timezone()).isEqualTo("UTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "e", "en-", "en--GB", "en_GB.UTF-8", "12-GB", "en GB"})
    void create_illFormedLocale_failsOnSettingsLocale(String locale) {
        assertFieldError(() -> workspaces.create("Acme", null, null, new WorkspaceSettings(null, locale)),
            "settings.locale");
    }

    @Test
    void create_severalBadFields_reportsEach() {
        assertThatThrownBy(() -> workspaces.create(" ", "Bad Slug", "gold", new WorkspaceSettings("Nowhere", "x_")))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .containsOnlyKeys("name", "slug", "tier", "settings.timezone", "settings.locale"));
    }

    @Test
    void update_settings_mergeOnlyGivenKeys() {
        Workspace w = workspaces.create("Acme", "acme", "pro", new WorkspaceSettings("Europe/Paris", "fr-FR"));
        clock.advance(Duration.ofMinutes(1));

        Workspace updated = workspaces.update(w.id(), patch("Updated Name", null, null, "Europe/London", null));

        assertThat(updated.name()).isEqualTo("Updated Name");
        assertThat(updated.slug()).isEqualTo("acme");
        assertThat(updated.tier()).isEqualTo("pro");
        assertThat(updated.settings()).isEqualTo(new WorkspaceSettings("Europe/London", "fr-FR"));
        assertThat(updated.createdAt()).isEqualTo(Fixture.T0);
        assertThat(updated.updatedAt()).isEqualTo(Fixture.T0.plus(Duration.ofMinutes(1)));
        assertThat(workspaces.find(w.id())).contains(updated);
    }

    @Test
    void update_localeInPosixForm_isNormalized() {
        Workspace w = workspaces.create("Acme", null, null, null);

        assertThat(workspaces.update(w.id(), patch(null, null, null, null, "pt_BR")).settings().locale()).isEqualTo("pt-BR");
    }

    @Test
    void update_slugTakenByAnother_failsOnSlug() {
        workspaces.create("Acme", "acme", null, null);
        Workspace other = workspaces.create("Other", "other", null, null);

        assertThatThrownBy(() -> workspaces.update(other.id(), patch(null, "acme", null, null, null)))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("slug", List.of("has already been taken")));
    }

    @Test
    void update_ownSlugAgain_isAccepted() {
        Workspace w = workspaces.create("Acme", "acme", null, null);

        assertThat(workspaces.update(w.id(), patch(null, "acme", "starter", null, null)).tier()).isEqualTo("starter");
    }

    @Test
    void update_badFields_failNamingEach() {
        Workspace w = workspaces.create("Acme", null, null, null);

        assertThatThrownBy(() -> workspaces.update(w.id(), patch("", "-", "x", "+01:00", "??")))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .containsOnlyKeys("name", "slug", "tier", "settings.timezone", "settings.locale"));
        assertThat(workspaces.find(w.id())).contains(w);
    }

    @Test
    void update_missingWorkspace_isNotFound() {
        assertThatThrownBy(() -> workspaces.update(404, WorkspacePatch.none()))
            .isInstanceOfSatisfying(WorkspaceNotFoundException.class, e -> assertThat(e.workspaceId()).isEqualTo(404));
    }

    @Test
    void delete_existingWorkspace_removesIt() {
        Workspace w = workspaces.create("Acme", null, null, null);

        workspaces.delete(w.id());

        assertThat(workspaces.find(w.id())).isEmpty();
    }

    @Test
    void delete_missingWorkspace_isNotFound() {
        assertThatThrownBy(() -> workspaces.delete(404)).isInstanceOf(WorkspaceNotFoundException.class);
    }

    @Test
    void builder_withoutStore_failsNamingIt() {
        assertThatThrownBy(() -> Workspaces.builder().build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
    }
}
