package io.packpass.provisioning.ca;

import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import io.packpass.core.update.TrustedKeys;
import io.packpass.core.update.UpdateKind;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TrustedKeys} from certificates the caller has already validated (chain to the root,
 * revocation): a device certificate grants its key READING and EVENT updates of the one passport
 * in its SAN URI; a passport signer certificate (PackPass EKU) grants BIRTH records of any passport.
 */
public final class CertificateTrustedKeys implements TrustedKeys {
  private record Grant(VerificationKey key, Set<UpdateKind> kinds, Optional<PassportId> passport) {
  }

  private final Map<KeyId, Grant> grants = new ConcurrentHashMap<>();

  /**
   * Trusts the key of {@code certificate} for what the certificate allows.
   *
   * @throws IllegalArgumentException if it is neither a device certificate with exactly one passport
   *     nor a passport signer certificate
   */
  public CertificateTrustedKeys add(X509Certificate certificate) {
    VerificationKey key = VerificationKey.fromSubjectPublicKeyInfo(certificate.getPublicKey().getEncoded());
    if (isPassportSigner(certificate)) {
      grants.put(key.keyId(), new Grant(key, EnumSet.of(UpdateKind.BIRTH), Optional.empty()));
      return this;
    }
    List<PassportId> passports = RoleCertificates.sanUris(certificate).stream()
        .flatMap(uri -> {
          try {
            return java.util.stream.Stream.of(DigitalLink.parse(uri).id());
          } catch (IdentifierException e) {
            return java.util.stream.Stream.empty();
          }
        })
        .distinct()
        .toList();
    if (passports.size() != 1) {
      throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal()
          + " names " + passports.size() + " passports in its SAN; a device certificate names exactly one");
    }
    grants.put(key.keyId(), new Grant(key, EnumSet.of(UpdateKind.READING, UpdateKind.EVENT),
        Optional.of(passports.get(0))));
    return this;
  }

  private static boolean isPassportSigner(X509Certificate certificate) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages != null && usages.contains(PackPassOids.KP_PASSPORT_SIGNING.getId());
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  @Override
  public Optional<VerificationKey> find(KeyId kid, PassportId passport, UpdateKind kind) {
    Grant grant = grants.get(kid);
    if (grant == null || !grant.kinds().contains(kind)
        || grant.passport().map(p -> !p.equals(passport)).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(grant.key());
  }
}
