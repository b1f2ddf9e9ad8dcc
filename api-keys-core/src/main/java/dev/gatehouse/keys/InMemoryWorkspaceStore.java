package dev.gatehouse.keys;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A thread-safe {@link WorkspaceStore} in memory, for tests, demos and single-instance
 * applications. Every method holds one lock, which makes each an atomic unit.
 */
public class InMemoryWorkspaceStore implements WorkspaceStore {

    private final Map<Long, Workspace> byId = new TreeMap<>();
    private long lastId;

    /** Creates an empty store. */
    public InMemoryWorkspaceStore() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the slug is taken (a unique constraint)
     */
    @Override
    public synchronized Workspace insert(Workspace withoutId) {
        Objects.requireNonNull(withoutId, "withoutId");
        if (withoutId.id() != 0) {
            throw new IllegalArgumentException("a new workspace must have id 0 but had " + withoutId.id());
        }
        if (slugExists(withoutId.slug())) {
            throw new IllegalStateException("slug " + withoutId.slug() + " is already taken");
        }
        Workspace stored = withoutId.withId(++lastId);
        byId.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<Workspace> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized boolean slugExists(String slug) {
        return byId.values().stream().anyMatch(w -> w.slug().equals(slug));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if another workspace has the new slug (a unique constraint)
     */
    @Override
    public synchronized Workspace update(Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        if (!byId.containsKey(workspace.id())) {
            throw new WorkspaceNotFoundException(workspace.id());
        }
        boolean clash = byId.values().stream()
            .anyMatch(w -> w.id() != workspace.id() && w.slug().equals(workspace.slug()));
        if (clash) {
            throw new IllegalStateException("slug " + workspace.slug() + " is already taken");
        }
        byId.put(workspace.id(), workspace);
        return workspace;
    }

    @Override
    public synchronized boolean delete(long id) {
        return byId.remove(id) != null;
    }
}
