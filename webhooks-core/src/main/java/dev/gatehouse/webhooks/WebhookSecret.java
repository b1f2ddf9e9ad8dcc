package dev.gatehouse.webhooks;

import dev.gatehouse.errors.ValidationException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing key in the Standard Webhooks format: the text form is {@code whsec_}
 * followed by the base64 of 24 to 64 random bytes.
 *
 * <p>The key array is copied on the way in and on the way out, so a caller can neither change
 * nor keep a live view of it. Equality compares content in constant time, and {@link #toString()}
 * never shows the key.
 *
 * @param key the raw HMAC key, 24 to 64 bytes
 */
public record WebhookSecret(byte[] key) {

    /** Text prefix of an encoded secret. */
    public static final String PREFIX = "whsec_";

    /** Smallest accepted key length in bytes. */
    public static final int MIN_BYTES = 24;

    /** Largest accepted key length in bytes. */
    public static final int MAX_BYTES = 64;

    /** Length of a key made by {@link #generate(SecureRandom)}. */
    static final int GENERATED_BYTES = 24;

    private static final String RULE =
            "must be " + PREFIX + " followed by the base64 of " + MIN_BYTES + " to " + MAX_BYTES + " bytes";

    /**
     * Checks the length and keeps a private copy of the key.
     *
     * @param key the raw HMAC key, 24 to 64 bytes
     * @throws ValidationException on field {@code secret} when the length is out of range
     */
    public WebhookSecret {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new ValidationException("secret", RULE);
        }
        key = key.clone();
    }

    /**
     * Parses the text form {@code whsec_<base64>}.
     *
     * @param whsec the encoded secret
     * @return the secret
     * @throws ValidationException on field {@code secret} when the text is not a valid secret;
     *                             the message does not repeat the input
     */
    public static WebhookSecret parse(String whsec) {
        if (whsec == null || !whsec.startsWith(PREFIX)) {
            throw new ValidationException("secret", RULE);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(whsec.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new ValidationException("secret", RULE);
        }
        try {
            return new WebhookSecret(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /**
     * Makes a new secret of 24 random bytes.
     *
     * @param random the source of randomness
     * @return a fresh secret
     */
    public static WebhookSecret generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return new WebhookSecret(bytes);
    }

    /**
     * Returns a copy of the raw key.
     *
     * @return the key bytes
     */
    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The key itself, for signing inside this package without a copy; never hand it out. */
    byte[] keyUnsafe() {
        return key;
    }

    /**
     * Returns the text form {@code whsec_<base64>}, suitable for showing to the endpoint's owner
     * once and for verifier libraries.
     *
     * @return the encoded secret
     */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Compares key content in constant time.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a secret with the same key
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /**
     * Returns a redacted description that shows only the key length.
     *
     * @return {@code WebhookSecret[redacted, N bytes]}
     */
    @Override
    public String toString() {
        return "WebhookSecret[redacted, " + key.length + " bytes]";
    }
}
