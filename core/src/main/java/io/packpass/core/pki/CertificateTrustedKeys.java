package io.packpass.core.pki;

import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import io.packpass.core.update.KeyDirectory;
import io.packpass.core.update.TrustedKeys;
import io.packpass.core.update.UpdateKind;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * {@link TrustedKeys} from certificates the caller has already validated (chain to the root,
 * revocation): a device certificate grants its key READING and EVENT updates of the one passport
 * in its SAN URI; a passport signer certificate (PackPass EKU) grants BIRTH records of any passport.
 */
public final class CertificateTrustedKeys implements TrustedKeys {
  /** The grants themselves: what a certificate allows maps onto core's key directory. */
  private final KeyDirectory grants = new KeyDirectory();

  /**
   * Trusts the key of {@code certificate} for what the certificate allows.
   *
   * @throws IllegalArgumentException if it is neither a device certificate with exactly one passport
   *     nor a passport signer certificate
   */
  public CertificateTrustedKeys add(X509Certificate certificate) {
    VerificationKey key = VerificationKey.fromSubjectPublicKeyInfo(certificate.getPublicKey().getEncoded());
    if (RoleCertificates.isPassportSigner(certificate)) {
      grants.manufacturer(key);
      return this;
    }
    List<PassportId> passports = RoleCertificates.passportsOf(certificate);
    if (passports.size() != 1) {
      throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal()
          + " names " + passports.size() + " passports in its SAN; a device certificate names exactly one");
    }
    grants.device(key, passports.get(0));
    return this;
  }

  @Override
  public Optional<VerificationKey> find(KeyId kid, PassportId passport, UpdateKind kind) {
    return grants.find(kid, passport, kind);
  }
}
