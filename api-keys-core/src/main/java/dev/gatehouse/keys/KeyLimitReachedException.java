package dev.gatehouse.keys;

/** The user already has the maximum number of active keys (HTTP 400 {@code key_limit_reached}). */
public final class KeyLimitReachedException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    /** The maximum number of active keys per user. */
    private final int limit;

    /**
     * Creates the exception.
     *
     * @param limit the maximum number of active keys per user
     */
    public KeyLimitReachedException(int limit) {
        super("The user already has the maximum of " + limit + " active API keys; revoke one first");
        this.limit = limit;
    }

    /**
     * Returns the maximum number of active keys per user.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }
}
