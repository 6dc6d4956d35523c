package io.packpass.core.id;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identifier of a device signing key: the first 16 bytes of SHA-256 over the key's DER-encoded
 * X.509 SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
 *
 * <p>Hashing the whole SubjectPublicKeyInfo rather than the bare key bits binds the algorithm into
 * the id, so an Ed25519 key and a P-256 key can never share one; 128 bits are plenty to tell the keys
 * of a fleet apart and keep COSE headers short. The id is public data, so {@link #toString()} prints it.
 *
 * @param bytes exactly 16 bytes; copied on the way in and out
 */
public record KeyId(byte[] bytes) {

  /** Length of a key id in bytes. */
  public static final int LENGTH = 16;

  private static final HexFormat HEX = HexFormat.of();

  public KeyId {
    if (bytes == null) {
      throw new IdentifierException("key id is null");
    }
    if (bytes.length != LENGTH) {
      throw new IdentifierException("key id must be " + LENGTH + " bytes, got " + bytes.length + ": "
          + IdentifierException.quote(HEX.formatHex(bytes)));
    }
    bytes = bytes.clone();
  }

  /** A key id given as its 16 bytes. */
  public static KeyId of(byte[] bytes) {
    return new KeyId(bytes);
  }

  /**
   * The key id of a JDK public key, from its {@code getEncoded()} form.
   *
   * @throws IdentifierException if the key does not encode as an X.509 SubjectPublicKeyInfo
   */
  public static KeyId of(PublicKey key) {
    if (key == null) {
      throw new IdentifierException("public key is null");
    }
    byte[] encoded = key.getEncoded();
    if (!"X.509".equals(key.getFormat()) || encoded == null) {
      throw new IdentifierException("public key must encode as X.509 SubjectPublicKeyInfo, but its "
          + key.getAlgorithm() + " key has format " + IdentifierException.quote(key.getFormat()));
    }
    return ofSubjectPublicKeyInfo(encoded);
  }

  /**
   * The key id of a DER-encoded SubjectPublicKeyInfo.
   *
   * <p>Only the outer DER SEQUENCE is checked, which is enough to catch the easy mistake of passing
   * the raw 32-byte Ed25519 key or an uncompressed EC point instead of the SubjectPublicKeyInfo: both
   * would otherwise hash to a valid-looking but wrong id.
   *
   * @throws IdentifierException if the bytes are not one DER SEQUENCE
   */
  public static KeyId ofSubjectPublicKeyInfo(byte[] spkiDer) {
    if (spkiDer == null) {
      throw new IdentifierException("SubjectPublicKeyInfo is null");
    }
    requireOneDerSequence(spkiDer);
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    return new KeyId(Arrays.copyOf(sha256.digest(spkiDer), LENGTH));
  }

  /**
   * Parses the 32 hex digits of a key id, in either case.
   *
   * @throws IdentifierException if the text is not exactly 32 hex digits
   */
  public static KeyId fromHex(String hex) {
    if (hex == null) {
      throw new IdentifierException("key id hex is null");
    }
    if (hex.length() != 2 * LENGTH) {
      throw new IdentifierException("key id must be " + 2 * LENGTH + " hex digits, got " + hex.length()
          + ": " + IdentifierException.quote(hex));
    }
    try {
      return new KeyId(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IdentifierException("key id must be hex digits 0-9 a-f: " + IdentifierException.quote(hex), e);
    }
  }

  private static void requireOneDerSequence(byte[] der) {
    String problem = derSequenceProblem(der);
    if (problem != null) {
      throw new IdentifierException("SubjectPublicKeyInfo " + problem + ": "
          + IdentifierException.quote(HEX.formatHex(der)));
    }
  }

  /** Why {@code der} is not exactly one DER SEQUENCE, or null if it is. */
  private static String derSequenceProblem(byte[] der) {
    if (der.length < 2 || der[0] != 0x30) {
      return "does not start with a DER SEQUENCE tag (0x30)";
    }
    int first = der[1] & 0xff;
    int headerLength = 2;
    long contentLength = first;
    if (first >= 0x80) {
      int lengthBytes = first & 0x7f;
      if (lengthBytes == 0 || lengthBytes > 4 || der.length < 2 + lengthBytes) {
        return "has an unsupported DER length";
      }
      headerLength += lengthBytes;
      contentLength = 0;
      for (int i = 2; i < headerLength; i++) {
        contentLength = (contentLength << 8) | (der[i] & 0xff);
      }
    }
    if (headerLength + contentLength != der.length) {
      return "is " + der.length + " bytes but its DER SEQUENCE says " + (headerLength + contentLength);
    }
    return null;
  }

  /** Returns a copy, so the id cannot be changed through it. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyId that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The 32 lower-case hex digits. */
  @Override
  public String toString() {
    return HEX.formatHex(bytes);
  }
}
