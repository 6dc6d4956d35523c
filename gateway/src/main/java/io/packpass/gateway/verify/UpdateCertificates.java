package io.packpass.gateway.verify;

import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.PassportId;
import io.packpass.core.pki.CertificateTrustedKeys;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.verify.CertificateVerdict.Refused;
import io.packpass.gateway.verify.CertificateVerdict.Trusted;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The certificate side of verifying an update, before core's {@code ChainVerifier} judges its
 * signature and place in the chain: the x5chain (the update's own, or for an update that names its
 * key by kid only, the one an earlier update of the passport announced) must lead to a configured trust anchor and be valid
 * at the update's own time, the kid must be the leaf certificate's key, the leaf must be entitled to
 * the update (a passport signer for a birth record, the device certificate naming this passport for
 * readings and events), and the CRL must not list the leaf as revoked before the update's time (or
 * for key compromise, whenever). Like the agent's check of its birth record, a certificate is judged
 * as of the record's time: one that expired since leaves the updates it signed valid.
 *
 * <p>Path validation costs a few milliseconds (JDK EdDSA), so chains are validated once and
 * remembered (bounded, least recently used); the per-update work is a kid comparison, two date
 * comparisons and a CRL lookup. Thread-safe.
 */
public final class UpdateCertificates {
  public static final int DEFAULT_CACHE_SIZE = 10_000;

  private final Supplier<TrustStore> trust;
  private final Clock clock;
  private final Map<String, Chain> cache;

  /** A chain that passed path validation, or the reason it did not. */
  private record Chain(X509Certificate leaf, Instant notBefore, Instant notAfter, CertificateTrustedKeys keys,
      Optional<Refused> refused) {
  }

