package io.packpass.core.label;

import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import io.packpass.core.label.LabelVerdict.Outcome;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a scanned label with no network: what a dismantler's verifier does with the manufacturer's
 * published trust file.
 *
 * <p>The trust file holds the manufacturer's root (self-signed: the only thing trusted) and may hold
 * the issuing CA and the passport-signer certificate, which are public and the same for every pack.
 * With them, a label signed by the passport signer needs to carry its key id only; a label signed by
 * a device key carries the device certificate, whose issuer must then be in the file. Every
 * certificate used, from the file or from the label, must chain to a root of the file, be valid at
 * the label's (signed) time and not be revoked when a CRL is given; the signature is checked first, so
 * that a changed byte reads as what it is.
 */
public final class LabelVerifier {
  /** Issuers walked from a signer towards a root; PackPass chains are 3 deep. */
  private static final int MAX_CHAIN = 4;

  private final TrustStore trust;
  private final List<X509Certificate> known;
  private final Clock clock;
  private final Duration clockTolerance;

  public LabelVerifier(TrustStore trust, List<X509Certificate> known, Clock clock, Duration clockTolerance) {
    this.trust = trust;
    this.known = List.copyOf(known);
    this.clock = clock;
    this.clockTolerance = clockTolerance;
  }

  /**
   * A verifier over the certificates of one trust file: the self-signed ones become the roots, the
   * others are known certificates (issuing CA, passport signer) that must chain to them.
   *
   * @throws TrustException when the certificates hold no root
   */
  public static LabelVerifier of(List<X509Certificate> certificates, List<X509CRL> crls, Clock clock) {
    List<X509Certificate> roots = new ArrayList<>();
    List<X509Certificate> others = new ArrayList<>();
    for (X509Certificate c : certificates) {
      (selfSigned(c) ? roots : others).add(c);
    }
    if (roots.isEmpty()) {
      throw new TrustException("the trust file holds no root certificate (self-signed); it needs the manufacturer's root");
    }
    return new LabelVerifier(new TrustStore(roots, crls), others, clock, Duration.ofMinutes(5));
  }

  public LabelVerdict verify(String scanned) {
    LabelCode.Scanned code;
    try {
      code = LabelCode.parse(scanned);
    } catch (IdentifierException e) {
      return LabelVerdict.fail(Outcome.NOT_A_PASSPORT_LINK, e.getMessage(), Optional.empty());
    } catch (LabelFormatException e) {
      Optional<PassportId> passport = passportOf(scanned);
      return LabelVerdict.fail(Outcome.MALFORMED, e.getMessage(), passport);
    }
    Optional<PassportId> passport = Optional.of(code.link().id());
    if (code.signature().isEmpty()) {
      return LabelVerdict.fail(Outcome.UNSIGNED, "the label carries no signature: it identifies "
          + code.link().id() + " but proves nothing offline", passport);
    }
    SignedLabel label;
    try {
      label = SignedLabel.parse(code.signature().get(), code.link());
    } catch (LabelFormatException e) {
      return LabelVerdict.fail(Outcome.MALFORMED, e.getMessage(), passport);
    }
    return verify(label);
  }

