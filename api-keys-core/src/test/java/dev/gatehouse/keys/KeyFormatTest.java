package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFormatTest {

    // Known answers computed independently (Python: zlib.crc32, hashlib.sha256) from the same rules.
    private static final String KNOWN_KEY = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";
    private static final String KNOWN_KEY_SHA256 = "65b431f406ba9b6cf768bd64ef3e7daa384611814b9680b6abf1e0cf5c519d34";

    private final KeyFormat format = KeyFormat.defaults();
    private final ApiKeys keys = ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { }).build();

    @Test
    void generate_fixedRandomBytes_producesKnownKey() {
        FixedBytesRandom random = new FixedBytesRandom(IntStream.range(0, 32).toArray());

        assertThat(format.generate(KeyType.WORKSPACE, random)).isEqualTo(KNOWN_KEY);
    }

    @Test
    void generate_bytesFrom248Up_areDrawnAgainNotFolded() {
        // 255, 248 and 249 are rejected; 247, 123 and 185 all map to 'z' (61), 0/62/124/186 to '0'.
        FixedBytesRandom random = new FixedBytesRandom(255, 248, 247, 0, 62, 124, 186, 61, 123, 185, 249,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);

        assertThat(format.generate(KeyType.ROOT, random)).isEqualTo("gh_root_z0000zzz123456789ABCDEFG1XLzso");
    }

    @Test
    void generate_onlyRejectedBytesInFirstBatch_drawsAnotherBatch() {
        int[] bytes = new int[64];
        java.util.Arrays.fill(bytes, 0, 32, 250);
        for (int i = 32; i < 64; i++) {
            bytes[i] = i - 32;
        }
        FixedBytesRandom random = new FixedBytesRandom(bytes);

        assertThat(format.generate(KeyType.WORKSPACE, random)).isEqualTo(KNOWN_KEY);
        assertThat(random.consumed()).isEqualTo(64);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
          "''                                          | 000000",
          "a                                           | 4GEHKN",
          "sk_live_0123456789ABCDEFGHIJKLMN            | 1aOiQt",
          "gh_root_AAAAAAAAAAAAAAAAAAAAAAAA            | 2um2Sq",
          "The quick brown fox jumps over the lazy dog | 1C9bYH",
    })
    void checksum_fixedString_matchesKnownValue(String body, String expected) {
        assertThat(KeyFormat.checksum(body)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
          "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt, 65b431f406ba9b6cf768bd64ef3e7daa384611814b9680b6abf1e0cf5c519d34",
          "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    })
    void sha256Hex_fixedKey_matchesKnownDigest(String key, String expected) {
        assertThat(ApiKeys.sha256Hex(key)).isEqualTo(expected);
    }

    @Test
    void sha256Hex_knownKey_isLowercaseHex() {
        assertThat(ApiKeys.sha256Hex(KNOWN_KEY)).isEqualTo(KNOWN_KEY_SHA256).matches("[0-9a-f]{64}");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void typeOf_generatedKey_isItsType(KeyType type) {
        String key = format.generate(type, new SecureRandom());

        assertThat(format.typeOf(key)).isEqualTo(type);
        assertThat(key).startsWith(type.defaultPrefix()).hasSize(type.defaultPrefix().length() + 30);
        assertThat(key.substring(type.defaultPrefix().length())).matches("[0-9A-Za-z]{30}");
    }

    @Test
    void isWellFormed_everySingleCharacterSubstitution_isRejected() {
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (int position = 0; position < KNOWN_KEY.length(); position++) {
            for (char c : KeyFormat.ALPHABET.toCharArray()) {
                if (c == KNOWN_KEY.charAt(position)) {
                    continue;
                }
                String mutated = KNOWN_KEY.substring(0, position) + c + KNOWN_KEY.substring(position + 1);
                tried++;
                if (keys.isWellFormed(mutated)) {
                    accepted.add(mutated);
                }
            }
        }

        assertThat(keys.isWellFormed(KNOWN_KEY)).isTrue();
        assertThat(tried).isEqualTo(expectedSubstitutions());
        assertThat(accepted).isEmpty();
    }

    @Test
    void isWellFormed_everySingleCharacterSubstitutionOfRandomKeys_isRejected() {
        SecureRandom random = new SecureRandom();
        for (KeyType type : KeyType.values()) {
            String key = format.generate(type, random);
            for (int position = type.defaultPrefix().length(); position < key.length(); position++) {
                for (char c : KeyFormat.ALPHABET.toCharArray()) {
                    if (c != key.charAt(position)) {
                        String mutated = key.substring(0, position) + c + key.substring(position + 1);
                        assertThat(format.typeOf(mutated)).as("substitution at %d", position).isNull();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
          "sk_live_",                                    // prefix only
          "sk_test_0123456789ABCDEFGHIJKLMN1aOiQt",      // unknown prefix
          "SK_LIVE_0123456789ABCDEFGHIJKLMN1aOiQt",      // prefix is case-sensitive
          "sk_live_0123456789ABCDEFGHIJKLMN1aOiQ",       // one character short
          "sk_live_0123456789ABCDEFGHIJKLMN1aOiQtt",     // one character long
          "sk_live_0123456789ABCDEFGHIJK-MN1aOiQt",      // not base62
          "sk_live_0123456789ABCDEFGHIJKLMN1aOiQ\u00e9", // not ASCII
          "sk_live_0123456789ABCDEFGHIJKLMN000000",      // wrong checksum
          " sk_live_0123456789ABCDEFGHIJKLMN1aOiQt",     // surrounding whitespace
          "Bearer sk_live_0123456789ABCDEFGHIJKLMN1aOiQt",
          "gh_root_0123456789ABCDEFGHIJKLMN1aOiQt",      // checksum of another prefix
    })
    void isWellFormed_malformedValue_isFalse(String presented) {
        assertThat(keys.isWellFormed(presented)).isFalse();
    }

    // A copy that keeps only each char's low byte would read U+0141 as 'A' (0x41) and U+0151 as 'Q'
    // (0x51), hash the original key's bytes and accept a value that is not the key.
    @ParameterizedTest
    @CsvSource({"18, \u0141", "36, \u0151", "3, \u016c"})
    void isWellFormed_charWhoseLowByteIsTheOriginal_isRejected(int position, char impostor) {
        assertThat((byte) impostor).isEqualTo((byte) KNOWN_KEY.charAt(position));
        String mutated = KNOWN_KEY.substring(0, position) + impostor + KNOWN_KEY.substring(position + 1);

        assertThat(keys.isWellFormed(mutated)).isFalse();
        assertThat(keys.verify(mutated).code()).isEqualTo(Verification.Code.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void copyIfWellFormed_wellFormedKey_copiesItsAsciiBytesAfterWhateverWasThere(KeyType type) {
        String key = format.generate(type, new SecureRandom());
        byte[] buffer = new byte[KeyFormat.MAX_KEY_LENGTH + 4];
        java.util.Arrays.fill(buffer, (byte) '?');

        assertThat(format.copyIfWellFormed(key, buffer)).isEqualTo(type);
        assertThat(java.util.Arrays.copyOf(buffer, key.length()))
            .isEqualTo(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void copyIfWellFormed_longestCustomPrefix_fitsTheBuffer() {
        String prefix = "abcdefghijklmno_";
        KeyFormat custom = new KeyFormat("gh_root_", prefix, "sk_user_");
        String key = custom.generate(KeyType.WORKSPACE, new SecureRandom());

        assertThat(prefix).hasSize(KeyFormat.MAX_PREFIX_LENGTH);
        assertThat(key).hasSize(KeyFormat.MAX_KEY_LENGTH);
        assertThat(custom.copyIfWellFormed(key, new byte[KeyFormat.MAX_KEY_LENGTH])).isEqualTo(KeyType.WORKSPACE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
          "sk_test_0123456789ABCDEFGHIJKLMN1aOiQt  | does not start with a known prefix",
          "sk_live_0123456789ABCDEFGHIJKLMN1aOiQ   | expected length of 38",
          "sk_live_0123456789ABCDEFGHIJK-MN1aOiQt  | outside 0-9, A-Z and a-z",
          "sk_live_0123456789ABCDEFGHIJKLMN000000  | checksum does not match",
    })
    void typeOf_malformedValue_explainsWithoutEchoingIt(String presented, String reason) {
        assertThatThrownBy(() -> keys.typeOf(presented))
            .isInstanceOf(MalformedKeyException.class)
            .hasMessageContaining(reason)
            .message().doesNotContain(presented.substring(8));
    }

    @ParameterizedTest
    @CsvSource({
          "gh_root_0123456789ABCDEFGHIJKLMN, ROOT",
          "sk_live_0123456789ABCDEFGHIJKLMN, WORKSPACE",
          "sk_user_0123456789ABCDEFGHIJKLMN, USER",
    })
    void typeOf_wellFormedKey_readsTypeFromPrefix(String body, KeyType expected) {
        assertThat(keys.typeOf(body + KeyFormat.checksum(body))).isEqualTo(expected);
    }

    @Test
    void typeOf_customPrefixes_areRecognisedAndDefaultsAreNot() {
        KeyFormat custom = new KeyFormat("gh_root_", "acme_live_", "acme_user_");
        String body = "acme_live_0123456789ABCDEFGHIJKLMN";

        assertThat(custom.typeOf(body + KeyFormat.checksum(body))).isEqualTo(KeyType.WORKSPACE);
        assertThat(custom.typeOf(KNOWN_KEY)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
          "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt, sk_live_0123",
          "gh_root_AAAAAAAAAAAAAAAAAAAAAAAA2um2Sq, gh_root_AAAA",
          "short, short",
    })
    void displayPrefix_key_isFirstTwelveCharacters(String key, String expected) {
        assertThat(ApiKeys.displayPrefix(key)).isEqualTo(expected);
    }

    // Prefix positions hold '_', which is not in the alphabet, so all 62 characters differ there.
    private static int expectedSubstitutions() {
        int total = 0;
        for (char original : KNOWN_KEY.toCharArray()) {
            total += KeyFormat.ALPHABET.indexOf(original) >= 0 ? 61 : 62;
        }
        return total;
    }
}
