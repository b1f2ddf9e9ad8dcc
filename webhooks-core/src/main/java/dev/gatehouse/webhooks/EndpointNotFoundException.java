package dev.gatehouse.webhooks;

/**
 * No endpoint with the given id exists in the caller's workspace. An endpoint that belongs to
 * another workspace is reported the same way, so ids cannot be probed across tenants.
 */
public final class EndpointNotFoundException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The id that was looked up. */
    private final long endpointId;

    /**
     * Creates the exception.
     *
     * @param endpointId the id that was looked up
     */
    public EndpointNotFoundException(long endpointId) {
        super("Webhook endpoint " + endpointId + " not found");
        this.endpointId = endpointId;
    }

    /**
     * Returns the id that was looked up.
     *
     * @return the endpoint id
     */
    public long endpointId() {
        return endpointId;
    }
}
