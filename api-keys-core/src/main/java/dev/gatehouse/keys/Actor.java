package dev.gatehouse.keys;

/**
 * Who performs an operation, for the audit log.
 *
 * @param keyId the id of the authenticated key, or null for the system itself
 * @param requestId the request id ({@code X-Request-ID}), or null outside a request
 */
public record Actor(Long keyId, String requestId) {

    private static final Actor SYSTEM = new Actor(null, null);

    /**
     * Returns the actor for work the platform does on its own, such as creating the root key at
     * start-up. The facades use it when they are given a null actor.
     *
     * @return the system actor
     */
    public static Actor system() {
        return SYSTEM;
    }

    /** The given actor, or {@link #system()} for null: what every facade records as the actor. */
    static Actor orSystem(Actor who) {
        return who == null ? SYSTEM : who;
    }
}
