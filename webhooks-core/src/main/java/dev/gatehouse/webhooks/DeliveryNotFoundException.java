package dev.gatehouse.webhooks;

/**
 * No delivery with the given id exists for the given endpoint in the caller's workspace, or the
 * store was asked to update a delivery it does not hold.
 */
public final class DeliveryNotFoundException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The id that was looked up. */
    private final long deliveryId;

    /**
     * Creates the exception.
     *
     * @param deliveryId the id that was looked up
     */
    public DeliveryNotFoundException(long deliveryId) {
        super("Webhook delivery " + deliveryId + " not found");
        this.deliveryId = deliveryId;
    }

    /**
     * Returns the id that was looked up.
     *
     * @return the delivery id
     */
    public long deliveryId() {
        return deliveryId;
    }
}
