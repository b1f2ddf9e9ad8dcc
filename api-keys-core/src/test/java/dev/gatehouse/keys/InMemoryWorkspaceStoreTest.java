package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryWorkspaceStoreTest extends WorkspaceStoreContract {

    @Override
    protected WorkspaceStore newStore() {
        return new InMemoryWorkspaceStore();
    }

    @Test
    void insert_duplicateSlug_isRejected() {
        Workspace workspace = new Workspace(0, "Acme", "acme", "free", WorkspaceSettings.defaults(), Instant.EPOCH, Instant.EPOCH);
        store().insert(workspace);

        assertThatThrownBy(() -> store().insert(workspace)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void update_slugOfAnotherWorkspace_isRejected() {
        store().insert(new Workspace(0, "A", "a", "free", null, Instant.EPOCH, Instant.EPOCH));
        Workspace b = store().insert(new Workspace(0, "B", "b", "free", null, Instant.EPOCH, Instant.EPOCH));

        Workspace clash = new Workspace(b.id(), "B", "a", "free", null, Instant.EPOCH, Instant.EPOCH);

        assertThatThrownBy(() -> store().update(clash)).isInstanceOf(IllegalStateException.class);
    }
}
