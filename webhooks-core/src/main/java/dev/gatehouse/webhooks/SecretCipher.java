package dev.gatehouse.webhooks;

import dev.gatehouse.errors.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (endpoint signing secrets, idempotency data) with AES-256-GCM.
 *
 * <p>The text form is {@code v1:} followed by the base64 of a random 12-byte IV, the ciphertext
 * and the 16-byte authentication tag. A fresh IV per message keeps equal secrets from looking equal
 * in the database; the tag makes any change to the stored text, or a wrong key, fail decryption
 * instead of yielding garbage. The version prefix leaves room to change algorithm or key later.
 */
public final class SecretCipher {

    /** Prefix of the text form. */
    public static final String VERSION_PREFIX = "v1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretCipher(byte[] keyBytes, SecureRandom random) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.random = random;
    }

    /**
     * Makes a cipher from a base64 key, drawing IVs from a new {@link SecureRandom}.
     *
     * @param base64Key the base64 of exactly 32 bytes
     * @return the cipher
     * @throws ValidationException on field {@code key} when the key is not 32 base64-encoded bytes;
     *                             the message never contains the key
     */
    public static SecretCipher fromBase64Key(String base64Key) {
        return fromBase64Key(base64Key, new SecureRandom());
    }

    /**
     * Makes a cipher from a base64 key.
     *
     * @param base64Key the base64 of exactly 32 bytes
     * @param random    where IVs come from
     * @return the cipher
     * @throws ValidationException on field {@code key} when the key is not 32 base64-encoded bytes;
     *                             the message never contains the key
     */
    public static SecretCipher fromBase64Key(String base64Key, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(Objects.requireNonNull(base64Key, "base64Key").trim());
        } catch (IllegalArgumentException notBase64) {
            throw new ValidationException("key", "must be the base64 of " + KEY_BYTES + " bytes");
        }
        try {
            if (keyBytes.length != KEY_BYTES) {
                throw new ValidationException("key", "must be the base64 of " + KEY_BYTES + " bytes");
            }
            return new SecretCipher(keyBytes, random);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    /**
     * Makes a new random key in the form {@link #fromBase64Key(String)} accepts.
     *
     * @param random the source of randomness
     * @return the base64 of 32 random bytes
     */
    public static String generateKey(SecureRandom random) {
        byte[] keyBytes = new byte[KEY_BYTES];
        Objects.requireNonNull(random, "random").nextBytes(keyBytes);
        try {
            return Base64.getEncoder().encodeToString(keyBytes);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    /**
     * Encrypts text.
     *
     * @param plaintext the text to protect
     * @return {@code v1:<base64(iv | ciphertext | tag)>}
     */
    public String encrypt(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
            return VERSION_PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", unavailable);
        }
    }

    /**
     * Decrypts text made by {@link #encrypt(String)} with the same key.
     *
     * @param ciphertext the {@code v1:} text
     * @return the plaintext
     * @throws IllegalArgumentException when the text is malformed, was changed, or was encrypted
     *                                  with another key
     */
    public String decrypt(String ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (!ciphertext.startsWith(VERSION_PREFIX)) {
            throw new IllegalArgumentException("ciphertext does not start with " + VERSION_PREFIX);
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(ciphertext.substring(VERSION_PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("ciphertext is not valid base64", notBase64);
        }
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("ciphertext is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException tampered) {
            throw new IllegalArgumentException("ciphertext was altered or encrypted with another key", tampered);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", unavailable);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key redacted]";
    }
}
