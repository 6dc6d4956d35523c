package io.packpass.agent.identity;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.PassportId;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.StaleCrlException;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this agent is, checked before it signs anything: its private key, the device certificate the
 * manufacturer issued for that key (chained to the trust anchors, not expired, not revoked, naming
 * this pack's passport in its SAN), and the trust store it checks others against. The updates it
 * signs name the device key by its kid; the ones that announce the certificate chain (x5chain) let a
 * verifier that has nothing but the root learn that key (see {@code PassportLog} for which do).
 */
public final class DeviceIdentity {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceIdentity.class);

  private final SoftwareSigner signer;
  private final SoftwareSigner announcing;
  private final List<X509Certificate> chain;
  private final TrustStore trust;
  private final PassportId passport;

  private DeviceIdentity(SoftwareSigner signer, List<X509Certificate> chain, TrustStore trust, PassportId passport) {
    this.signer = signer;
    this.announcing = signer.withCertificateChain(chain.stream().map(DeviceIdentity::der).toList());
    this.chain = List.copyOf(chain);
    this.trust = trust;
    this.passport = passport;
  }

  /**
   * Loads and checks the identity.
   *
   * @throws IdentityException naming the file and what is wrong with it
   */
  public static DeviceIdentity load(Path privateKey, Path certificate, Path anchors, Optional<Path> crl,
      PassportId passport, Instant now) {
    SoftwareSigner key = PrivateKeyFile.load(privateKey);
    List<X509Certificate> chain;
    TrustStore trust;
    try {
      chain = TrustStore.certificates(certificate);
      trust = TrustStore.load(anchors, crl);
    } catch (TrustException e) {
      throw new IdentityException(e.getMessage(), e);
    }
    X509Certificate device = chain.get(0);
    if (!Arrays.equals(device.getPublicKey().getEncoded(), key.verificationKey().subjectPublicKeyInfo())) {
      throw new IdentityException(certificate + ": the device certificate is for another key than " + privateKey
          + " (key id " + key.keyId() + "); enrol this key's CSR ('packpass agent csr')");
    }
    try {
      trust.validate(chain, now);
    } catch (StaleCrlException e) {
      checkOwnCertificateAgainstStaleCrl(chain, trust, now, certificate, e);
    } catch (TrustException e) {
      throw new IdentityException(certificate + ": " + e.getMessage(), e);
    }
    List<PassportId> named = RoleCertificates.passportsOf(device);
    if (!named.contains(passport)) {
      throw new IdentityException(certificate + ": the device certificate is for " + named + ", not for passport "
          + passport.elementString());
    }
    return new DeviceIdentity(key, chain, trust, passport);
  }

  /**
   * An agent on a pack in a shed may not see a fresh CRL for months; refusing to start would stop it
   * measuring and signing, which helps nobody, while every gateway checks the device certificate
   * against its own, newer CRL anyway. So with an out-of-date CRL the agent still checks everything
   * else and refuses if that CRL already lists its certificate, and otherwise starts with a warning.
   * (Client certificates at the DTLS handshake get no such grace: a stranger is refused.)
   */
  private static void checkOwnCertificateAgainstStaleCrl(List<X509Certificate> chain, TrustStore trust, Instant now,
      Path certificate, StaleCrlException stale) {
    try {
      trust.validate(chain, now, false);
    } catch (TrustException e) {
      throw new IdentityException(certificate + ": " + e.getMessage(), e);
    }
    if (trust.revocation(chain.get(0)).isPresent()) {
      throw new IdentityException(certificate + ": the device certificate is revoked (listed in the CRL, which is"
          + " also out of date since " + stale.nextUpdate() + ")");
    }
    LOG.warn("{}: {}; starting anyway: this device's certificate is not on that CRL, and gateways check it"
        + " against their own", certificate, stale.getMessage());
  }

  /**
   * Why the device key may not sign at {@code at} under {@code trust} (a CRL installed while the
   * agent runs), or empty: the device certificate expired, is not valid yet, or is listed on the CRL.
   * An out-of-date CRL that does not list it is no reason, as at start.
   */
  public Optional<String> whyNotSign(TrustStore trust, Instant at) {
    X509Certificate device = chain.get(0);
    if (at.isAfter(device.getNotAfter().toInstant())) {
      return Optional.of("the device certificate " + device.getSubjectX500Principal() + " expired at "
          + device.getNotAfter().toInstant());
    }
    if (at.isBefore(device.getNotBefore().toInstant())) {
      return Optional.of("the device certificate is not valid before " + device.getNotBefore().toInstant()
          + " (is the clock behind?)");
    }
    return trust.revocation(device).map(entry -> "the device certificate (serial "
        + device.getSerialNumber().toString(16) + ") is revoked since " + entry.getRevocationDate().toInstant()
        + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
  }

  /** The key that signs this pack's updates, named by its kid only (about 1 KB less per update). */
  public SoftwareSigner signer() {
    return signer;
  }

  /** The same key, its updates also carrying the device certificate chain (x5chain). */
  public SoftwareSigner announcingSigner() {
    return announcing;
  }

  public PassportId passport() {
    return passport;
  }

  public TrustStore trust() {
    return trust;
  }

  /** The device certificate, then the issuing CA. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * Checks a birth record before the agent builds on it: seq 0 of this pack's passport, signed by a
   * passport-signer certificate (PackPass EKU) of the manufacturer, chained to the trust anchors.
   *
   * @throws IdentityException saying which check failed
   */
  public void verifyBirth(SignedUpdate birth) {
    if (birth.payload().kind() != UpdateKind.BIRTH || birth.payload().seq() != 0) {
      throw new IdentityException("the birth record is a " + birth.payload().kind() + " update at seq "
          + birth.payload().seq() + ", not a birth record");
    }
    if (!birth.payload().passportId().equals(passport)) {
      throw new IdentityException("the birth record is for passport " + birth.payload().passportId().elementString()
          + ", this agent's is " + passport.elementString());
    }
    List<X509Certificate> signerChain;
    try {
      signerChain = TrustStore.fromDer(birth.cose().certificateChain());
    } catch (RuntimeException e) {
      throw new IdentityException("the birth record's certificate chain is unreadable: " + e.getMessage(), e);
    }
    if (signerChain.isEmpty()) {
      throw new IdentityException("the birth record carries no certificate chain (x5chain)");
    }
    X509Certificate leaf = signerChain.get(0);
    if (!RoleCertificates.isPassportSigner(leaf)) {
      throw new IdentityException("the birth record is signed by " + leaf.getSubjectX500Principal()
          + ", which is not a passport signer certificate");
    }
    try {
      // Judged as of the record's own time: a signer certificate that expired or was retired since
      // leaves the records it signed valid. The current CRL is asked separately below, because the
      // JDK cannot use a CRL issued after the validation instant.
      trust.validate(signerChain, birth.payload().time(), false);
    } catch (TrustException e) {
      throw new IdentityException("the birth record's signer: " + e.getMessage(), e);
    }
    trust.revokedFor(leaf, birth.payload().time()).ifPresent(entry -> {
      boolean compromised = entry.getRevocationReason() == java.security.cert.CRLReason.KEY_COMPROMISE;
      throw new IdentityException("the birth record's signer " + leaf.getSubjectX500Principal() + " was revoked on "
          + entry.getRevocationDate().toInstant() + (compromised ? " (key compromise)" : "")
          + ", before or regardless of the record's time " + birth.payload().time());
    });
    VerificationKey key = VerificationKey.fromSubjectPublicKeyInfo(leaf.getPublicKey().getEncoded());
    if (!birth.cose().verify(key, new byte[0])) {
      throw new IdentityException("the birth record's signature does not verify with its signer certificate");
    }
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IdentityException("cannot encode certificate " + c.getSubjectX500Principal(), e);
    }
  }
}
