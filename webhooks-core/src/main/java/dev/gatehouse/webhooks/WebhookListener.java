package dev.gatehouse.webhooks;

/**
 * Hears about endpoints the core disables on its own, for example to e-mail the workspace owner.
 * Called after the change is stored, once per disabling; exceptions are logged and ignored.
 */
@FunctionalInterface
public interface WebhookListener {

    /**
     * An endpoint was disabled automatically.
     *
     * @param endpoint the endpoint as stored, now inactive
     * @param reason   why, for example {@code "endpoint answered 410 Gone"}
     */
    void endpointDisabled(Endpoint endpoint, String reason);
}
