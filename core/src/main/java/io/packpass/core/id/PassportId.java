package io.packpass.core.id;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * The passport identifier: one serialised trade item, GTIN (01) plus serial (21).
 *
 * <p>Every passport is item level (Regulation (EU) 2023/1542 Art. 77(3) asks for a unique identifier
 * per battery), so both parts are required. The same identifier has three spellings:
 * <ul>
 *   <li>the GS1 element string {@code (01)09521234000013(21)PK0001234} printed as human-readable
 *       text under the QR code;</li>
 *   <li>the GS1 Digital Link URI (GS1 Digital Link URI Syntax 1.6) encoded in the QR code, see
 *       {@link DigitalLink};</li>
 *   <li>a name-based UUID (version 5, RFC 9562 §5.5) for systems that key passports by UUID
 *       (Catena-X does), derived from the Digital Link URI so that it needs no registry.</li>
 * </ul>
 *
 * @param gtin the trade item
 * @param serial the item's serial number
 */
public record PassportId(Gtin gtin, Serial serial) {

  /** The URL namespace of RFC 4122 Appendix C (kept in RFC 9562); the name hashed is the Digital Link URI. */
  static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

  private static final String AI_GTIN = "(01)";
  private static final String AI_SERIAL = "(21)";

  public PassportId {
    Objects.requireNonNull(gtin, "gtin");
    Objects.requireNonNull(serial, "serial");
  }

  /**
   * Parses the human-readable element string {@code (01)<14 digits>(21)<serial>}. AI (01) is fixed
   * length, so a serial that itself contains parentheses is still read unambiguously.
   *
   * @throws IdentifierException if the string does not have that shape or a part is invalid
   */
  public static PassportId parseElementString(String text) {
    if (text == null) {
      throw new IdentifierException("element string is null");
    }
    int serialStart = AI_GTIN.length() + 14 + AI_SERIAL.length();
    if (!text.startsWith(AI_GTIN)
        || text.length() < serialStart
        || !text.startsWith(AI_SERIAL, AI_GTIN.length() + 14)) {
      throw new IdentifierException("element string must look like (01)<14-digit GTIN>(21)<serial>: "
          + IdentifierException.quote(text));
    }
    Gtin gtin = new Gtin(text.substring(AI_GTIN.length(), AI_GTIN.length() + 14));
    return new PassportId(gtin, new Serial(text.substring(serialStart)));
  }

  /** The GS1 element string in human-readable form, {@code (01)<gtin14>(21)<serial>}. */
  public String elementString() {
    return AI_GTIN + gtin.digits() + AI_SERIAL + serial.value();
  }

  /**
   * The canonical GS1 Digital Link URI of this passport under {@code resolverBase}, for example
   * {@code https://id.example.org/01/09521234000013/21/PK0001234}.
   *
   * @param resolverBase {@code http(s)://host[:port][/path-prefix]}; a trailing slash is ignored
   * @throws IdentifierException if the resolver base is not a usable http(s) URI
   */
  public String digitalLink(String resolverBase) {
    return DigitalLink.of(resolverBase, this).format();
  }

  /**
   * A name-based UUID, version 5 (SHA-1), in the URL namespace over the UTF-8 bytes of
   * {@link #digitalLink(String)}. The same passport under another resolver base gets another UUID,
   * which is why the base must be passed in; the canonical URI form (lower-case scheme and host, no
   * trailing slash) keeps the UUID stable across equivalent spellings of the base.
   */
  public UUID uuid(String resolverBase) {
    return uuidV5(NAMESPACE_URL, digitalLink(resolverBase));
  }

  /** {@link #uuid(String)} as a URN, {@code urn:uuid:<uuid>} (the URN namespace of RFC 4122 §3). */
  public String urn(String resolverBase) {
    return "urn:uuid:" + uuid(resolverBase);
  }

  // UUID.nameUUIDFromBytes only does version 3 (MD5), so version 5 is done by hand (RFC 9562 §5.5).
  static UUID uuidV5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-1", e);
    }
    sha1.update(ByteBuffer.allocate(16)
        .putLong(namespace.getMostSignificantBits())
        .putLong(namespace.getLeastSignificantBits())
        .array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // variant 10xx (RFC 9562 / RFC 4122)
    ByteBuffer first16 = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(first16.getLong(), first16.getLong());
  }

  @Override
  public String toString() {
    return elementString();
  }
}
