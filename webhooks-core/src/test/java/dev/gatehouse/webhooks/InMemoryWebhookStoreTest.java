package dev.gatehouse.webhooks;

/** Runs the shared store contract against the in-memory store. */
class InMemoryWebhookStoreTest extends WebhookStoreContract {

    @Override
    protected WebhookStore newStore() {
        return new InMemoryWebhookStore();
    }
}
