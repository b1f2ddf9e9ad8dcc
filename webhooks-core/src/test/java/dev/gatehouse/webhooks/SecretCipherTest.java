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
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PLAINTEXT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey(RANDOM), RANDOM);

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {PLAINTEXT, "", "ü✓😀 multi-byte", "a"})
    void decrypt_ofEncrypt_returnsThePlaintext(String plaintext) {
        assertThat(cipher.decrypt(cipher.encrypt(plaintext))).isEqualTo(plaintext);
    }

    @Test
    void encrypt_sameTextTwice_differsBecauseOfTheRandomIv() {
        assertThat(cipher.encrypt(PLAINTEXT)).isNotEqualTo(cipher.encrypt(PLAINTEXT));
    }

    @Test
    void encrypt_secret_neverContainsThePlaintextOrItsBase64() {
        String sealed = cipher.encrypt(PLAINTEXT);

        assertThat(sealed).startsWith("v1:")
                .doesNotContain(PLAINTEXT)
                .doesNotContain(PLAINTEXT.substring(6))
                .doesNotContain(Base64.getEncoder().encodeToString(PLAINTEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        assertThat(raw).hasSize(12 + PLAINTEXT.length() + 16);
    }

    @Test
    void decrypt_anyFlippedByte_isDetected() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(PLAINTEXT).substring(3));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String text = "v1:" + Base64.getEncoder().encodeToString(tampered);

            assertThatThrownBy(() -> cipher.decrypt(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void decrypt_withAnotherKey_fails() {
        SecretCipher other = SecretCipher.fromBase64Key(SecretCipher.generateKey(RANDOM), RANDOM);

        assertThatThrownBy(() -> other.decrypt(cipher.encrypt(PLAINTEXT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another key");
    }

    static Stream<Arguments> malformedCiphertexts() {
        return Stream.of(
                Arguments.of("no prefix", "AAAA"),
                Arguments.of("other version", "v2:AAAA"),
                Arguments.of("not base64", "v1:***"),
                Arguments.of("too short", "v1:" + Base64.getEncoder().encodeToString(new byte[27])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCiphertexts")
    void decrypt_malformed_isRejected(String name, String text) {
        assertThatThrownBy(() -> cipher.decrypt(text)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> badKeys() {
        return Stream.of(
                Arguments.of("16 bytes", Base64.getEncoder().encodeToString(new byte[16])),
                Arguments.of("31 bytes", Base64.getEncoder().encodeToString(new byte[31])),
                Arguments.of("33 bytes", Base64.getEncoder().encodeToString(new byte[33])),
                Arguments.of("not base64", "this-is-not-base64!!"),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void fromBase64Key_wrongKey_throwsValidationWithoutEchoingIt(String name, String key) {
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(key))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).containsOnlyKeys("key");
                    if (!key.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(key);
                    }
                });
    }

    @Test
    void generateKey_random_isTheBase64OfThirtyTwoBytes() {
        assertThat(Base64.getDecoder().decode(SecretCipher.generateKey(RANDOM))).hasSize(32);
    }

    @Test
    void toString_never_showsTheKey() {
        String key = SecretCipher.generateKey(RANDOM);

        assertThat(SecretCipher.fromBase64Key(key).toString()).doesNotContain(key);
    }
}
