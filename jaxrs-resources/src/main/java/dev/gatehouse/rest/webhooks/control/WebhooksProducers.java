package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.webhooks.HttpClientSender;
import dev.gatehouse.webhooks.SecretCipher;
import dev.gatehouse.webhooks.UrlPolicy;
import dev.gatehouse.webhooks.Webhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Builds the webhooks core for the application from {@link WebhookSettings}, the JPA store and the
 * delivery worker's send pool. {@code @Singleton} because the facade and cipher are final classes.
 */
@ApplicationScoped
public class WebhooksProducers {

    @Produces
    @Singleton
    SecretCipher secretCipher(SecretKeys keys) {
        try {
            return keys.cipher();
        } catch (RuntimeException firstStartRace) {
            // Another instance stored its generated key first; read that one.
            return keys.cipher();
        }
    }

    @Produces
    @Singleton
    UrlPolicy urlPolicy(WebhookSettings settings) {
        return UrlPolicy.builder()
                .allowHttp(settings.allowHttp())
                .allowPrivateTargets(settings.allowPrivateTargets())
                .build();
    }

    /** The sender and its pool of connections to receivers, closed when the application stops. */
    @Produces
    @Singleton
    HttpClientSender sender(UrlPolicy policy, Clock clock) {
        return new HttpClientSender(policy, clock);
    }

    void closeSender(@Disposes HttpClientSender sender) {
        sender.close();
    }

    @Produces
    @Singleton
    Webhooks webhooks(JpaWebhookStore store, WebhookSettings settings, UrlPolicy policy, Clock clock,
            SecureRandom random, DeliveryWorker worker, EndpointDisabledNotifier notifier, HttpClientSender sender) {
        return settings.configure(Webhooks.builder(), random)
                .store(store)
                .sender(sender)
                .urlPolicy(policy)
                .clock(clock)
                .random(random)
                .listener(notifier)
                .executor(worker::send)
                .maxConcurrentSends(settings.concurrency())
                .build();
    }
}
