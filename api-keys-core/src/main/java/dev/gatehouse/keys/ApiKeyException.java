package dev.gatehouse.keys;

/**
 * The common type of every exception this package throws on purpose. All are unchecked, none
 * carries a raw key or verification code in its message, and the integration layer maps each
 * subtype to one HTTP response.
 */
public abstract class ApiKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, free of secrets
     */
    protected ApiKeyException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, free of secrets
     * @param cause the underlying failure
     */
    protected ApiKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
