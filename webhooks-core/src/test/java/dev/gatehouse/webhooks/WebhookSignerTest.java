package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String SPEC_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void sign_specExample_matchesKnownAnswer() {
        assertThat(WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(SPEC_SECRET)))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void sign_specExampleRepeatedOnOneThread_matchesKnownAnswerEachTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(SPEC_SECRET)))
                    .isEqualTo(SPEC_SIGNATURE);
        }
    }

    @Test
    void sign_equalButDistinctSecretInstance_matchesKnownAnswer() {
        WebhookSecret copy = new WebhookSecret(SPEC_SECRET.key());

        assertThat(WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(copy))).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void sign_twoSecrets_listsOneEntryPerSecretInOrder() {
        WebhookSecret other = WebhookSecret.generate(new SecureRandom());

        String header = WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(SPEC_SECRET, other));

        String[] entries = header.split(" ");
        assertThat(entries).hasSize(2);
        assertThat(entries[0]).isEqualTo(SPEC_SIGNATURE);
        assertThat(entries[1]).isEqualTo(WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(other)));
    }

    @Test
    void sign_randomPayloads_matchReferenceLibrary() throws Exception {
        SplittableRandom random = new SplittableRandom(20_260_115);
        SecureRandom keys = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            WebhookSecret secret = WebhookSecret.generate(keys);
            String msgId = "evt_" + randomText(random, 1 + random.nextInt(30), false);
            long timestamp = random.nextLong(0, 4_000_000_000L);
            String body = randomText(random, random.nextInt(2000), true);

            String ours = WebhookSigner.sign(msgId, timestamp, body, List.of(secret));

            assertThat(ours).isEqualTo(new Webhook(secret.encoded()).sign(msgId, timestamp, body));
        }
    }

    @Test
    void sign_randomPayloads_verifyWithReferenceLibrary() {
        SplittableRandom random = new SplittableRandom(42);
        SecureRandom keys = new SecureRandom();
        long now = Instant.now().getEpochSecond(); // the reference verifier checks against the wall clock
        for (int i = 0; i < 50; i++) {
            WebhookSecret secret = WebhookSecret.generate(keys);
            String msgId = "evt_" + randomText(random, 24, false);
            String body = randomText(random, random.nextInt(5000), true);
            String signature = WebhookSigner.sign(msgId, now, body, List.of(secret));

            assertThatCode(() -> new Webhook(secret.encoded()).verify(body, headers(msgId, now, signature)))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void sign_twoSecrets_verifiesWithEitherAndNotWithAThird() {
        SecureRandom keys = new SecureRandom();
        WebhookSecret current = WebhookSecret.generate(keys);
        WebhookSecret previous = WebhookSecret.generate(keys);
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"post.created\",\"data\":{}}";
        String signature = WebhookSigner.sign("evt_1", now, body, List.of(current, previous));

        assertThatCode(() -> new Webhook(current.encoded()).verify(body, headers("evt_1", now, signature)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(previous.encoded()).verify(body, headers("evt_1", now, signature)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(WebhookSecret.generate(keys).encoded())
                .verify(body, headers("evt_1", now, signature)))
                .hasMessageContaining("No matching signature");
    }

    @Test
    void sign_bodyChangedByOneCharacter_changesSignature() {
        String changed = SPEC_BODY.replace('4', '5');

        assertThat(WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, changed, List.of(SPEC_SECRET)))
                .isNotEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void sign_noSecrets_isRejected() {
        assertThatThrownBy(() -> WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sign_manySecretsOnOneThread_evictsCacheAndStaysCorrect() throws Exception {
        SecureRandom keys = new SecureRandom();
        for (int i = 0; i < 150; i++) {
            WebhookSecret secret = WebhookSecret.generate(keys);
            assertThat(WebhookSigner.sign("evt_x", 1, "{}", List.of(secret)))
                    .isEqualTo(new Webhook(secret.encoded()).sign("evt_x", 1, "{}"));
        }
        assertThat(WebhookSigner.sign(SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(SPEC_SECRET)))
                .isEqualTo(SPEC_SIGNATURE);
    }

    static Map<String, List<String>> headers(String msgId, long timestamp, String signature) {
        return Map.of(
                "webhook-id", List.of(msgId),
                "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    private static String randomText(SplittableRandom random, int length, boolean unicode) {
        String ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
        String extra = "{}[]\":,. \n\t\\/éü✓€😀中";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            if (unicode && random.nextInt(4) == 0) {
                text.appendCodePoint(extra.codePointAt(extra.offsetByCodePoints(0,
                        random.nextInt(extra.codePointCount(0, extra.length())))));
            } else {
                text.append(ascii.charAt(random.nextInt(ascii.length())));
            }
        }
        return text.toString();
    }
}
