package dev.gatehouse.webhooks;

/**
 * A manual retry was refused: the delivery already succeeded, its manual retries are used up, or
 * its endpoint is disabled. The message says which.
 */
public final class CannotRetryException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason why the delivery cannot be retried, for example {@code "delivery already succeeded"}
     */
    public CannotRetryException(String reason) {
        super(reason);
    }
}
