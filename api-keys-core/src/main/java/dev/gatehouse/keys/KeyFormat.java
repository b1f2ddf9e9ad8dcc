package dev.gatehouse.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The key format {@code <prefix><24 base62 random><6 base62 checksum>}. The checksum is the CRC32 of
 * the UTF-8 bytes of prefix and random part, so a typo or a made-up value is rejected without
 * touching the store; CRC32 detects every single-character substitution.
 */
final class KeyFormat {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final int RANDOM_LENGTH = 24;
    static final int CHECKSUM_LENGTH = 6;
    static final int DISPLAY_PREFIX_LENGTH = 12;
    static final int MAX_PREFIX_LENGTH = 16;
    static final int MAX_KEY_LENGTH = MAX_PREFIX_LENGTH + RANDOM_LENGTH + CHECKSUM_LENGTH;
    static final Pattern PREFIX_SYNTAX = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*_");

    private static final int BASE = ALPHABET.length();
    // The largest multiple of 62 that fits a byte: bytes at or above it are drawn again (no modulo bias).
    private static final int ACCEPT_BELOW = (256 / BASE) * BASE;
    private static final byte[] DIGIT_VALUE = new byte[128];
    private static final KeyType[] TYPES = KeyType.values();

    static {
        java.util.Arrays.fill(DIGIT_VALUE, (byte) -1);
        for (int i = 0; i < BASE; i++) {
            DIGIT_VALUE[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private final String[] prefixes = new String[TYPES.length];

    KeyFormat(String rootPrefix, String workspacePrefix, String userPrefix) {
        prefixes[KeyType.ROOT.ordinal()] = rootPrefix;
        prefixes[KeyType.WORKSPACE.ordinal()] = workspacePrefix;
        prefixes[KeyType.USER.ordinal()] = userPrefix;
        for (int i = 0; i < prefixes.length; i++) {
            for (int j = 0; j < prefixes.length; j++) {
                if (i != j && prefixes[i].startsWith(prefixes[j])) {
                    throw new IllegalArgumentException("key prefix " + prefixes[i] + " (" + TYPES[i]
                        + ") must not start with key prefix " + prefixes[j] + " (" + TYPES[j] + ")");
                }
            }
        }
    }

    /** The format with the default prefixes of every key type. */
    static KeyFormat defaults() {
        return new KeyFormat(KeyType.ROOT.defaultPrefix(), KeyType.WORKSPACE.defaultPrefix(),
            KeyType.USER.defaultPrefix());
    }

    /** Checks a configured prefix; the message names the setting and the bad value. */
    static String checkPrefix(String setting, String prefix) {
        if (prefix == null) {
            throw new NullPointerException(setting + " must not be null");
        }
        if (prefix.length() > MAX_PREFIX_LENGTH || !PREFIX_SYNTAX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(setting + " must match " + PREFIX_SYNTAX.pattern()
                + " and be at most " + MAX_PREFIX_LENGTH + " characters, but was " + prefix);
        }
        return prefix;
    }

    String prefix(KeyType type) {
        return prefixes[type.ordinal()];
    }

    int length(KeyType type) {
        return prefix(type).length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    }

    /** Draws a new key of the given type. */
    String generate(KeyType type, SecureRandom random) {
        char[] randomPart = new char[RANDOM_LENGTH];
        byte[] buffer = new byte[32];
        int filled = 0;
        while (filled < RANDOM_LENGTH) {
            random.nextBytes(buffer);
            for (int i = 0; i < buffer.length && filled < RANDOM_LENGTH; i++) {
                int value = buffer[i] & 0xFF;
                if (value < ACCEPT_BELOW) {
                    randomPart[filled++] = ALPHABET.charAt(value % BASE);
                }
            }
        }
        String body = prefix(type) + new String(randomPart);
        return body + checksum(body);
    }

    /**
     * Returns the type if prefix, length and alphabet are right (checked in that order), else
     * {@code null}. The checksum is not checked here so the caller can reuse the key's bytes.
     */
    KeyType shapeOf(String presented) {
        if (presented == null) {
            return null;
        }
        for (KeyType type : TYPES) {
            String prefix = prefixes[type.ordinal()];
            if (presented.startsWith(prefix)) {
                if (presented.length() != prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH) {
                    return null;
                }
                for (int i = prefix.length(); i < presented.length(); i++) {
                    char c = presented.charAt(i);
                    if (c >= DIGIT_VALUE.length || DIGIT_VALUE[c] < 0) {
                        return null;
                    }
                }
                return type;
            }
        }
        return null;
    }

    /** The type of a fully well-formed key, or {@code null}. */
    KeyType typeOf(String presented) {
        return copyIfWellFormed(presented, new byte[MAX_KEY_LENGTH]);
    }

    /**
     * The full check, in the order of its cost: {@link #copyIfShaped} and then the CRC32 of the
     * copied bytes against the checksum. Returns the key's type, its bytes being
     * {@code into[0 .. presented.length())}, or {@code null} if the value is not a well-formed key.
     *
     * @param into at least {@link #MAX_KEY_LENGTH} bytes; may be overwritten even when the value is
     *     refused
     */
    KeyType copyIfWellFormed(String presented, byte[] into) {
        KeyType type = copyIfShaped(presented, into);
        return type != null && checksumMatches(into, presented.length()) ? type : null;
    }

    /**
     * The verification path's first check: prefix and length; base62 after the prefix, one pass over
     * the characters; then the characters are copied into {@code into} as bytes (a plain array copy,
     * exact now that they are known to be ASCII). The copy is what the caller hashes, so the key is
     * copied once and never encoded into a new array. The checksum is not checked: a value whose
     * hash is a cached key's hash is that key, so the verification path checks it only on a miss
     * ({@link #checksumMatches(String, byte[])}). Returns the type, or {@code null} if the value is not
     * shaped like a key.
     *
     * @param into at least {@link #MAX_KEY_LENGTH} bytes; may be overwritten even when the value is
     *     refused
     */
    KeyType copyIfShaped(String presented, byte[] into) {
        if (presented == null) {
            return null;
        }
        int length = presented.length();
        // Prefixes never start with one another, so at most one matches; checking the length first
        // is the same test as matching the prefix and then the length.
        for (int t = 0; t < TYPES.length; t++) {
            String prefix = prefixes[t];
            if (length == prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH && presented.startsWith(prefix)) {
                return isBase62Copied(presented, prefix.length(), into) ? TYPES[t] : null;
            }
        }
        return null;
    }

    // getBytes(int, int, byte[], int) keeps each char's low byte, which is exact only because every
    // char was checked first: U+0141 would otherwise pass as 'A' (0x41).
    @SuppressWarnings("deprecation")
    private static boolean isBase62Copied(String presented, int prefixLength, byte[] into) {
        int length = presented.length();
        for (int i = prefixLength; i < length; i++) {
            char c = presented.charAt(i);
            if (c >= DIGIT_VALUE.length || DIGIT_VALUE[c] < 0) {
                return false;
            }
        }
        presented.getBytes(0, length, into, 0);
        return true;
    }

    /**
     * The checksum of a value {@link #copyIfShaped} accepted, copied again into {@code buffer}
     * (whose start the hash has overwritten by now).
     */
    @SuppressWarnings("deprecation")
    static boolean checksumMatches(String shaped, byte[] buffer) {
        shaped.getBytes(0, shaped.length(), buffer, 0);
        return checksumMatches(buffer, shaped.length());
    }

    private static boolean checksumMatches(byte[] key, int length) {
        int bodyLength = length - CHECKSUM_LENGTH;
        long checksum = 0;
        for (int i = bodyLength; i < length; i++) {
            checksum = checksum * BASE + DIGIT_VALUE[key[i]];
        }
        CRC32 crc = new CRC32();
        crc.update(key, 0, bodyLength);
        return checksum == crc.getValue();
    }

    /** Why a presented value is not a key, without ever repeating the value; null if it is one. */
    String problemWith(String presented) {
        if (presented == null) {
            return "no key was given";
        }
        KeyType matched = null;
        for (KeyType type : TYPES) {
            if (presented.startsWith(prefix(type))) {
                matched = type;
            }
        }
        if (matched == null) {
            return "the key does not start with a known prefix";
        }
        if (presented.length() != length(matched)) {
            return "the key does not have the expected length of " + length(matched) + " characters";
        }
        if (shapeOf(presented) == null) {
            return "the key contains characters outside 0-9, A-Z and a-z after its prefix";
        }
        if (!checksumMatches(presented.getBytes(StandardCharsets.UTF_8))) {
            return "the key's checksum does not match";
        }
        return null;
    }

    /** Compares the last six characters of an ASCII key with the CRC32 of everything before them. */
    static boolean checksumMatches(byte[] key) {
        int bodyLength = key.length - CHECKSUM_LENGTH;
        if (bodyLength < 0) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(key, 0, bodyLength);
        // Six base62 digits cover 0..62^6-1, more than 2^32, so decoding is a bijection on the checksums.
        long presented = 0;
        for (int i = bodyLength; i < key.length; i++) {
            int b = key[i];
            int digit = b >= 0 && b < DIGIT_VALUE.length ? DIGIT_VALUE[b] : -1;
            if (digit < 0) {
                return false;
            }
            presented = presented * BASE + digit;
        }
        return presented == crc.getValue();
    }

    /** The six-character base62 checksum of a key body, left-padded with {@code 0}. */
    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % BASE));
            value /= BASE;
        }
        return new String(digits);
    }

    /** The first twelve characters (at most) of a key, safe to show and log. */
    static String displayPrefix(String key) {
        return key.length() <= DISPLAY_PREFIX_LENGTH ? key : key.substring(0, DISPLAY_PREFIX_LENGTH);
    }
}
