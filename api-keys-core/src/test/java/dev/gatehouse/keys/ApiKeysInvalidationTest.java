package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Invalidation across instances: the change listener, and loads that race an invalidation. */
class ApiKeysInvalidationTest {

    private final List<String> announced = new ArrayList<>();
    private final ChangeListener recording = new ChangeListener() {
        @Override
        public void keyChanged(long keyId) {
            announced.add("key:" + keyId);
        }

        @Override
        public void workspaceChanged(long workspaceId) {
            announced.add("workspace:" + workspaceId);
        }
    };
    private final Fixture f = new Fixture(ApiKeys.builder().changeListener(recording));
    private final Actor who = new Actor(f.root.id(), "req_1");

    /** What another instance wrote to the shared store: the key revoked, behind this cache's back. */
    private void revokeElsewhere(ApiKey key) {
        f.store.delegate.update(key.withRevokedAt(Fixture.T0));
    }

    @Test
    void verify_loadThatReadBeforeAnInvalidation_doesNotCacheTheOldKey() {
        IssuedKey issued = f.workspaceKey();
        f.store.afterFindByHashRead = () -> {
            revokeElsewhere(issued.key());
            f.keys.invalidate(issued.key().id());
        };

        Verification racing = f.keys.verify(issued.secret());
        Verification next = f.keys.verify(issued.secret());

        assertThat(racing.code()).isEqualTo(Verification.Code.VALID);
        assertThat(next.code()).isEqualTo(Verification.Code.REVOKED);
    }

    @Test
    void verify_loadThatReadBeforeInvalidateAll_doesNotCacheTheMiss() {
        IssuedKey issued = f.workspaceKey();
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";
        f.store.afterFindByHashRead = f.keys::invalidateAll;

        f.keys.verify(unknown);
        int lookups = f.store.findByHashCalls.get();
        f.keys.verify(unknown);

        assertThat(f.store.findByHashCalls.get()).isEqualTo(lookups + 1);
        assertThat(f.keys.verify(issued.secret()).valid()).isTrue();
    }

    @Test
    void verify_loadWithoutARacingInvalidation_isCached() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        int lookups = f.store.findByHashCalls.get();

        f.keys.verify(issued.secret());

        assertThat(f.store.findByHashCalls.get()).isEqualTo(lookups);
    }

    @Test
    void invalidate_keyChangedElsewhere_nextVerificationSeesTheChange() {
        IssuedKey issued = f.workspaceKey();
        assertThat(f.keys.verify(issued.secret()).valid()).isTrue();
        revokeElsewhere(issued.key());

        f.keys.invalidate(issued.key().id());

        assertThat(f.keys.verify(issued.secret()).code()).isEqualTo(Verification.Code.REVOKED);
    }

    @Test
    void invalidateWorkspace_dropsOnlyThatWorkspacesKeys() {
        IssuedKey inside = f.workspaceKey();
        f.keys.verify(inside.secret());
        f.keys.verify(f.keys.issueRoot(null, Actor.system()).secret());
        int cachedBefore = f.keys.cachedFound();

        f.keys.invalidateWorkspace(Fixture.WORKSPACE);

        assertThat(f.keys.cachedFound()).isEqualTo(cachedBefore - 1);
    }

    @Test
    void revoke_announcesTheKey() {
        long id = f.workspaceKey().key().id();

        f.keys.revoke(Fixture.WORKSPACE, id, who);

        assertThat(announced).containsExactly("key:" + id);
    }

    @Test
    void rotate_announcesTheOldKey() {
        long id = f.workspaceKey().key().id();

        f.keys.rotate(Fixture.WORKSPACE, id, Duration.ZERO, f.root, who);

        assertThat(announced).containsExactly("key:" + id);
    }

    @Test
    void update_expiryOrScopes_announcesTheKey() {
        long id = f.workspaceKey("read", "write").key().id();

        f.keys.update(Fixture.WORKSPACE, id, new KeyPatch(Optional.empty(), Optional.of(List.of("read")),
            Optional.of(Optional.of(Instant.parse("2026-02-01T00:00:00Z")))), f.root, who);

        assertThat(announced).containsExactly("key:" + id);
    }

    @Test
    void revokeMintedBy_announcesEveryRevokedKey() {
        long first = f.workspaceKey().key().id();
        long second = f.workspaceKey().key().id();

        f.keys.revokeMintedBy(f.root.id(), who);

        assertThat(announced).containsExactlyInAnyOrder("key:" + first, "key:" + second);
    }

    @Test
    void issue_announcesNothing() {
        f.workspaceKey();

        assertThat(announced).isEmpty();
    }

    @Test
    void workspaces_everyUpdateAndDelete_announceTheWorkspace() {
        Workspaces workspaces = Workspaces.builder().store(new InMemoryWorkspaceStore()).clock(f.clock)
            .tiers(List.of("free", "pro")).changeListener(recording).build();
        long id = workspaces.create("Acme", null, "free", null).id();

        workspaces.update(id, new WorkspacePatch(Optional.of("Acme Inc"), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty()));
        workspaces.update(id, new WorkspacePatch(Optional.empty(), Optional.empty(), Optional.of("pro"),
            Optional.empty(), Optional.empty()));
        workspaces.delete(id);

        assertThat(announced).containsExactly("workspace:" + id, "workspace:" + id, "workspace:" + id);
    }
}
