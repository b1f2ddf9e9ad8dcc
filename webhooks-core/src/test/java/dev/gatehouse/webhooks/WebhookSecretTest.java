package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookSecretTest {

    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void parse_specExample_roundTripsThroughEncoded() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

        assertThat(secret.encoded()).isEqualTo(SPEC_SECRET);
        assertThat(secret.key()).hasSize(24);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("prefix only", "whsec_"),
                Arguments.of("missing prefix", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Arguments.of("wrong prefix", "whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Arguments.of("not base64", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa$$"),
                Arguments.of("23 bytes", "whsec_" + base64(23)),
                Arguments.of("65 bytes", "whsec_" + base64(65)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parse_malformed_throwsValidationOnSecretWithoutEchoingIt(String name, String text) {
        assertThatThrownBy(() -> WebhookSecret.parse(text))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).containsOnlyKeys("secret");
                    if (text != null && text.length() > 6) {
                        assertThat(e.getMessage()).doesNotContain(text.substring(6));
                    }
                });
    }

    @ParameterizedTest(name = "{0} bytes")
    @org.junit.jupiter.params.provider.ValueSource(ints = {24, 32, 64})
    void parse_boundaryLengths_areAccepted(int length) {
        assertThat(WebhookSecret.parse("whsec_" + base64(length)).key()).hasSize(length);
    }

    @Test
    void generate_random_makes24BytesThatParseBack() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());

        assertThat(secret.key()).hasSize(24);
        assertThat(secret.encoded()).startsWith("whsec_");
        assertThat(WebhookSecret.parse(secret.encoded())).isEqualTo(secret);
    }

    @Test
    void generate_twice_differs() {
        SecureRandom random = new SecureRandom();

        assertThat(WebhookSecret.generate(random)).isNotEqualTo(WebhookSecret.generate(random));
    }

    @Test
    void equals_sameContent_isEqualWithSameHashCode() {
        WebhookSecret first = WebhookSecret.parse(SPEC_SECRET);
        WebhookSecret second = new WebhookSecret(first.key());

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void key_mutatingTheReturnedArray_doesNotChangeTheSecret() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

        secret.key()[0] ^= 1;

        assertThat(secret.encoded()).isEqualTo(SPEC_SECRET);
    }

    @Test
    void constructor_mutatingTheGivenArray_doesNotChangeTheSecret() {
        byte[] bytes = new byte[24];
        WebhookSecret secret = new WebhookSecret(bytes);

        bytes[0] = 1;

        assertThat(secret.key()[0]).isZero();
    }

    @Test
    void toString_never_containsTheKey() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

        assertThat(secret.toString()).doesNotContain(SPEC_SECRET.substring(6)).contains("redacted");
    }

    private static String base64(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return Base64.getEncoder().encodeToString(key);
    }
}
