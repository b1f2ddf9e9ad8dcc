package dev.gatehouse.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One signed request: the Standard Webhooks headers around a body, handed to the configured
 * {@link WebhookSender}. A sender that throws or answers nothing becomes a failed result, so a
 * broken sender never escapes into the delivery loop.
 */
final class SignedSender {

    private static final System.Logger LOG = System.getLogger(Webhooks.class.getName());

    private final WebhookSender sender;
    private final Duration attemptTimeout;

    SignedSender(WebhookSender sender, Duration attemptTimeout) {
        this.sender = sender;
        this.attemptTimeout = attemptTimeout;
    }

    SendResult send(Endpoint endpoint, String messageId, Instant at, String body) {
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = Map.of(
                "webhook-id", messageId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.sign(messageId, timestamp, body, endpoint.signingSecretsAt(at)),
                "content-type", "application/json");
        try {
            SendResult result = sender.send(new SendRequest(endpoint.url(), headers, body, attemptTimeout));
            return result != null ? result : SendResult.failed("Sender returned no result", 0);
        } catch (RuntimeException broken) {
            LOG.log(System.Logger.Level.WARNING, "Webhook sender threw instead of returning an error result", broken);
            return SendResult.failed("Sender failed", 0);
        }
    }
}