  /** Checks a parsed label signature. */
  public LabelVerdict verify(SignedLabel label) {
    Optional<PassportId> passport = Optional.of(label.passport());
    Instant at = label.facts().time();
    List<X509Certificate> chain;
    try {
      Optional<X509Certificate> signer = signerOf(label);
      if (signer.isEmpty()) {
        return LabelVerdict.fail(Outcome.UNKNOWN_SIGNER, "key id " + label.kid() + " is in no certificate of the trust"
            + " file, and the label carries no certificate (the manufacturer's label trust file, label-trust.pem,"
            + " holds its passport signer's)", passport);
      }
      chain = chainOf(signer.get());
    } catch (TrustException e) {
      return LabelVerdict.fail(Outcome.UNTRUSTED_SIGNER, e.getMessage(), passport);
    }
    X509Certificate leaf = chain.get(0);
    boolean passportSigner = RoleCertificates.isPassportSigner(leaf);
    if (!passportSigner && !RoleCertificates.passportsOf(leaf).contains(label.passport())) {
      return LabelVerdict.fail(Outcome.NOT_ENTITLED, "signer " + leaf.getSubjectX500Principal()
          + " is neither a passport signer nor the device of " + label.passport(), passport);
    }
    // The signature before the chain: until it holds, the label's time (the chain's validation instant) means nothing.
    VerificationKey key;
    try {
      key = VerificationKey.fromSubjectPublicKeyInfo(leaf.getPublicKey().getEncoded());
      if (!label.verify(key)) {
        return LabelVerdict.fail(Outcome.BAD_SIGNATURE, "the signature does not verify with " + leaf.getSubjectX500Principal()
            + ": the label's facts or its link (" + label.link() + ") were changed", passport);
      }
    } catch (CoseException | IllegalArgumentException e) {
      return LabelVerdict.fail(Outcome.BAD_SIGNATURE, e.getMessage(), passport);
    }
    try {
      // Judged at the label's own time: a label printed while its signer was valid stays valid.
      trust.validate(chain, at, false);
    } catch (TrustException e) {
      return LabelVerdict.fail(Outcome.UNTRUSTED_SIGNER, "at the label's time " + at + ": " + e.getMessage(), passport);
    }
    Optional<X509CRLEntry> revoked = trust.revokedFor(leaf, at);
    if (revoked.isPresent()) {
      boolean compromised = revoked.get().getRevocationReason() == CRLReason.KEY_COMPROMISE;
      return LabelVerdict.fail(Outcome.UNTRUSTED_SIGNER, "signer " + leaf.getSubjectX500Principal() + " was revoked on "
          + revoked.get().getRevocationDate().toInstant() + (compromised ? " (key compromise)" : "")
          + ", label signed " + at, passport);
    }
    Instant latest = clock.instant().plus(clockTolerance);
    if (at.isAfter(latest)) {
      return LabelVerdict.fail(Outcome.FUTURE_DATED, "the label is dated " + at + ", later than this clock ("
          + clock.instant() + ") allows", passport);
    }
    String who = passportSigner ? "the manufacturer's passport signer" : "the pack's device key";
    return new LabelVerdict(Outcome.VERIFIED, "signed by " + who + " " + leaf.getSubjectX500Principal() + " at " + at,
        passport, Optional.of(label.facts()), Optional.of(leaf));
  }

  /** The certificate whose key the label names: from the trust file by kid, else the one the label carries. */
  private Optional<X509Certificate> signerOf(SignedLabel label) {
    for (X509Certificate c : known) {
      if (kid(c).equals(label.kid())) {
        return Optional.of(c);
      }
    }
    if (label.certificate().isEmpty()) {
      return Optional.empty();
    }
    X509Certificate carried = TrustStore.fromDer(List.of(label.certificate().get())).get(0);
    if (!kid(carried).equals(label.kid())) {
      throw new TrustException("the certificate the label carries has key id " + kid(carried) + ", the signature names "
          + label.kid());
    }
    return Optional.of(carried);
  }

  /** Leaf, then its issuers from the trust file's known certificates, up to (not including) a root. */
  private List<X509Certificate> chainOf(X509Certificate leaf) {
    List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
    X509Certificate current = leaf;
    while (chain.size() <= MAX_CHAIN) {
      X509Certificate now = current;
      boolean atRoot = trust.roots().stream()
          .anyMatch(r -> r.getSubjectX500Principal().equals(now.getIssuerX500Principal()));
      if (atRoot) {
        return chain;
      }
      Optional<X509Certificate> issuer = known.stream()
          .filter(c -> c.getSubjectX500Principal().equals(now.getIssuerX500Principal()) && !chain.contains(c))
          .findFirst();
      if (issuer.isEmpty()) {
        throw new TrustException("no certificate of the trust file issued " + now.getSubjectX500Principal() + " (issuer "
            + now.getIssuerX500Principal() + "); the file needs the manufacturer's root and issuing CA");
      }
      chain.add(issuer.get());
      current = issuer.get();
    }
    throw new TrustException("certificate chain of " + leaf.getSubjectX500Principal() + " is longer than " + MAX_CHAIN);
  }

  private static KeyId kid(X509Certificate c) {
    return KeyId.ofSubjectPublicKeyInfo(c.getPublicKey().getEncoded());
  }

  private static boolean selfSigned(X509Certificate c) {
    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      return false;
    }
    try {
      c.verify(c.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Optional<PassportId> passportOf(String scanned) {
    try {
      int hash = scanned.indexOf('#');
      return Optional.of(io.packpass.core.id.DigitalLink.parse(hash < 0 ? scanned : scanned.substring(0, hash)).id());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
