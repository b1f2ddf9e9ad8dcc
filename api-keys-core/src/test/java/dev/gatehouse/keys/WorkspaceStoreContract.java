package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WorkspaceStore} must have. A store implementation's test extends
 * this class and implements {@link #newStore()}; the suite ships in this module's test-jar.
 */
public abstract class WorkspaceStoreContract {

    /** An instant the tests work around. */
    protected static final Instant NOW = Instant.parse("2026-01-15T10:30:00.123Z");

    private WorkspaceStore store;

    /**
     * Creates an empty store for one test.
     *
     * @return a store with no workspaces
     */
    protected abstract WorkspaceStore newStore();

    /** Creates the store of the next test. */
    @BeforeEach
    public void createStore() {
        store = newStore();
    }

    /**
     * Returns the store under test.
     *
     * @return the store of the current test
     */
    protected WorkspaceStore store() {
        return store;
    }

    private static Workspace workspace(String slug) {
        return new Workspace(0, "Acme Corporation", slug, "business", new WorkspaceSettings("UTC", "en-GB"), NOW, NOW);
    }

    @Test
    public void insert_newWorkspace_assignsPositiveId() {
        assertThat(store.insert(workspace("acme-corp")).id()).isPositive();
    }

    @Test
    public void insert_severalWorkspaces_assignsDistinctIds() {
        long first = store.insert(workspace("acme-1")).id();
        long second = store.insert(workspace("acme-2")).id();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    public void insert_workspaceWithId_isRejected() {
        Workspace withId = new Workspace(9, "Acme", "acme", "free", WorkspaceSettings.defaults(), NOW, NOW);

        assertThatThrownBy(() -> store.insert(withId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void findById_everyField_roundTrips() {
        Workspace stored = store.insert(new Workspace(0, "Café Zürich", "cafe-zurich", "enterprise",
            new WorkspaceSettings("Europe/London", "de-CH"), NOW, NOW.plusSeconds(1)));

        assertThat(store.findById(stored.id())).contains(new Workspace(stored.id(), "Café Zürich", "cafe-zurich",
            "enterprise", new WorkspaceSettings("Europe/London", "de-CH"), NOW, NOW.plusSeconds(1)));
    }

    @Test
    public void findById_nullSettings_roundTrip() {
        Workspace stored = store.insert(new Workspace(0, "Acme", "acme", "free", new WorkspaceSettings(null, null), NOW, NOW));

        assertThat(store.findById(stored.id()).orElseThrow().settings()).isEqualTo(new WorkspaceSettings(null, null));
    }

    @Test
    public void findById_unknownId_isEmpty() {
        assertThat(store.findById(987_654)).isEmpty();
    }

    @Test
    public void slugExists_takenSlug_isTrue() {
        store.insert(workspace("acme-corp"));

        assertThat(store.slugExists("acme-corp")).isTrue();
    }

    @Test
    public void slugExists_freeSlug_isFalse() {
        store.insert(workspace("acme-corp"));

        assertThat(store.slugExists("acme")).isFalse();
    }

    @Test
    public void update_everyMutableField_roundTrips() {
        Workspace stored = store.insert(workspace("acme-corp"));
        Workspace changed = new Workspace(stored.id(), "Updated Name", "updated", "pro",
            new WorkspaceSettings("Europe/Paris", "fr-FR"), NOW, NOW.plusSeconds(60));

        assertThat(store.update(changed)).isEqualTo(changed);
        assertThat(store.findById(stored.id())).contains(changed);
        assertThat(store.slugExists("acme-corp")).isFalse();
        assertThat(store.slugExists("updated")).isTrue();
    }

    @Test
    public void update_unknownId_throwsWorkspaceNotFound() {
        Workspace never = new Workspace(987_654, "Never", "never", "free", WorkspaceSettings.defaults(), NOW, NOW);

        assertThatThrownBy(() -> store.update(never)).isInstanceOf(WorkspaceNotFoundException.class);
    }

    @Test
    public void delete_existingWorkspace_returnsTrueAndRemovesIt() {
        Workspace stored = store.insert(workspace("acme-corp"));

        assertThat(store.delete(stored.id())).isTrue();
        assertThat(store.findById(stored.id())).isEmpty();
        assertThat(store.slugExists("acme-corp")).isFalse();
    }

    @Test
    public void delete_unknownId_returnsFalse() {
        store.insert(workspace("acme-corp"));

        assertThat(store.delete(987_654)).isFalse();
    }

    @Test
    public void delete_oneWorkspace_leavesOthers() {
        Workspace kept = store.insert(workspace("kept"));
        Workspace gone = store.insert(workspace("gone"));

        store.delete(gone.id());

        assertThat(store.findById(kept.id())).contains(kept);
    }
}
