package dev.gatehouse.keys;

/** No such workspace within the caller's reach (HTTP 404 {@code not_found}). */
public final class WorkspaceNotFoundException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    /** The id that was asked for. */
    private final long workspaceId;

    /**
     * Creates the exception.
     *
     * @param workspaceId the id that was asked for
     */
    public WorkspaceNotFoundException(long workspaceId) {
        super("Workspace " + workspaceId + " not found");
        this.workspaceId = workspaceId;
    }

    /**
     * Returns the id that was asked for.
     *
     * @return the workspace id
     */
    public long workspaceId() {
        return workspaceId;
    }
}
