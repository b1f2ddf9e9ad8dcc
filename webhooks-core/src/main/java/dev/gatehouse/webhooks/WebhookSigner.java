package dev.gatehouse.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the {@code webhook-signature} header value of the Standard Webhooks specification:
 * for each secret, {@code v1,} followed by the base64 of HMAC-SHA256 over
 * {@code msgId + "." + timestampSeconds + "." + body}, the entries separated by single spaces.
 *
 * <p>Each thread keeps a small cache of initialised {@link Mac} instances keyed by secret. A
 * {@code Mac} returns to its initialised state after {@code doFinal}, so a cached instance signs
 * without provider lookup, key schedule or cloning; the message is fed in pieces so the body is
 * encoded once however many secrets sign it. The cache holds key material for the life of the
 * thread, which is no longer than the endpoint rows it came from are held in memory anyway.
 */
public final class WebhookSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] VERSION = "v1,".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    private static final int ENCODED_DIGEST_CHARS = 44;
    private static final int ENTRY_CHARS = VERSION.length + ENCODED_DIGEST_CHARS;
    private static final int MACS_PER_THREAD = 64;

    private static final ThreadLocal<MacCache> MACS = ThreadLocal.withInitial(MacCache::new);

    private WebhookSigner() {
    }

    /**
     * Signs one message with every given secret.
     *
     * @param msgId            the {@code webhook-id} header value
     * @param timestampSeconds the {@code webhook-timestamp} header value, seconds since the epoch
     * @param body             the exact request body
     * @param secrets          one or more secrets; each contributes one {@code v1,} entry, in order
     * @return the {@code webhook-signature} header value
     * @throws IllegalArgumentException when {@code secrets} is empty
     */
    public static String sign(String msgId, long timestampSeconds, String body, List<WebhookSecret> secrets) {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secrets, "secrets");
        int count = secrets.size();
        if (count == 0) {
            throw new IllegalArgumentException("at least one secret is required to sign");
        }
        byte[] prefix = (msgId + '.' + timestampSeconds + '.').getBytes(StandardCharsets.UTF_8);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        MacCache cache = MACS.get();
        byte[] header = new byte[count * ENTRY_CHARS + count - 1];
        int position = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                header[position++] = ' ';
            }
            Mac mac = cache.macFor(Objects.requireNonNull(secrets.get(i), "secret"));
            mac.update(prefix);
            mac.update(payload);
            try {
                mac.doFinal(cache.digest, 0);
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException("HMAC output buffer too small", impossible);
            }
            System.arraycopy(VERSION, 0, header, position, VERSION.length);
            position += VERSION.length;
            Base64.getEncoder().encode(cache.digest, cache.encoded);
            System.arraycopy(cache.encoded, 0, header, position, ENCODED_DIGEST_CHARS);
            position += ENCODED_DIGEST_CHARS;
        }
        return new String(header, StandardCharsets.ISO_8859_1);
    }

    /** Per-thread, bounded, least-recently-used map from secret to a ready {@code Mac}. */
    private static final class MacCache {

        final byte[] digest = new byte[DIGEST_BYTES];
        final byte[] encoded = new byte[ENCODED_DIGEST_CHARS];
        private final Map<WebhookSecret, Mac> macs = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<WebhookSecret, Mac> eldest) {
                return size() > MACS_PER_THREAD;
            }
        };
        private WebhookSecret lastSecret;
        private Mac lastMac;

        Mac macFor(WebhookSecret secret) {
            if (secret == lastSecret) {
                return lastMac;
            }
            Mac mac = macs.get(secret);
            if (mac == null) {
                mac = newMac(secret);
                macs.put(secret, mac);
            }
            lastSecret = secret;
            lastMac = mac;
            return mac;
        }

        private static Mac newMac(WebhookSecret secret) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(secret.keyUnsafe(), ALGORITHM));
                return mac;
            } catch (GeneralSecurityException missing) {
                throw new IllegalStateException("HmacSHA256 is not available in this JDK", missing);
            }
        }
    }
}
