package dev.gatehouse.keys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest used as a cache key. Keys are looked up by digest, never by the raw key, so a
 * map lookup cannot leak a secret through timing.
 *
 * <p>The 32 bytes are held as four big-endian longs, and {@link #equals} ORs their XORs and tests
 * the result once: constant time like {@link MessageDigest#isEqual} (no early exit, no branch on
 * the data), but a few nanoseconds where {@code isEqual}'s byte loop took about 30 on the project
 * machine, on the path where the cache compares a digest at every hit. Other comparisons of
 * secrets keep {@code MessageDigest.isEqual}.
 */
final class Digest {

    static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int BUFFER_LENGTH = Math.max(KeyFormat.MAX_KEY_LENGTH, LENGTH);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digest::newSha256);
    // Thread-local values are JDK types only: an application class held by a server's pooled
    // threads would keep this class loader alive after an undeploy.
    private static final ThreadLocal<byte[]> KEY_BUFFER = ThreadLocal.withInitial(() -> new byte[BUFFER_LENGTH]);

    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private Digest(byte[] sha256) {
        this.w0 = (long) LONGS.get(sha256, 0);
        this.w1 = (long) LONGS.get(sha256, 8);
        this.w2 = (long) LONGS.get(sha256, 16);
        this.w3 = (long) LONGS.get(sha256, 24);
    }

    /**
     * This thread's buffer for a presented key's bytes, at least {@link KeyFormat#MAX_KEY_LENGTH}
     * long, so that verification copies the key's characters once and hashes them from there. Past
     * the digest it keeps the tail of the last value until the next call, as the garbage array it
     * replaces kept all of it until collected.
     */
    static byte[] keyBuffer() {
        return KEY_BUFFER.get();
    }

    /**
     * Hashes {@code buffer[0 .. length)} with this thread's engine; the digest then overwrites the
     * buffer's first 32 bytes, so that nothing but the returned object is allocated.
     */
    static Digest ofBuffer(byte[] buffer, int length) {
        MessageDigest sha256 = SHA256.get();
        sha256.update(buffer, 0, length);
        try {
            sha256.digest(buffer, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("a buffer of " + buffer.length + " bytes holds a SHA-256", e);
        }
        return new Digest(buffer);
    }

    static Digest of(String value) {
        return new Digest(SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(String value) {
        return of(value).hex();
    }

    /**
     * Whether a stored lowercase or uppercase hex SHA-256 is this digest, compared in constant time;
     * false for hex of any length but 64 digits.
     *
     * @throws IllegalArgumentException if the value has an odd length or a non-hex character
     */
    boolean matchesHex(String hex) {
        byte[] stored = HEX.parseHex(hex);
        return stored.length == LENGTH && equals(new Digest(stored));
    }

    String hex() {
        return HEX.toHexDigits(w0) + HEX.toHexDigits(w1) + HEX.toHexDigits(w2) + HEX.toHexDigits(w3);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest that
            && ((w0 ^ that.w0) | (w1 ^ that.w1) | (w2 ^ that.w2) | (w3 ^ that.w3)) == 0;
    }

    @Override
    public int hashCode() {
        // SHA-256 output is uniform, so its first four bytes are as good a hash code as any.
        return (int) (w0 >>> 32);
    }

    @Override
    public String toString() {
        return "Digest[" + hex() + "]";
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
