package io.packpass.provisioning.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate the issuing CA has issued, as kept in {@code registry.csv}.
 *
 * @param serial certificate serial number
 * @param kind what the certificate is for
 * @param subject the passport's Digital Link (devices), {@code <role>:<name>} (roles) or the subject DN
 * @param kid PackPass key id of the certificate's key (first 16 bytes of SHA-256 over the SPKI), hex
 * @param notAfter end of validity
 * @param revokedAt when it was revoked, if it was
 * @param reason why it was revoked, if it was
 */
public record RegistryEntry(BigInteger serial, Kind kind, String subject, String kid, Instant notAfter,
    Optional<Instant> revokedAt, Optional<RevocationReason> reason) {

  /** What a certificate is for. */
  public enum Kind {
    PASSPORT_SIGNER, DEVICE, ROLE;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Kind fromId(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  public RegistryEntry {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(notAfter, "notAfter");
    if (revokedAt.isPresent() != reason.isPresent()) {
      throw new IllegalArgumentException("a revoked entry has both a date and a reason");
    }
  }

  public boolean isRevoked() {
    return revokedAt.isPresent();
  }

  /** Serial in upper-case hex, as openssl prints it. */
  public String serialHex() {
    return CertificateText.hex(serial);
  }

  RegistryEntry revoked(Instant at, RevocationReason why) {
    return new RegistryEntry(serial, kind, subject, kid, notAfter, Optional.of(at), Optional.of(why));
  }
}
