package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {

    // Python: hashlib.sha256(b"sk_live_0123456789ABCDEFGHIJKLMN1aOiQt").hexdigest()
    private static final String KEY = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";
    private static final String KEY_SHA256 = "65b431f406ba9b6cf768bd64ef3e7daa384611814b9680b6abf1e0cf5c519d34";

    @Test
    void ofBuffer_keyBytes_isTheKnownDigestAndEqualsOfString() {
        byte[] buffer = Digest.keyBuffer();
        byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(key, 0, buffer, 0, key.length);

        Digest digest = Digest.ofBuffer(buffer, key.length);

        assertThat(digest.hex()).isEqualTo(KEY_SHA256);
        assertThat(digest).isEqualTo(Digest.of(KEY)).hasSameHashCodeAs(Digest.of(KEY));
    }

    @Test
    void ofBuffer_twiceOnOneThread_givesTheSameDigest() {
        byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(key, 0, Digest.keyBuffer(), 0, key.length);
        Digest first = Digest.ofBuffer(Digest.keyBuffer(), key.length);
        System.arraycopy(key, 0, Digest.keyBuffer(), 0, key.length);

        assertThat(Digest.ofBuffer(Digest.keyBuffer(), key.length)).isEqualTo(first);
    }

    @Test
    void hashCode_isTheFirstFourBytes() {
        assertThat(Digest.of(KEY).hashCode()).isEqualTo(0x65b431f4);
    }

    @Test
    void matchesHex_anyOneHexDigitChanged_isFalse() {
        Digest digest = Digest.of(KEY);
        for (int i = 0; i < KEY_SHA256.length(); i++) {
            char changed = KEY_SHA256.charAt(i) == '0' ? '1' : '0';
            String other = KEY_SHA256.substring(0, i) + changed + KEY_SHA256.substring(i + 1);

            assertThat(digest.matchesHex(other)).as("digit %d changed", i).isFalse();
        }
        assertThat(digest.matchesHex(KEY_SHA256)).isTrue();
    }

    @Test
    void matchesHex_uppercase_isTrue() {
        assertThat(Digest.of(KEY).matchesHex(KEY_SHA256.toUpperCase(Locale.ROOT))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "65b431f4", "65b431f406ba9b6cf768bd64ef3e7daa384611814b9680b6abf1e0cf5c519d",
          "65b431f406ba9b6cf768bd64ef3e7daa384611814b9680b6abf1e0cf5c519d3400"})
    void matchesHex_notThirtyTwoBytes_isFalse(String hex) {
        assertThat(Digest.of(KEY).matchesHex(hex)).isFalse();
    }

    @Test
    void equals_digestsOfDifferentValues_areNotEqual() {
        assertThat(Digest.of(KEY)).isNotEqualTo(Digest.of(KEY + "x")).isNotEqualTo(KEY_SHA256);
    }
}
