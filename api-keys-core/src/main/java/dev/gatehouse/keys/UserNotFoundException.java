package dev.gatehouse.keys;

/**
 * No such end user within the caller's reach, including users another developer key bootstrapped
 * (HTTP 404 {@code user_not_found}, leak-less).
 */
public final class UserNotFoundException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    /** The id that was asked for. */
    private final long userId;

    /**
     * Creates the exception.
     *
     * @param userId the id that was asked for
     */
    public UserNotFoundException(long userId) {
        super("User " + userId + " not found");
        this.userId = userId;
    }

    /**
     * Returns the id that was asked for.
     *
     * @return the user id
     */
    public long userId() {
        return userId;
    }
}
