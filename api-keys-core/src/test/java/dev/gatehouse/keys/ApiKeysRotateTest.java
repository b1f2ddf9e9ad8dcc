package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysRotateTest {

    private final Fixture f = new Fixture();
    private final Actor who = new Actor(f.root.id(), "req_1");
    private final IssuedKey original = f.keys.issue(new KeyRequest(1L, 7L, KeyType.USER, "Mobile App Key",
        List.of("users:read", "webhooks:write"), "pro", Fixture.T0.plus(Duration.ofDays(90))), f.root, who);

    @Test
    void rotate_activeKey_issuesReplacementWithSameAttributes() {
        Rotation rotation = f.keys.rotate(1L, original.key().id(), Duration.ofHours(24), f.root, who);

        ApiKey replacement = rotation.replacement().key();
        ApiKey old = original.key();
        assertThat(replacement.id()).isNotEqualTo(old.id());
        assertThat(rotation.replacement().secret()).isNotEqualTo(original.secret()).startsWith("sk_user_");
        assertThat(replacement)
            .extracting(ApiKey::name, ApiKey::scopes, ApiKey::rateLimitTier, ApiKey::type, ApiKey::workspaceId,
                ApiKey::userId, ApiKey::expiresAt, ApiKey::createdBy)
            .containsExactly(old.name(), old.scopes(), old.rateLimitTier(), old.type(), old.workspaceId(),
                old.userId(), old.expiresAt(), old.createdBy());
        assertThat(replacement.keyHash()).isEqualTo(ApiKeys.sha256Hex(rotation.replacement().secret()));
    }

    @Test
    void rotate_activeKey_endsOldKeyAfterGraceAndLinksReplacement() {
        Rotation rotation = f.keys.rotate(1L, original.key().id(), Duration.ofHours(24), f.root, who);

        Instant graceEnd = Fixture.T0.plus(Duration.ofHours(24));
        assertThat(rotation.gracePeriodEndsAt()).isEqualTo(graceEnd);
        assertThat(rotation.previous().expiresAt()).isEqualTo(graceEnd);
        assertThat(rotation.previous().replacedBy()).isEqualTo(rotation.replacement().key().id());
        assertThat(f.store.delegate.findById(original.key().id())).contains(rotation.previous());
    }

    @Test
    void rotate_withinGrace_bothKeysWork() {
        Rotation rotation = f.keys.rotate(1L, original.key().id(), Duration.ofHours(24), f.root, who);
        f.clock.advance(Duration.ofHours(24).minusSeconds(1));

        assertThat(f.keys.verify(original.secret()).code()).isEqualTo(Verification.Code.VALID);
        assertThat(f.keys.verify(rotation.replacement().secret()).code()).isEqualTo(Verification.Code.VALID);
    }

    @Test
    void rotate_afterGrace_onlyReplacementWorks() {
        Rotation rotation = f.keys.rotate(1L, original.key().id(), Duration.ofHours(24), f.root, who);
        f.clock.advance(Duration.ofHours(24));

        assertThat(f.keys.verify(original.secret()).code()).isEqualTo(Verification.Code.EXPIRED);
        assertThat(f.keys.verify(rotation.replacement().secret()).code()).isEqualTo(Verification.Code.VALID);
    }

    @Test
    void rotate_zeroGrace_oldKeyExpiresAtOnceEvenIfCached() {
        assertThat(f.keys.verify(original.secret()).valid()).isTrue();

        Rotation rotation = f.keys.rotate(1L, original.key().id(), Duration.ZERO, f.root, who);

        assertThat(rotation.gracePeriodEndsAt()).isEqualTo(Fixture.T0);
        assertThat(f.keys.verify(original.secret()).code()).isEqualTo(Verification.Code.EXPIRED);
    }

    @Test
    void rotate_nullGrace_defaultsTo24Hours() {
        Rotation rotation = f.keys.rotate(1L, original.key().id(), null, f.root, who);

        assertThat(rotation.gracePeriodEndsAt()).isEqualTo(Fixture.T0.plus(Duration.ofHours(24)));
    }

    @Test
    void rotate_keyExpiringBeforeGraceEnds_keepsItsOwnExpiry() {
        IssuedKey soon = f.keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "soon", null, null,
            Fixture.T0.plus(Duration.ofHours(2))), f.root, who);

        Rotation rotation = f.keys.rotate(1L, soon.key().id(), Duration.ofHours(24), f.root, who);

        assertThat(rotation.gracePeriodEndsAt()).isEqualTo(Fixture.T0.plus(Duration.ofHours(2)));
        assertThat(rotation.previous().expiresAt()).isEqualTo(Fixture.T0.plus(Duration.ofHours(2)));
    }

    @Test
    void rotate_maximumGrace_isAccepted() {
        IssuedKey forever = f.workspaceKey();

        Rotation rotation = f.keys.rotate(1L, forever.key().id(), Duration.ofHours(720), f.root, who);

        assertThat(rotation.gracePeriodEndsAt()).isEqualTo(Fixture.T0.plus(Duration.ofHours(720)));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 721 * 60, -60})
    void rotate_graceOutOfRange_failsOnGracePeriodHours(long minutes) {
        long id = original.key().id();

        assertThatThrownBy(() -> f.keys.rotate(1L, id, Duration.ofMinutes(minutes), f.root, who))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("grace_period_hours", List.of("must be between 0 and 720")));
        assertThat(f.store.inserts.get()).isEqualTo(2);
    }

    @Test
    void rotate_keyInOtherWorkspace_isNotFound() {
        long id = original.key().id();

        assertThatThrownBy(() -> f.keys.rotate(Fixture.OTHER_WORKSPACE, id, null, f.root, who))
            .isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void rotate_revokedKey_isNotFound() {
        long id = original.key().id();
        f.keys.revoke(1L, id, who);

        assertThatThrownBy(() -> f.keys.rotate(1L, id, null, f.root, who)).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void rotate_missingKey_isNotFound() {
        assertThatThrownBy(() -> f.keys.rotate(1L, 9_999, null, f.root, who))
            .isInstanceOfSatisfying(KeyNotFoundException.class, e -> assertThat(e.keyId()).isEqualTo(9_999));
    }

    @Test
    void rotate_expiredKey_failsOnExpiresAt() {
        long id = original.key().id();
        f.clock.advance(Duration.ofDays(90));

        assertThatThrownBy(() -> f.keys.rotate(1L, id, null, f.root, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("expires_at"));
    }

    @Test
    void rotate_byRootWithoutWorkspace_findsAnyKey() {
        Rotation rotation = f.keys.rotate(null, original.key().id(), null, f.root, who);

        assertThat(rotation.replacement().key().workspaceId()).isEqualTo(1L);
    }

    @Test
    void rotate_rootKeyItself_staysRoot() {
        Rotation rotation = f.keys.rotate(null, f.root.id(), Duration.ZERO, f.root, who);

        assertThat(rotation.replacement().key().type()).isEqualTo(KeyType.ROOT);
        assertThat(rotation.replacement().secret()).startsWith("gh_root_");
        assertThat(f.store.delegate.existsRootKey()).isTrue();
    }

    @Test
    void rotate_actorNotHoldingKeysScopes_isEscalation() {
        ApiKey actor = f.workspaceKey("api-keys:write", "users:read").key();
        long id = original.key().id();

        assertThatThrownBy(() -> f.keys.rotate(1L, id, null, actor, who))
            .isInstanceOfSatisfying(ScopeEscalationException.class,
                e -> assertThat(e.notHeld()).containsExactly("webhooks:write"));
    }

    @Test
    void rotate_activeKey_auditsRotated() {
        f.audit.clear();

        Rotation rotation = f.keys.rotate(1L, original.key().id(), Duration.ofHours(1), f.root, who);

        assertThat(f.audit.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("api_key.rotated");
            assertThat(e.subjectKeyId()).isEqualTo(original.key().id());
            assertThat(e.details()).containsEntry("replaced_by", Long.toString(rotation.replacement().key().id()))
                .containsEntry("grace_period_ends_at", Fixture.T0.plus(Duration.ofHours(1)).toString());
            assertThat(e.toString()).doesNotContain(rotation.replacement().secret());
        });
    }

    @Test
    void rotate_userKeyAtLimit_isStillAllowed() {
        Fixture limited = new Fixture(ApiKeys.builder().maxActiveKeysPerUser(1));
        IssuedKey only = limited.keys.issue(new KeyRequest(1L, 9L, KeyType.USER, "u", List.of("me:verify"), null, null),
            limited.root, who);

        Rotation rotation = limited.keys.rotate(1L, only.key().id(), null, limited.root, who);

        assertThat(rotation.replacement().key().userId()).isEqualTo(9L);
    }
}
