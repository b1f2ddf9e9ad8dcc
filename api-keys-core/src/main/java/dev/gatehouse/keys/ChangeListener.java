package dev.gatehouse.keys;

/**
 * Told of every change that can deny access or change limits, so that a deployment running several
 * instances can tell the others to drop what they cached. The facades call it synchronously, right
 * after the store wrote the change and inside the caller's transaction if there is one: an
 * implementation that announces the change in that same transaction announces nothing that did not
 * commit. It must be cheap and must not call back into the facade that is calling it.
 *
 * <p>The facades already drop their own instance's cache entries; a listener does not need to.
 */
public interface ChangeListener {

    /** Does nothing: one instance, nothing to tell. */
    ChangeListener NONE = new ChangeListener() {
        @Override
        public void keyChanged(long keyId) {
        }

        @Override
        public void workspaceChanged(long workspaceId) {
        }
    };

    /**
     * A key was revoked, rotated (its expiry moved to the end of the grace period), or had its
     * expiry or scopes changed.
     *
     * @param keyId the key
     */
    void keyChanged(long keyId);

    /**
     * A workspace was updated (its tier, or any other field: hosts may cache whole workspaces) or
     * deleted (with its keys).
     *
     * @param workspaceId the workspace
     */
    void workspaceChanged(long workspaceId);
}
