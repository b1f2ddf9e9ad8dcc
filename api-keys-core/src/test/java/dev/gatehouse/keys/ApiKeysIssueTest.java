package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysIssueTest {

    private final Fixture f = new Fixture(ApiKeys.builder().maxActiveKeysPerUser(3));
    private final Actor who = new Actor(f.root.id(), "req_1");

    @Test
    void issue_validRequest_storesHashAndDisplayPrefixButNeverTheSecret() {
        IssuedKey issued = f.keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "Mobile App Key",
            List.of("webhooks:*", "users:read"), "pro", Fixture.T0.plus(Duration.ofDays(365))), f.root, who);

        ApiKey stored = f.store.delegate.findById(issued.key().id()).orElseThrow();
        assertThat(stored).isEqualTo(issued.key());
        assertThat(stored.keyHash()).isEqualTo(ApiKeys.sha256Hex(issued.secret()));
        assertThat(stored.displayPrefix()).isEqualTo(issued.secret().substring(0, 12)).startsWith("sk_live_");
        assertThat(stored.toString()).doesNotContain(issued.secret());
        assertThat(stored.scopes().names()).containsExactly("users:read", "webhooks:*");
        assertThat(stored.rateLimitTier()).isEqualTo("pro");
        assertThat(stored.createdAt()).isEqualTo(Fixture.T0);
        assertThat(stored.createdBy()).isEqualTo(f.root.id());
        assertThat(stored.workspaceId()).isEqualTo(1L);
        assertThat(stored.type()).isEqualTo(KeyType.WORKSPACE);
    }

    @Test
    void issue_validRequest_returnsKeyThatVerifies() {
        IssuedKey issued = f.workspaceKey("users:read");

        Verification verification = f.keys.verify(issued.secret());

        assertThat(verification.code()).isEqualTo(Verification.Code.VALID);
        assertThat(verification.key()).isEqualTo(issued.key());
    }

    @Test
    void issue_nullScopes_defaultsToReadAndWrite() {
        IssuedKey issued = f.workspaceKey();

        assertThat(issued.key().scopes().names()).containsExactly("read", "write");
    }

    @Test
    void issue_emptyScopes_issuesKeyHoldingNothing() {
        IssuedKey issued = f.keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "none", List.of(), null, null), f.root, who);

        assertThat(issued.key().scopes().isEmpty()).isTrue();
    }

    @Test
    void issue_nameWithSurroundingSpace_isStoredTrimmed() {
        IssuedKey issued = f.keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "  CI key ", null, null, null), f.root, who);

        assertThat(issued.key().name()).isEqualTo("CI key");
    }

    @Test
    void issue_customTiers_acceptsOnlyThose() {
        ApiKeys custom = ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { }).clock(f.clock)
            .tiers(List.of("hobby", "team")).build();
        ApiKey root = custom.issueRoot(null, Actor.system()).key();

        IssuedKey team = custom.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "k", null, "team", null), root, who);

        assertThat(team.key().rateLimitTier()).isEqualTo("team");
        assertThatThrownBy(() -> custom.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "k", null, "pro", null), root, who))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("rate_limit_tier", List.of("must be one of: hobby, team")));
    }

    static Stream<Arguments> invalidRequests() {
        Instant past = Fixture.T0.minusSeconds(1);
        return Stream.of(
            Arguments.of(req(null, null, null, null), "name", "is required"),
            Arguments.of(req("   ", null, null, null), "name", "must not be blank"),
            Arguments.of(req("x".repeat(256), null, null, null), "name", "is too long (maximum is 255 characters)"),
            Arguments.of(req("k", List.of("posts:read"), null, null), "scopes", "contains unknown scopes: posts:read"),
            Arguments.of(req("k", List.of("users:read", "Bad", "comments:*"), null, null), "scopes",
                "contains unknown scopes: Bad, comments:*"),
            Arguments.of(req("k", Arrays.asList("users:read", null), null, null), "scopes", "must not contain null"),
            Arguments.of(req("k", null, "platinum", null), "rate_limit_tier",
                "must be one of: free, starter, pro, business, agency, enterprise"),
            Arguments.of(req("k", null, null, past), "expires_at", "must be in the future"),
            Arguments.of(req("k", null, null, Fixture.T0), "expires_at", "must be in the future"));
    }

    private static KeyRequest req(String name, List<String> scopes, String tier, Instant expiresAt) {
        return new KeyRequest(1L, null, KeyType.WORKSPACE, name, scopes, tier, expiresAt);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidRequests")
    void issue_invalidField_failsNamingTheField(KeyRequest request, String field, String message) {
        assertThatThrownBy(() -> f.keys.issue(request, f.root, who))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsOnlyKeys(field).containsEntry(field, List.of(message)));
        assertThat(f.audit.events()).isEmpty();
    }

    @Test
    void issue_severalInvalidFields_reportsThemAll() {
        KeyRequest request = new KeyRequest(1L, null, KeyType.WORKSPACE, "", List.of("nope:nope"), "gold",
            Fixture.T0.minusSeconds(5));

        assertThatThrownBy(() -> f.keys.issue(request, f.root, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .containsOnlyKeys("name", "scopes", "expires_at", "rate_limit_tier"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"free", "starter", "pro", "business", "agency", "enterprise"})
    void issue_everyTier_isAccepted(String tier) {
        IssuedKey issued = f.keys.issue(req("k", null, tier, null), f.root, who);

        assertThat(issued.key().rateLimitTier()).isEqualTo(tier);
    }

    @Test
    void issue_scopeActorDoesNotHold_throwsEscalationListingIt() {
        ApiKey actor = f.workspaceKey("api-keys:write", "users:read").key();
        KeyRequest request = req("k", List.of("users:read", "users:write", "webhooks:*"), null, null);

        assertThatThrownBy(() -> f.keys.issue(request, actor, who))
            .isInstanceOfSatisfying(ScopeEscalationException.class,
                e -> assertThat(e.notHeld()).containsExactly("users:write", "webhooks:*"));
        assertThat(f.store.delegate.findByCreator(actor.id())).isEmpty();
    }

    @Test
    void issue_defaultScopesByNarrowActor_isEscalation() {
        ApiKey actor = f.workspaceKey("api-keys:write").key();

        assertThatThrownBy(() -> f.keys.issue(req("k", null, null, null), actor, who))
            .isInstanceOfSatisfying(ScopeEscalationException.class,
                e -> assertThat(e.notHeld()).containsExactly("read", "write"));
    }

    @Test
    void issue_actorWithAliases_mayIssueConcreteScopesTheyCover() {
        ApiKey actor = f.workspaceKey("read", "write").key();

        IssuedKey issued = f.keys.issue(req("k", List.of("users:read", "webhooks:write", "read"), null, null), actor, who);

        assertThat(issued.key().createdBy()).isEqualTo(actor.id());
    }

    @Test
    void issue_actorWithReadAlias_mayNotIssueWildcard() {
        ApiKey actor = f.workspaceKey("read").key();

        assertThatThrownBy(() -> f.keys.issue(req("k", List.of("users:*"), null, null), actor, who))
            .isInstanceOf(ScopeEscalationException.class);
    }

    @Test
    void issue_nullActor_skipsEscalationAndUsesWhoAsCreator() {
        IssuedKey issued = f.keys.issue(req("k", List.of("*"), null, null), null, new Actor(77L, "req_9"));

        assertThat(issued.key().createdBy()).isEqualTo(77L);
        assertThat(issued.key().scopes().names()).containsExactly("*");
    }

    @Test
    void issue_userKeyAtLimit_throwsKeyLimitReached() {
        for (int i = 0; i < 3; i++) {
            f.keys.issue(userRequest(7L), f.root, who);
        }

        assertThatThrownBy(() -> f.keys.issue(userRequest(7L), f.root, who))
            .isInstanceOfSatisfying(KeyLimitReachedException.class, e -> assertThat(e.limit()).isEqualTo(3));
    }

    @Test
    void issue_userKeyLimit_ignoresRevokedAndExpiredKeysAndOtherUsers() {
        IssuedKey revoked = f.keys.issue(userRequest(7L), f.root, who);
        f.keys.revoke(1L, revoked.key().id(), who);
        f.keys.issue(new KeyRequest(1L, 7L, KeyType.USER, "short-lived", List.of("me:verify"), null,
            Fixture.T0.plusSeconds(10)), f.root, who);
        f.clock.advance(Duration.ofSeconds(10));
        f.keys.issue(userRequest(8L), f.root, who);
        f.keys.issue(userRequest(7L), f.root, who);
        f.keys.issue(userRequest(7L), f.root, who);

        IssuedKey third = f.keys.issue(userRequest(7L), f.root, who);

        assertThat(third.key().userId()).isEqualTo(7L);
    }

    @Test
    void issue_workspaceKeyWithUser_isNotLimited() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            ids.add(f.keys.issue(new KeyRequest(1L, 7L, KeyType.WORKSPACE, "k" + i, null, null, null), f.root, who).key().id());
        }

        assertThat(ids).hasSize(4).allSatisfy(id -> assertThat(f.store.delegate.findById(id)).isPresent());
    }

    private static KeyRequest userRequest(long userId) {
        return new KeyRequest(1L, userId, KeyType.USER, "user key", List.of("me:verify"), null, null);
    }

    @Test
    void issue_rootType_isRefused() {
        KeyRequest request = new KeyRequest(1L, null, KeyType.ROOT, "k", null, null, null);

        assertThatThrownBy(() -> f.keys.issue(request, f.root, who)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("issueRoot");
    }

    @Test
    void issue_withoutWorkspace_isRefused() {
        KeyRequest request = new KeyRequest(null, null, KeyType.WORKSPACE, "k", null, null, null);

        assertThatThrownBy(() -> f.keys.issue(request, f.root, who)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issue_validRequest_auditsCreatedWithoutSecret() {
        IssuedKey issued = f.keys.issue(req("CI", List.of("users:read"), "pro", null), f.root, who);

        assertThat(f.audit.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("api_key.created");
            assertThat(e.workspaceId()).isEqualTo(1L);
            assertThat(e.actorKeyId()).isEqualTo(f.root.id());
            assertThat(e.subjectKeyId()).isEqualTo(issued.key().id());
            assertThat(e.requestId()).isEqualTo("req_1");
            assertThat(e.at()).isEqualTo(Fixture.T0);
            assertThat(e.details()).containsEntry("display_prefix", issued.key().displayPrefix())
                .containsEntry("scopes", "users:read").containsEntry("name", "CI");
            assertThat(e.toString()).doesNotContain(issued.secret());
        });
    }

    @Test
    void issue_nullWho_auditsAsSystem() {
        f.keys.issue(req("k", null, null, null), null, null);

        assertThat(f.audit.events()).singleElement().satisfies(e -> {
            assertThat(e.actorKeyId()).isNull();
            assertThat(e.requestId()).isNull();
        });
    }

    @Test
    void issue_twoKeys_haveDifferentSecrets() {
        assertThat(f.workspaceKey().secret()).isNotEqualTo(f.workspaceKey().secret());
    }

    @Test
    void issueRoot_withoutPreset_generatesRootKeyHoldingEverything() {
        IssuedKey root = f.keys.issueRoot(null, Actor.system());

        assertThat(root.secret()).startsWith("gh_root_").hasSize(38);
        assertThat(root.key().type()).isEqualTo(KeyType.ROOT);
        assertThat(root.key().workspaceId()).isNull();
        assertThat(root.key().scopes().names()).containsExactly("*");
        assertThat(f.keys.verify(root.secret()).valid()).isTrue();
        assertThat(f.store.delegate.existsRootKey()).isTrue();
        assertThat(f.audit.ofType("api_key.created")).hasSize(1);
    }

    @Test
    void issueRoot_wellFormedPreset_usesIt() {
        String preset = "gh_root_AAAAAAAAAAAAAAAAAAAAAAAA2um2Sq";

        IssuedKey root = f.keys.issueRoot(preset, null);

        assertThat(root.secret()).isEqualTo(preset);
        assertThat(root.key().keyHash()).isEqualTo(ApiKeys.sha256Hex(preset));
        assertThat(f.keys.verify(preset).valid()).isTrue();
    }

    @Test
    void issueRoot_presetAlreadyStored_returnsItWithoutInserting() {
        String preset = "gh_root_AAAAAAAAAAAAAAAAAAAAAAAA2um2Sq";
        IssuedKey first = f.keys.issueRoot(preset, null);
        int insertsBefore = f.store.inserts.get();
        f.audit.clear();

        IssuedKey again = f.keys.issueRoot(preset, null);

        assertThat(again.key()).isEqualTo(first.key());
        assertThat(again.secret()).isEqualTo(preset);
        assertThat(f.audit.events()).isEmpty();
        assertThat(f.store.inserts.get()).isEqualTo(insertsBefore);
    }

    @Test
    void issueRoot_presetPresentedBeforeItExisted_isNoLongerNegativelyCached() {
        String preset = "gh_root_AAAAAAAAAAAAAAAAAAAAAAAA2um2Sq";
        assertThat(f.keys.verify(preset).code()).isEqualTo(Verification.Code.NOT_FOUND);

        f.keys.issueRoot(preset, null);

        assertThat(f.keys.verify(preset).code()).isEqualTo(Verification.Code.VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
          "gh_root_AAAAAAAAAAAAAAAAAAAAAAAA2um2Sx",   // bad checksum
          "gh_root_AAAAAAAAAAAAAAAAAAAAAAA",          // too short
          "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt",   // well-formed, but a workspace key
          "hunter2-secret-value",
    })
    void issueRoot_badPreset_explainsFormatWithoutEchoingIt(String preset) {
        assertThatThrownBy(() -> f.keys.issueRoot(preset, null))
            .isInstanceOf(MalformedKeyException.class)
            .hasMessageContaining("gh_root_")
            .hasMessageContaining("24 base62 characters")
            .hasMessageContaining("6-character base62 CRC32 checksum")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(preset).doesNotContain(preset.substring(8)));
        assertThat(f.store.delegate.existsRootKey()).isTrue();
    }
}
