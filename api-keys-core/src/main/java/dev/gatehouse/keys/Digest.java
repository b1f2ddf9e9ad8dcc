package dev.gatehouse.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest used as a cache key. Keys are looked up by digest, never by the raw key, so a
 * map lookup cannot leak a secret through timing; equality uses {@link MessageDigest#isEqual}.
 */
final class Digest {

  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digest::newSha256);

  private final byte[] bytes;
  private final int hash;

  private Digest(byte[] bytes) {
    this.bytes = bytes;
    // SHA-256 output is uniform, so its first four bytes are as good a hash code as any.
    this.hash = (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
  }

  /** Hashes bytes that are already UTF-8 (the caller reuses them for the checksum). */
  static Digest of(byte[] utf8) {
    return new Digest(SHA256.get().digest(utf8));
  }

  static Digest of(String value) {
    return of(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a lowercase or uppercase hex SHA-256, as stored. */
  static Digest ofHex(String hex) {
    return new Digest(HEX.parseHex(hex));
  }

  static String sha256Hex(String value) {
    return of(value).hex();
  }

  String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Digest that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
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