  /**
   * @param trust the anchors and the CRL as they are now ({@link io.packpass.core.pki.ReloadingTrust}); the anchors must not
   *     change, since validated chains are cached
   */
  public UpdateCertificates(Supplier<TrustStore> trust, Clock clock, int cacheSize) {
    this.trust = trust;
    this.clock = clock;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Chain> eldest) {
        return size() > cacheSize;
      }
    };
  }

  public UpdateCertificates(Supplier<TrustStore> trust, Clock clock) {
    this(trust, clock, DEFAULT_CACHE_SIZE);
  }

  public UpdateCertificates(TrustStore trust, Clock clock) {
    this(() -> trust, clock, DEFAULT_CACHE_SIZE);
  }

  /**
   * Checks an update that carries its certificate chain.
   *
   * @throws TrustUnavailableException when the CRL for the leaf's issuer is out of date
   */
  public CertificateVerdict check(SignedUpdate update) {
    return check(update, Optional.empty());
  }

  /**
   * Checks an update against its own certificate chain or, when it names its key by kid only,
   * against {@code announced}: the chain an earlier update of the same passport carried for that kid.
   * Either way the chain is judged in full (anchor, validity at this update's time, kid, entitlement,
   * CRL), so where it came from changes nothing about what is trusted.
   *
   * @throws TrustUnavailableException when the CRL for the leaf's issuer is out of date
   */
  public CertificateVerdict check(SignedUpdate update, Optional<List<byte[]>> announced) {
    List<byte[]> der;
    try {
      der = update.cose().certificateChain();
    } catch (CoseException e) {
      return new Refused(QuarantineReason.NO_CERTIFICATE, e.getMessage());
    }
    if (der.isEmpty()) {
      if (announced.isEmpty()) {
        return new Refused(QuarantineReason.NO_CERTIFICATE, "the update carries no certificate chain (x5chain) and"
            + " no earlier update of " + update.payload().passportId().elementString() + " announced one for kid "
            + update.kid() + " (an agent announces it in the first update after each start)");
      }
      der = announced.get();
    }
    Chain chain = chain(der);
    if (chain.refused().isPresent()) {
      return chain.refused().get();
    }
    X509Certificate leaf = chain.leaf();
    Instant time = update.payload().time();
    if (time.isBefore(chain.notBefore()) || time.isAfter(chain.notAfter())) {
      return new Refused(QuarantineReason.UNTRUSTED_CERTIFICATE, "the certificate chain of "
          + leaf.getSubjectX500Principal() + " is valid from " + chain.notBefore() + " to " + chain.notAfter()
          + ", not at the update's time " + time);
    }
    VerificationKey key = VerificationKey.fromSubjectPublicKeyInfo(leaf.getPublicKey().getEncoded());
    if (!key.keyId().equals(update.kid())) {
      return new Refused(QuarantineReason.KID_MISMATCH, "kid " + update.kid() + " is not the key of the certificate "
          + leaf.getSubjectX500Principal() + " (kid " + key.keyId() + ")");
    }
    Optional<Refused> entitlement = entitlement(leaf, update);
    if (entitlement.isPresent()) {
      return entitlement.get();
    }
    Optional<Refused> revoked = revocation(leaf, time);
    if (revoked.isPresent()) {
      return revoked.get();
    }
    return new Trusted(chain.keys());
  }

  /**
   * An update judged on its own, outside any chain (a grader's fresh reading, a decision's evidence):
   * its own certificate chain as {@link #check(SignedUpdate)} judges it, then its signature with the key
   * the certificate grants. Empty when it holds, else why not.
   *
   * @throws TrustUnavailableException when the CRL for the leaf's issuer is out of date
   */
  public Optional<String> verifyAlone(SignedUpdate update) {
    CertificateVerdict verdict = check(update);
    if (verdict instanceof Refused r) {
      return Optional.of(r.reason().code() + ": " + r.detail());
    }
    Optional<VerificationKey> key = ((Trusted) verdict).keys().find(update.kid(), update.payload().passportId(),
        update.payload().kind());
    if (key.isEmpty()) {
      return Optional.of("the certificate does not grant " + update.payload().kind() + " updates");
    }
    try {
      return update.cose().verify(key.get()) ? Optional.empty()
          : Optional.of("the signature does not verify with the key of its certificate");
    } catch (CoseException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<Refused> entitlement(X509Certificate leaf, SignedUpdate update) {
    UpdateKind kind = update.payload().kind();
    PassportId passport = update.payload().passportId();
    boolean signer = RoleCertificates.isPassportSigner(leaf);
    String subject = leaf.getSubjectX500Principal().getName();
    switch (kind) {
      case BIRTH:
        return signer ? Optional.empty() : Optional.of(new Refused(QuarantineReason.NOT_PASSPORT_SIGNER,
            "the birth record is signed by " + subject + ", which is not a passport signer certificate"));
      case READING:
      case EVENT: {
        if (signer || RoleCertificates.roleOf(leaf).isPresent()) {
          return Optional.of(new Refused(QuarantineReason.NOT_ENTITLED, kind + " updates are signed by the pack's"
              + " device certificate, not by " + subject));
        }
        List<PassportId> named = RoleCertificates.passportsOf(leaf);
        if (named.size() != 1 || !named.get(0).equals(passport)) {
          return Optional.of(new Refused(QuarantineReason.PASSPORT_NOT_IN_CERTIFICATE, "the device certificate "
              + subject + " names " + named.stream().map(PassportId::elementString).toList() + ", not "
              + passport.elementString()));
        }
        return Optional.empty();
      }
      default:
        // status changes and decisions are signed by people's role keys and kept in the registry's own log
        // (docs/registry.md): taking seqs of the device chain would fork it while the agent keeps signing
        return Optional.of(new Refused(QuarantineReason.NOT_ENTITLED, kind + " updates do not join the device"
            + " chain: status changes and decisions go to the registry's log (POST /api/v1/passports/01/<gtin>/21/"
            + "<serial>/log, docs/registry.md)"));
    }
  }

  private Optional<Refused> revocation(X509Certificate leaf, Instant time) {
    Instant now = clock.instant();
    TrustStore trust = this.trust.get();
    for (X509CRL crl : trust.crls()) {
      if (crl.getIssuerX500Principal().equals(leaf.getIssuerX500Principal()) && crl.getNextUpdate() != null
          && crl.getNextUpdate().toInstant().isBefore(now)) {
        throw new TrustUnavailableException("the CRL of " + crl.getIssuerX500Principal() + " was due for renewal at "
            + crl.getNextUpdate().toInstant() + "; load a newer CRL ('packpass provision crl') before updates"
            + " signed under it can be judged");
      }
    }
    Optional<X509CRLEntry> entry = trust.revocation(leaf);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    boolean compromised = entry.get().getRevocationReason() == CRLReason.KEY_COMPROMISE;
    Instant revokedAt = entry.get().getRevocationDate().toInstant();
    if (compromised || !revokedAt.isAfter(time)) {
      return Optional.of(new Refused(QuarantineReason.REVOKED, "the certificate " + leaf.getSubjectX500Principal()
          + " was revoked on " + revokedAt + (compromised ? " (key compromise)" : "") + ", before the update's time "
          + time));
    }
    return Optional.empty();
  }

  private Chain chain(List<byte[]> der) {
    String key = fingerprint(der);
    synchronized (cache) {
      Chain known = cache.get(key);
      if (known != null) {
        return known;
      }
    }
    Chain validated = validate(der);
    synchronized (cache) {
      cache.put(key, validated);
    }
    return validated;
  }

  private Chain validate(List<byte[]> der) {
    List<X509Certificate> chain;
    try {
      chain = TrustStore.fromDer(der);
    } catch (TrustException e) {
      return refused(QuarantineReason.UNTRUSTED_CERTIFICATE, "unreadable certificate chain: " + e.getMessage());
    }
    Instant notBefore = chain.stream().map(c -> c.getNotBefore().toInstant()).max(Comparator.naturalOrder()).orElseThrow();
    Instant notAfter = chain.stream().map(c -> c.getNotAfter().toInstant()).min(Comparator.naturalOrder()).orElseThrow();
    if (notBefore.isAfter(notAfter)) {
      return refused(QuarantineReason.UNTRUSTED_CERTIFICATE, "the certificates of the chain are never valid at the same time");
    }
    try {
      // Signatures, anchoring and constraints do not depend on the instant; validity dates are
      // compared per update. Revocation is looked up per update too, as of the update's time.
      trust.get().validate(chain, notBefore, false);
    } catch (TrustException e) {
      return refused(QuarantineReason.UNTRUSTED_CERTIFICATE, e.getMessage());
    }
    CertificateTrustedKeys keys = new CertificateTrustedKeys();
    try {
      keys.add(chain.get(0));
    } catch (IllegalArgumentException e) {
      // a role certificate: trusted as a certificate, but it grants no update keys (entitlement says why)
    }
    return new Chain(chain.get(0), notBefore, notAfter, keys, Optional.empty());
  }

  private static Chain refused(QuarantineReason reason, String detail) {
    return new Chain(null, Instant.MIN, Instant.MAX, null, Optional.of(new Refused(reason, detail)));
  }

  private static String fingerprint(List<byte[]> der) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] d : der) {
        sha.update((byte) (d.length >>> 24));
        sha.update((byte) (d.length >>> 16));
        sha.update((byte) (d.length >>> 8));
        sha.update((byte) d.length);
        sha.update(d);
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
