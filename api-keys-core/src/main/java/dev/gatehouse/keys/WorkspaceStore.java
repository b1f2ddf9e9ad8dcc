package dev.gatehouse.keys;

import java.util.Optional;

/**
 * The storage SPI for workspaces. Each method is one atomic unit; implementations may join a
 * surrounding transaction. Every implementation must pass the {@code WorkspaceStoreContract}
 * suite of this module's test-jar.
 */
public interface WorkspaceStore {

    /**
     * Stores a new workspace.
     *
     * @param withoutId the workspace with id 0
     * @return the same workspace with its new, unique, positive id
     * @throws IllegalArgumentException if the id is not 0
     */
    Workspace insert(Workspace withoutId);

    /**
     * Finds a workspace by id.
     *
     * @param id the workspace id
     * @return the workspace, or empty
     */
    Optional<Workspace> findById(long id);

    /**
     * Returns whether any workspace has this slug (exact match).
     *
     * @param slug the slug
     * @return true if taken
     */
    boolean slugExists(String slug);

    /**
     * Replaces every field of a stored workspace (the id selects it).
     *
     * @param workspace the new state
     * @return the stored state
     * @throws WorkspaceNotFoundException if no workspace has that id
     */
    Workspace update(Workspace workspace);

    /**
     * Deletes a workspace.
     *
     * @param id the workspace id
     * @return true if it existed
     */
    boolean delete(long id);
}
