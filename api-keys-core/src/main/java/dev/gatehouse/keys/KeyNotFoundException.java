package dev.gatehouse.keys;

/**
 * No such key within the caller's reach: missing, in another workspace, or already revoked where
 * the operation needs a live key (HTTP 404 {@code not_found}, never a 403 that confirms existence).
 */
public final class KeyNotFoundException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    /** The id that was asked for. */
    private final long keyId;

    /**
     * Creates the exception.
     *
     * @param keyId the id that was asked for
     */
    public KeyNotFoundException(long keyId) {
        super("API key " + keyId + " not found");
        this.keyId = keyId;
    }

    /**
     * Returns the id that was asked for.
     *
     * @return the key id
     */
    public long keyId() {
        return keyId;
    }
}
