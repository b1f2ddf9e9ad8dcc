package dev.gatehouse.webhooks;

/**
 * Common supertype of the exceptions the webhooks core throws on purpose, so that a host can map
 * them to HTTP responses in one place.
 *
 * <p>Messages never contain secrets, signatures or key material.
 */
public abstract class WebhookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and no cause.
     *
     * @param message human-readable explanation, free of secrets
     */
    protected WebhookException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message human-readable explanation, free of secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    protected WebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
