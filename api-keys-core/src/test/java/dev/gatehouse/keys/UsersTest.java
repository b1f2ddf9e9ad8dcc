package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsersTest {

    private static final List<String> VERIFIED = List.of("users:read", "webhooks:read");

    private final Fixture f = new Fixture(ApiKeys.builder().maxActiveKeysPerUser(3));
    private final InMemoryUserStore userStore = new InMemoryUserStore();
    private final Users users = Users.builder().keys(f.keys).store(userStore).audit(f.audit)
        .restrictedScopes(List.of("users:read")).verifiedScopes(VERIFIED).dailyBootstrapQuota(3).build();
    private final ApiKey developer = f.workspaceKey("users:write", "users:read").key();
    private final ApiKey otherDeveloper = f.workspaceKey("users:write").key();
    private final Actor who = new Actor(developer.id(), "req_7");

    private Bootstrap bootstrap(String externalId) {
        return users.bootstrap(1L, externalId, externalId + "@example.com", developer, who);
    }

    private ApiKey keyOf(Bootstrap b) {
        return f.keys.verify(b.key().secret()).key();
    }

    @Test
    void bootstrap_newUser_createsUnverifiedUserWithRestrictedUserKey() {
        Bootstrap b = users.bootstrap(1L, "cust_42", "ada@example.com", developer, who);

        assertThat(b.user()).extracting(User::workspaceId, User::externalId, User::email, User::verified,
            User::createdByKeyId, User::createdAt).containsExactly(1L, "cust_42", "ada@example.com", false,
            developer.id(), Fixture.T0);
        ApiKey key = b.key().key();
        assertThat(key.type()).isEqualTo(KeyType.USER);
        assertThat(key.userId()).isEqualTo(b.user().id());
        assertThat(key.workspaceId()).isEqualTo(1L);
        assertThat(key.name()).isEqualTo("user:cust_42");
        assertThat(key.createdBy()).isEqualTo(developer.id());
        assertThat(key.scopes().names()).containsExactly("me:resend-verification", "me:verify", "users:read");
        assertThat(b.key().secret()).startsWith("sk_user_");
        assertThat(f.keys.verify(b.key().secret()).valid()).isTrue();
    }

    @Test
    void bootstrap_newUser_storesOnlyTheHashOfASixDigitCode() {
        Bootstrap b = bootstrap("cust_1");

        VerificationCode stored = userStore.findVerificationCode(b.user().id()).orElseThrow();
        assertThat(b.verificationCode()).matches("[0-9]{6}");
        assertThat(stored.codeHash()).doesNotContain(b.verificationCode()).matches("[0-9a-f]{64}");
        assertThat(stored.expiresAt()).isEqualTo(Fixture.T0.plus(Duration.ofHours(24)));
    }

    @Test
    void bootstrap_newUser_auditsUserCreatedWithoutSecrets() {
        f.audit.clear();

        Bootstrap b = bootstrap("cust_1");

        assertThat(f.audit.ofType("user.created")).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(b.user().id());
            assertThat(e.subjectKeyId()).isEqualTo(b.key().key().id());
            assertThat(e.actorKeyId()).isEqualTo(developer.id());
            assertThat(e.toString()).doesNotContain(b.key().secret()).doesNotContain(b.verificationCode());
        });
        assertThat(f.audit.ofType("api_key.created")).hasSize(1);
    }

    @Test
    void bootstrap_developerWithoutMeScopes_isNotAnEscalation() {
        Bootstrap b = users.bootstrap(1L, "cust_1", "a@example.com", otherDeveloper, who);

        assertThat(b.key().key().scopes().grants("me:verify")).isTrue();
    }

    @ParameterizedTest(name = "external_id \"{0}\": {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
          "NULL        | is required",
          "''          | is required",
          "'   '       | must not be blank",
          "' cust'     | must not start or end with whitespace",
          "'cust\t1'   | must contain printable characters only",
    })
    void bootstrap_badExternalId_failsOnExternalId(String externalId, String message) {
        assertThatThrownBy(() -> users.bootstrap(1L, externalId, "a@example.com", developer, who))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsOnlyKeys("external_id").containsEntry("external_id", List.of(message)));
    }

    @Test
    void bootstrap_externalIdTooLong_failsOnExternalId() {
        String id = "x".repeat(256);

        assertThatThrownBy(() -> users.bootstrap(1L, id, "a@example.com", developer, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("external_id"));
    }

    @Test
    void bootstrap_longestExternalId_truncatesKeyNameTo255() {
        Bootstrap b = users.bootstrap(1L, "x".repeat(255), "a@example.com", developer, who);

        assertThat(b.key().key().name()).hasSize(255).startsWith("user:xxx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "@example.com", "a@.com", "a b@example.com", "a@example..com",
          "a..b@example.com", ".a@example.com", "a@-example.com", "a@example.c"})
    void bootstrap_badEmail_failsOnEmail(String email) {
        assertThatThrownBy(() -> users.bootstrap(1L, "cust_1", email, developer, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("email"));
    }

    @Test
    void bootstrap_emailTooLong_failsOnEmail() {
        String email = "a".repeat(63) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";

        assertThatThrownBy(() -> users.bootstrap(1L, "cust_1", email, developer, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get("email"))
                .containsExactly("is too long (maximum is 254 characters)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "ada.lovelace+gatehouse@mail.example.co.uk", "o'brien@example.ie",
          "  padded@example.com  "})
    void bootstrap_saneEmail_isAccepted(String email) {
        Bootstrap b = users.bootstrap(1L, "cust_1", email, developer, who);

        assertThat(b.user().email()).isEqualTo(email.strip());
    }

    @Test
    void bootstrap_duplicateExternalIdInWorkspace_failsOnExternalId() {
        bootstrap("cust_1");

        assertThatThrownBy(() -> bootstrap("cust_1"))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("external_id", List.of("has already been taken")));
    }

    @Test
    void bootstrap_sameExternalIdInAnotherWorkspace_isAllowed() {
        bootstrap("cust_1");
        ApiKey elsewhere = f.keys.issue(new KeyRequest(2L, null, KeyType.WORKSPACE, "dev2", List.of("users:write"),
            null, null), f.root, who).key();

        Bootstrap b = users.bootstrap(2L, "cust_1", "a@example.com", elsewhere, who);

        assertThat(b.user().workspaceId()).isEqualTo(2L);
    }

    @Test
    void bootstrap_workspaceOtherThanDevelopersOwn_isWorkspaceNotFound() {
        assertThatThrownBy(() -> users.bootstrap(2L, "cust_1", "a@example.com", developer, who))
            .isInstanceOf(WorkspaceNotFoundException.class);
    }

    @Test
    void bootstrap_byRootKey_usesGivenWorkspace() {
        Bootstrap b = users.bootstrap(2L, "cust_1", "a@example.com", f.root, who);

        assertThat(b.key().key().workspaceId()).isEqualTo(2L);
    }

    @Test
    void bootstrap_quotaReached_throwsWithNextUtcMidnight() {
        f.clock.set(Instant.parse("2026-01-15T23:59:59Z"));
        bootstrap("a");
        bootstrap("b");
        bootstrap("c");

        assertThatThrownBy(() -> bootstrap("d")).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo(3);
            assertThat(e.resetAt()).isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
        });
        assertThat(userStore.findByExternalId(1L, "d")).isEmpty();
    }

    @Test
    void bootstrap_quota_resetsAtUtcMidnight() {
        f.clock.set(Instant.parse("2026-01-15T23:00:00Z"));
        bootstrap("a");
        bootstrap("b");
        bootstrap("c");
        f.clock.set(Instant.parse("2026-01-16T00:00:00Z"));

        assertThat(bootstrap("d").user().externalId()).isEqualTo("d");
    }

    @Test
    void bootstrap_quota_isPerDeveloperKey() {
        bootstrap("a");
        bootstrap("b");
        bootstrap("c");

        Bootstrap b = users.bootstrap(1L, "d", "d@example.com", otherDeveloper, who);

        assertThat(b.user().createdByKeyId()).isEqualTo(otherDeveloper.id());
    }

    @Test
    void bootstrap_defaultQuota_is50() {
        Users defaults = Users.builder().keys(f.keys).store(new InMemoryUserStore()).audit(f.audit).build();
        for (int i = 0; i < 50; i++) {
            defaults.bootstrap(1L, "u" + i, "u@example.com", developer, who);
        }

        assertThatThrownBy(() -> defaults.bootstrap(1L, "u50", "u@example.com", developer, who))
            .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.limit()).isEqualTo(50));
    }

    @Test
    void verify_rightCode_verifiesUserAndUpgradesSameKeyInPlace() {
        Bootstrap b = bootstrap("cust_1");
        ApiKey userKey = keyOf(b);
        f.clock.advance(Duration.ofMinutes(5));

        User verified = users.verify(b.user().id(), b.verificationCode(), userKey, who);

        assertThat(verified.verified()).isTrue();
        assertThat(verified.verifiedAt()).isEqualTo(Fixture.T0.plus(Duration.ofMinutes(5)));
        assertThat(userStore.findById(b.user().id())).contains(verified);
        Verification after = f.keys.verify(b.key().secret());
        assertThat(after.valid()).isTrue();
        assertThat(after.key().id()).isEqualTo(userKey.id());
        assertThat(after.key().scopes().names()).containsExactlyElementsOf(VERIFIED);
        assertThat(userStore.findVerificationCode(b.user().id())).isEmpty();
        assertThat(f.audit.ofType("user.verified")).hasSize(1);
        assertThat(f.audit.ofType("api_key.scopes_upgraded")).hasSize(1);
    }

    @Test
    void verify_codeWithSurroundingSpace_isAccepted() {
        Bootstrap b = bootstrap("cust_1");

        assertThat(users.verify(b.user().id(), " " + b.verificationCode() + " ", keyOf(b), who).verified()).isTrue();
    }

    @Test
    void verify_wrongCode_isInvalidAndChangesNothing() {
        Bootstrap b = bootstrap("cust_1");
        String wrong = b.verificationCode().equals("000000") ? "000001" : "000000";
        long userId = b.user().id();
        ApiKey key = keyOf(b);

        assertThatThrownBy(() -> users.verify(userId, wrong, key, who))
            .isInstanceOf(InvalidVerificationCodeException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(userStore.findById(userId).orElseThrow().verified()).isFalse();
        assertThat(f.keys.verify(b.key().secret()).key().scopes().grants("me:verify")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "abcdef"})
    void verify_malformedCode_isInvalid(String code) {
        Bootstrap b = bootstrap("cust_1");
        long userId = b.user().id();
        ApiKey key = keyOf(b);

        assertThatThrownBy(() -> users.verify(userId, code, key, who)).isInstanceOf(InvalidVerificationCodeException.class);
    }

    @Test
    void verify_nullCode_isInvalid() {
        Bootstrap b = bootstrap("cust_1");
        long userId = b.user().id();
        ApiKey key = keyOf(b);

        assertThatThrownBy(() -> users.verify(userId, null, key, who)).isInstanceOf(InvalidVerificationCodeException.class);
    }

    @Test
    void verify_expiredCode_isInvalid() {
        Bootstrap b = bootstrap("cust_1");
        f.clock.advance(Duration.ofHours(24));
        long userId = b.user().id();
        ApiKey key = keyOf(b);

        assertThatThrownBy(() -> users.verify(userId, b.verificationCode(), key, who))
            .isInstanceOf(InvalidVerificationCodeException.class);
    }

    @Test
    void verify_codeJustBeforeExpiry_isAccepted() {
        Bootstrap b = bootstrap("cust_1");
        f.clock.advance(Duration.ofHours(24).minusMillis(1));

        assertThat(users.verify(b.user().id(), b.verificationCode(), keyOf(b), who).verified()).isTrue();
    }

    @Test
    void verify_byDeveloperKey_isUserNotFound() {
        Bootstrap b = bootstrap("cust_1");
        long userId = b.user().id();

        assertThatThrownBy(() -> users.verify(userId, b.verificationCode(), developer, who))
            .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void verify_byAnotherUsersKey_isUserNotFound() {
        Bootstrap mine = bootstrap("cust_1");
        Bootstrap theirs = bootstrap("cust_2");
        long userId = mine.user().id();
        ApiKey otherKey = keyOf(theirs);

        assertThatThrownBy(() -> users.verify(userId, mine.verificationCode(), otherKey, who))
            .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void verify_alreadyVerified_failsOnCode() {
        Bootstrap b = bootstrap("cust_1");
        ApiKey key = keyOf(b);
        users.verify(b.user().id(), b.verificationCode(), key, who);
        long userId = b.user().id();

        assertThatThrownBy(() -> users.verify(userId, b.verificationCode(), key, who))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("code", List.of("the user is already verified")));
    }

    @Test
    void verify_unknownUser_isUserNotFound() {
        Bootstrap b = bootstrap("cust_1");
        ApiKey key = keyOf(b);

        assertThatThrownBy(() -> users.verify(9_999, "123456", key, who))
            .isInstanceOfSatisfying(UserNotFoundException.class, e -> assertThat(e.userId()).isEqualTo(9_999));
    }

    @Test
    void resendVerification_byUserKey_replacesTheCode() {
        Bootstrap b = bootstrap("cust_1");
        ApiKey key = keyOf(b);
        f.clock.advance(Duration.ofHours(23));

        String fresh = users.resendVerification(b.user().id(), key, who);

        assertThat(fresh).matches("[0-9]{6}");
        assertThat(userStore.findVerificationCode(b.user().id()).orElseThrow().expiresAt())
            .isEqualTo(Fixture.T0.plus(Duration.ofHours(47)));
        assertThat(f.audit.ofType("user.verification_resent")).singleElement()
            .satisfies(e -> assertThat(e.toString()).doesNotContain(fresh));
        if (!fresh.equals(b.verificationCode())) {
            long userId = b.user().id();
            assertThatThrownBy(() -> users.verify(userId, b.verificationCode(), key, who))
                .isInstanceOf(InvalidVerificationCodeException.class);
        }
        assertThat(users.verify(b.user().id(), fresh, key, who).verified()).isTrue();
    }

    @Test
    void resendVerification_byBootstrappingDeveloper_isAllowed() {
        Bootstrap b = bootstrap("cust_1");

        assertThat(users.resendVerification(b.user().id(), developer, who)).matches("[0-9]{6}");
    }

    @Test
    void resendVerification_byOtherDeveloper_isUserNotFound() {
        long userId = bootstrap("cust_1").user().id();

        assertThatThrownBy(() -> users.resendVerification(userId, otherDeveloper, who))
            .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void resendVerification_alreadyVerified_failsOnCode() {
        Bootstrap b = bootstrap("cust_1");
        users.verify(b.user().id(), b.verificationCode(), keyOf(b), who);
        long userId = b.user().id();

        assertThatThrownBy(() -> users.resendVerification(userId, developer, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("code"));
    }

    @Test
    void issueUserKey_verifiedUser_issuesKeyWithVerifiedScopes() {
        Bootstrap b = bootstrap("cust_1");
        users.verify(b.user().id(), b.verificationCode(), keyOf(b), who);

        IssuedKey second = users.issueUserKey(b.user().id(), "Zapier", developer, who);

        assertThat(second.key().name()).isEqualTo("Zapier");
        assertThat(second.key().type()).isEqualTo(KeyType.USER);
        assertThat(second.key().userId()).isEqualTo(b.user().id());
        assertThat(second.key().createdBy()).isEqualTo(developer.id());
        assertThat(second.key().scopes().names()).containsExactlyElementsOf(VERIFIED);
    }

    @Test
    void issueUserKey_nullName_defaultsToUserExternalId() {
        Bootstrap b = bootstrap("cust_1");
        users.verify(b.user().id(), b.verificationCode(), keyOf(b), who);

        assertThat(users.issueUserKey(b.user().id(), null, developer, who).key().name()).isEqualTo("user:cust_1");
    }

    @Test
    void issueUserKey_unverifiedUser_failsOnUser() {
        long userId = bootstrap("cust_1").user().id();

        assertThatThrownBy(() -> users.issueUserKey(userId, "k", developer, who))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("user", List.of("user is not verified yet")));
    }

    @Test
    void issueUserKey_byOtherDeveloper_isUserNotFound() {
        Bootstrap b = bootstrap("cust_1");
        users.verify(b.user().id(), b.verificationCode(), keyOf(b), who);
        long userId = b.user().id();

        assertThatThrownBy(() -> users.issueUserKey(userId, "k", otherDeveloper, who))
            .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void issueUserKey_atPerUserLimit_throwsKeyLimitReached() {
        Bootstrap b = bootstrap("cust_1");
        users.verify(b.user().id(), b.verificationCode(), keyOf(b), who);
        users.issueUserKey(b.user().id(), "2", developer, who);
        users.issueUserKey(b.user().id(), "3", developer, who);
        long userId = b.user().id();

        assertThatThrownBy(() -> users.issueUserKey(userId, "4", developer, who))
            .isInstanceOfSatisfying(KeyLimitReachedException.class, e -> assertThat(e.limit()).isEqualTo(3));
    }

    @Test
    void find_otherWorkspace_isEmpty() {
        long userId = bootstrap("cust_1").user().id();

        assertThat(users.find(1L, userId)).isPresent();
        assertThat(users.find(2L, userId)).isEmpty();
    }

    @Test
    void builder_unknownVerifiedScope_isRejectedNamingIt() {
        Users.Builder builder = Users.builder().keys(f.keys).store(userStore).audit(f.audit)
            .verifiedScopes(List.of("catalog:write"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("verifiedScopes").hasMessageContaining("catalog:write");
    }

    @Test
    void builder_badQuota_isRejectedNamingValue() {
        assertThatThrownBy(() -> Users.builder().dailyBootstrapQuota(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("dailyBootstrapQuota must be at least 1 but was 0");
    }

    @Test
    void builder_badCodeTtl_isRejectedNamingValue() {
        assertThatThrownBy(() -> Users.builder().verificationCodeTtl(Duration.ofSeconds(-5)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("verificationCodeTtl must be positive but was PT-5S");
    }

    @Test
    void builder_withoutKeys_failsNamingIt() {
        Users.Builder builder = Users.builder().store(userStore).audit(f.audit);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("keys");
    }

    @Test
    void builder_defaults_restrictToMeScopesAndVerifyToNothing() {
        Users defaults = Users.builder().keys(f.keys).store(userStore).audit(f.audit).build();

        assertThat(defaults.restrictedScopes().names()).containsExactly("me:resend-verification", "me:verify");
        assertThat(defaults.verifiedScopes().isEmpty()).isTrue();
    }

    @Test
    void codeHash_knownValue_isSha256OfUserIdAndCode() {
        assertThat(VerificationCodes.codeHash(42, "123456"))
            .isEqualTo("be3023a5c3bbbb3d2e13b51b2aaafb873fb5b47de1cf527b517470f218b519b6");
    }

    @Test
    void bootstrap_codes_areDrawnFromInjectedRandom() {
        // 0x00000000 -> nextInt(1_000_000) == 0 with SecureRandom's rejection-free first draw.
        Users fixed = Users.builder().keys(f.keys).store(new InMemoryUserStore()).audit(f.audit)
            .random(new FixedBytesRandom(new int[64])).build();

        assertThat(fixed.bootstrap(1L, "cust_1", "a@example.com", developer, who).verificationCode()).isEqualTo("000000");
    }
}
