package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysLifecycleTest {

    private final Fixture f = new Fixture();
    private final Actor who = new Actor(f.root.id(), "req_1");

    private static KeyPatch name(String name) {
        return new KeyPatch(Optional.of(name), Optional.empty(), Optional.empty());
    }

    private static KeyPatch scopes(String... scopes) {
        return new KeyPatch(Optional.empty(), Optional.of(Arrays.asList(scopes)), Optional.empty());
    }

    private static KeyPatch expiresAt(Instant expiresAt) {
        return new KeyPatch(Optional.empty(), Optional.empty(), Optional.of(Optional.ofNullable(expiresAt)));
    }

    @Test
    void revoke_activeKey_setsRevokedAtAndAudits() {
        IssuedKey issued = f.workspaceKey();

        ApiKey revoked = f.keys.revoke(1L, issued.key().id(), who);

        assertThat(revoked.revokedAt()).isEqualTo(Fixture.T0);
        assertThat(f.store.delegate.findById(issued.key().id())).contains(revoked);
        assertThat(f.audit.ofType("api_key.revoked")).singleElement().satisfies(e -> {
            assertThat(e.subjectKeyId()).isEqualTo(issued.key().id());
            assertThat(e.actorKeyId()).isEqualTo(f.root.id());
        });
    }

    @Test
    void revoke_alreadyRevokedKey_isNotFound() {
        long id = f.workspaceKey().key().id();
        f.keys.revoke(1L, id, who);

        assertThatThrownBy(() -> f.keys.revoke(1L, id, who)).isInstanceOf(KeyNotFoundException.class);
        assertThat(f.audit.ofType("api_key.revoked")).hasSize(1);
    }

    @Test
    void revoke_keyInOtherWorkspace_isNotFoundAndUntouched() {
        IssuedKey issued = f.workspaceKey();

        assertThatThrownBy(() -> f.keys.revoke(Fixture.OTHER_WORKSPACE, issued.key().id(), who))
            .isInstanceOf(KeyNotFoundException.class);
        assertThat(f.keys.verify(issued.secret()).valid()).isTrue();
    }

    @Test
    void revoke_rootKeyFromWithinAWorkspace_isNotFound() {
        long rootId = f.root.id();

        assertThatThrownBy(() -> f.keys.revoke(1L, rootId, who)).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void revoke_missingKey_isNotFound() {
        assertThatThrownBy(() -> f.keys.revoke(null, 12_345, who)).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void revokeMintedBy_creator_revokesOnlyItsLiveChildren() {
        ApiKey developer = f.workspaceKey("api-keys:write", "read").key();
        IssuedKey childA = f.keys.issue(Fixture.request("users:read"), developer, who);
        IssuedKey childB = f.keys.issue(Fixture.request("users:read"), developer, who);
        f.keys.revoke(1L, childB.key().id(), who);
        IssuedKey unrelated = f.workspaceKey();
        IssuedKey grandchild = f.keys.issue(Fixture.request("users:read"), childA.key(), who);
        f.audit.clear();

        List<ApiKey> revoked = f.keys.revokeMintedBy(developer.id(), who);

        assertThat(revoked).extracting(ApiKey::id).containsExactly(childA.key().id());
        assertThat(f.keys.verify(childA.secret()).code()).isEqualTo(Verification.Code.REVOKED);
        assertThat(f.keys.verify(unrelated.secret()).valid()).isTrue();
        assertThat(f.keys.verify(grandchild.secret()).valid()).isTrue();
        assertThat(f.store.delegate.findById(developer.id()).orElseThrow().isRevoked()).isFalse();
        assertThat(f.audit.ofType("api_key.revoked")).singleElement()
            .satisfies(e -> assertThat(e.details()).containsEntry("reason", "revoke_minted_by"));
    }

    @Test
    void revokeMintedBy_rotatedChild_isRevokedToo() {
        ApiKey developer = f.workspaceKey("api-keys:write", "read").key();
        IssuedKey child = f.keys.issue(Fixture.request("users:read"), developer, who);
        Rotation rotation = f.keys.rotate(1L, child.key().id(), Duration.ofHours(1), child.key(), who);

        List<ApiKey> revoked = f.keys.revokeMintedBy(developer.id(), who);

        assertThat(revoked).extracting(ApiKey::id)
            .containsExactlyInAnyOrder(child.key().id(), rotation.replacement().key().id());
    }

    @Test
    void update_name_changesOnlyTheName() {
        IssuedKey issued = f.workspaceKey("users:read");

        ApiKey updated = f.keys.update(1L, issued.key().id(), name(" Renamed "), f.root, who);

        assertThat(updated.name()).isEqualTo("Renamed");
        assertThat(updated.scopes()).isEqualTo(issued.key().scopes());
        assertThat(f.audit.ofType("api_key.updated")).singleElement()
            .satisfies(e -> assertThat(e.details()).containsEntry("name", "Renamed").doesNotContainKey("scopes"));
    }

    @Test
    void update_narrowerScopes_areApplied() {
        IssuedKey issued = f.workspaceKey("read", "write");

        ApiKey updated = f.keys.update(1L, issued.key().id(), scopes("users:read"), f.root, who);

        assertThat(updated.scopes().names()).containsExactly("users:read");
        assertThat(f.keys.verify(issued.secret()).key().scopes().names()).containsExactly("users:read");
    }

    @Test
    void update_widerScopes_failOnScopesSayingOnlyNarrowing() {
        long id = f.workspaceKey("users:read").key().id();

        assertThatThrownBy(() -> f.keys.update(1L, id, scopes("users:read", "users:write"), f.root, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get("scopes"))
                .containsExactly("can only be narrowed; the key does not hold: users:write"));
    }

    @Test
    void update_narrowingBeyondActorsScopes_isEscalation() {
        long id = f.workspaceKey("read", "write").key().id();
        ApiKey actor = f.workspaceKey("api-keys:write").key();

        assertThatThrownBy(() -> f.keys.update(1L, id, scopes("users:write"), actor, who))
            .isInstanceOfSatisfying(ScopeEscalationException.class,
                e -> assertThat(e.notHeld()).containsExactly("users:write"));
    }

    @Test
    void update_unknownScope_failsOnScopes() {
        long id = f.workspaceKey().key().id();

        assertThatThrownBy(() -> f.keys.update(1L, id, scopes("posts:read"), f.root, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("scopes"));
    }

    @Test
    void update_expiry_setAndClear() {
        long id = f.workspaceKey().key().id();
        Instant later = Fixture.T0.plus(Duration.ofDays(1));

        assertThat(f.keys.update(1L, id, expiresAt(later), f.root, who).expiresAt()).isEqualTo(later);
        assertThat(f.keys.update(1L, id, expiresAt(null), f.root, who).expiresAt()).isNull();
    }

    @Test
    void update_expiryInThePast_failsOnExpiresAt() {
        long id = f.workspaceKey().key().id();

        assertThatThrownBy(() -> f.keys.update(1L, id, expiresAt(Fixture.T0), f.root, who))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsEntry("expires_at", List.of("must be in the future")));
    }

    @Test
    void update_expiryOfRotatedKey_isRefused() {
        long id = f.workspaceKey().key().id();
        f.keys.rotate(1L, id, Duration.ofHours(1), f.root, who);

        assertThatThrownBy(() -> f.keys.update(1L, id, expiresAt(null), f.root, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("expires_at"));
    }

    @Test
    void update_blankName_failsOnName() {
        long id = f.workspaceKey().key().id();

        assertThatThrownBy(() -> f.keys.update(1L, id, name(" "), f.root, who))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("name"));
    }

    @Test
    void update_revokedOrForeignKey_isNotFound() {
        long revoked = f.workspaceKey().key().id();
        f.keys.revoke(1L, revoked, who);
        long live = f.workspaceKey().key().id();

        assertThatThrownBy(() -> f.keys.update(1L, revoked, name("x"), f.root, who)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> f.keys.update(2L, live, name("x"), f.root, who)).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void update_emptyPatch_changesNothing() {
        IssuedKey issued = f.workspaceKey();

        assertThat(f.keys.update(1L, issued.key().id(), KeyPatch.none(), f.root, who)).isEqualTo(issued.key());
    }

    @Test
    void upgradeScopes_key_replacesScopesWithoutEscalationCheckAndAudits() {
        IssuedKey issued = f.keys.issue(new KeyRequest(1L, 5L, KeyType.USER, "u", List.of("me:verify"), null, null),
            f.root, who);
        f.keys.verify(issued.secret());
        Collection<String> verified = List.of("users:read", "webhooks:write");

        ApiKey upgraded = f.keys.upgradeScopes(issued.key().id(), verified, who);

        assertThat(upgraded.id()).isEqualTo(issued.key().id());
        assertThat(upgraded.scopes().names()).containsExactly("users:read", "webhooks:write");
        assertThat(f.keys.verify(issued.secret()).key().scopes()).isEqualTo(upgraded.scopes());
        assertThat(f.audit.ofType("api_key.scopes_upgraded")).singleElement().satisfies(e -> assertThat(e.details())
            .containsEntry("previous_scopes", "me:verify").containsEntry("scopes", "users:read webhooks:write"));
    }

    @Test
    void upgradeScopes_unknownScope_failsOnScopes() {
        long id = f.workspaceKey().key().id();

        assertThatThrownBy(() -> f.keys.upgradeScopes(id, List.of("catalog:write"), who))
            .isInstanceOf(ValidationException.class);
    }

    @Test
    void find_otherWorkspace_isEmpty() {
        long id = f.workspaceKey().key().id();

        assertThat(f.keys.find(1L, id)).isPresent();
        assertThat(f.keys.find(null, id)).isPresent();
        assertThat(f.keys.find(2L, id)).isEmpty();
        assertThat(f.keys.find(1L, f.root.id())).isEmpty();
        assertThat(f.keys.find(null, f.root.id())).isPresent();
    }
}
