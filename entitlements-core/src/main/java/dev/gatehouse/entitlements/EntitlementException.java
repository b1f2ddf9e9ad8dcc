package dev.gatehouse.entitlements;

/**
 * The root of every exception this component throws, so a host can map them to HTTP in one
 * place. All are unchecked.
 */
public abstract class EntitlementException extends RuntimeException {

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, safe to show to the API caller
     */
    protected EntitlementException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong
     * @param cause   the underlying exception
     */
    protected EntitlementException(String message, Throwable cause) {
        super(message, cause);
    }
}
