package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.webhooks.Endpoint;
import dev.gatehouse.webhooks.WebhookListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes {@code webhook.endpoint.disabled} to the endpoint's workspace when the core disables an
 * endpoint on its own (410 Gone, or failing for too long), so the workspace's other endpoints hear
 * about it. The disabled endpoint itself no longer receives anything.
 */
@ApplicationScoped
public class EndpointDisabledNotifier implements WebhookListener {

    @Inject
    EventPublisher publisher;

    @Inject
    Clock clock;

    @Override
    public void endpointDisabled(Endpoint endpoint, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", endpoint.id());
        data.put("url", endpoint.url());
        data.put("reason", reason);
        data.put("disabled_at", clock.instant());
        publisher.publish(endpoint.workspaceId(), EventTypes.ENDPOINT_DISABLED, data);
    }
}
