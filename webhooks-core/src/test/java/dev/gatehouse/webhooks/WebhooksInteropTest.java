package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deliveries produced by {@link Webhooks#deliverDue(int)} verify with the Standard Webhooks
 * reference library. That library checks the timestamp against the wall clock, so these tests
 * start the test clock at the real current time.
 */
class WebhooksInteropTest extends WebhooksTestSupport {

    @Override
    Instant startInstant() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void deliverDue_delivery_verifiesWithTheReferenceLibrary() {
        CreatedEndpoint created = createEndpoint("post.*");
        webhooks.publish(WORKSPACE, "post.created", "{\"title\":\"Grüße ✓\",\"n\":[1,2]}", null);

        webhooks.deliverDue(10);

        SendRequest request = sender.last();
        assertThatCode(() -> new Webhook(created.secret()).verify(request.body(), multimap(request.headers())))
                .doesNotThrowAnyException();
    }

    @Test
    void deliverDue_duringRotationOverlap_verifiesWithTheOldAndTheNewSecret() {
        CreatedEndpoint created = createEndpoint("*");
        RotatedSecret rotated = webhooks.rotateSecret(WORKSPACE, created.endpoint().id());
        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        webhooks.deliverDue(10);

        SendRequest request = sender.last();
        assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(created.secret()).verify(request.body(), multimap(request.headers())))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(rotated.secret()).verify(request.body(), multimap(request.headers())))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(WebhookSecret.generate(new java.security.SecureRandom()).encoded())
                .verify(request.body(), multimap(request.headers())))
                .hasMessageContaining("No matching signature");
    }

    @Test
    void deliverDue_afterRotationOverlap_signsWithTheNewSecretOnly() {
        CreatedEndpoint created = createEndpoint("*");
        RotatedSecret rotated = webhooks.rotateSecret(WORKSPACE, created.endpoint().id());
        advance(Duration.ofHours(24));
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_late");

        webhooks.deliverDue(10);

        SendRequest request = sender.last();
        long timestamp = clock.instant().getEpochSecond();
        assertThat(request.headers().get("webhook-signature")).isEqualTo(WebhookSigner.sign("evt_late", timestamp,
                request.body(), List.of(WebhookSecret.parse(rotated.secret()))));
    }
}
