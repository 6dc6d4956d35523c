package io.packpass.core.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The manufacturer's root certificates and, when given, the CRL of its issuing CA: what agents,
 * gateways and registries check device, role and passport-signer certificates against, offline.
 * Validation is the JDK's PKIX path validation at a given instant; with a CRL, the end entity's
 * revocation is checked against it and nothing else (no network lookups, so an agent on a pack in a
 * scrapyard answers the same as in the factory).
 */
public final class TrustStore {
  /** A PEM trust file is a few kilobytes; a far larger one is the wrong file. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private final Set<TrustAnchor> anchors;
  private final List<X509CRL> crls;

  public TrustStore(List<X509Certificate> roots, List<X509CRL> crls) {
    if (roots.isEmpty()) {
      throw new TrustException("no trust anchor: at least one root certificate is needed");
    }
    this.anchors = roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toUnmodifiableSet());
    this.crls = List.copyOf(crls);
  }

  /**
   * Loads PEM root certificates and an optional PEM CRL.
   *
   * @throws TrustException naming the file when one is missing, too large or not what it should be
   */
  public static TrustStore load(Path roots, Optional<Path> crl) {
    List<X509Certificate> certificates = certificates(roots);
    List<X509CRL> revocations = new ArrayList<>();
    if (crl.isPresent()) {
      try (InputStream in = open(crl.get())) {
        revocations.add((X509CRL) factory().generateCRL(in));
      } catch (IOException | GeneralSecurityException | ClassCastException e) {
        throw new TrustException(crl.get() + ": not a PEM or DER X.509 CRL (" + e.getMessage() + ")", e);
      }
    }
    return new TrustStore(certificates, revocations);
  }

  /**
   * The CRL in {@code bytes}, PEM or DER, as read from {@code file}: parsed from the very bytes that
   * were read, so that what is judged is what is used.
   *
   * @throws TrustException naming the file when the bytes are not a CRL
   */
  static X509CRL crl(Path file, byte[] bytes) {
    try {
      return (X509CRL) factory().generateCRL(new java.io.ByteArrayInputStream(bytes));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new TrustException(file + ": not a PEM or DER X.509 CRL (" + e.getMessage() + ")", e);
    }
  }

  /** Every certificate of a PEM (or DER) file, in file order. */
  public static List<X509Certificate> certificates(Path file) {
    try (InputStream in = open(file)) {
      Collection<? extends java.security.cert.Certificate> all = factory().generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      for (java.security.cert.Certificate c : all) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new TrustException(file + ": no certificate in it");
      }
      return out;
    } catch (IOException | CertificateException e) {
      throw new TrustException(file + ": not a PEM or DER X.509 certificate file (" + e.getMessage() + ")", e);
    }
  }

  /** Certificates from DER encodings (e.g. a COSE x5chain), leaf first. */
  public static List<X509Certificate> fromDer(List<byte[]> der) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      for (byte[] d : der) {
        out.add((X509Certificate) factory().generateCertificate(new java.io.ByteArrayInputStream(d)));
      }
    } catch (CertificateException e) {
      throw new TrustException("not an X.509 certificate: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Checks that {@code chain} (leaf first; intermediates may follow) leads to a root, is valid at
   * {@code at} and, with a CRL, that the leaf is not revoked.
   *
   * @throws TrustException with the validator's reason, naming the leaf's subject
   * @throws StaleCrlException when the only CRL for the leaf's issuer was due for renewal before {@code at}
   */
  public void validate(List<X509Certificate> chain, Instant at) {
    validate(chain, at, true);
  }

  /**
   * As {@link #validate(List, Instant)}; without {@code checkRevocation} the CRL is not consulted, for a
   * record signed in the past that is judged as of its own time (see {@link #revocation}).
   */
  public void validate(List<X509Certificate> chain, Instant at, boolean checkRevocation) {
    if (chain.isEmpty()) {
      throw new TrustException("empty certificate chain");
    }
    List<X509Certificate> path = chain.stream()
        .filter(c -> anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c)))
        .collect(Collectors.toList());
    try {
      CertPath certPath = factory().generateCertPath(path);
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setDate(Date.from(at));
      if (crls.isEmpty() || !checkRevocation) {
        parameters.setRevocationEnabled(false);
      } else {
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
            PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        parameters.addCertPathChecker(checker);
      }
      validator.validate(certPath, parameters);
    } catch (CertPathValidatorException e) {
      if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
        requireCurrentCrl(chain.get(0), at);
      }
      throw new TrustException("certificate " + chain.get(0).getSubjectX500Principal() + " is not trusted: "
          + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new TrustException("cannot validate certificate " + chain.get(0).getSubjectX500Principal() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The JDK's validator answers a missing or out-of-date CRL with "Could not determine revocation
   * status", which tells an operator nothing; this names the CRL, its due date and the remedy.
   * Called only after that answer, so an expired or unanchored chain is still reported as such.
   */
  private void requireCurrentCrl(X509Certificate leaf, Instant at) {
    List<X509CRL> issuers = crls.stream()
        .filter(c -> c.getIssuerX500Principal().equals(leaf.getIssuerX500Principal()))
        .collect(Collectors.toList());
    if (issuers.isEmpty()) {
      throw new TrustException("certificate " + leaf.getSubjectX500Principal() + ": revocation status unknown: no CRL of "
          + leaf.getIssuerX500Principal() + " is loaded (the CRL given is " + crls.get(0).getIssuerX500Principal() + "'s)");
    }
    Optional<Instant> latest = issuers.stream()
        .map(c -> c.getNextUpdate() == null ? Instant.MAX : c.getNextUpdate().toInstant())
        .max(Instant::compareTo);
    if (latest.orElseThrow().isBefore(at)) {
      throw new StaleCrlException("certificate " + leaf.getSubjectX500Principal() + ": revocation status unknown: the CRL of "
          + leaf.getIssuerX500Principal() + " was due for renewal at " + latest.get() + " (its next update); load a "
          + "newer CRL ('packpass provision crl')", latest.get());
    }
  }

  /** The CRL entry revoking {@code certificate}, if a CRL of this store lists it. */
  public Optional<java.security.cert.X509CRLEntry> revocation(X509Certificate certificate) {
    for (X509CRL crl : crls) {
      if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
        java.security.cert.X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry != null) {
          return Optional.of(entry);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The CRL entry that voids what {@code certificate}'s key signed at {@code signedAt}: a revocation
   * for key compromise voids everything, any other one what was signed at or after the revocation
   * date (a signer retired later leaves its earlier records valid).
   */
  public Optional<java.security.cert.X509CRLEntry> revokedFor(X509Certificate certificate, Instant signedAt) {
    return revocation(certificate).filter(entry ->
        entry.getRevocationReason() == java.security.cert.CRLReason.KEY_COMPROMISE
            || !entry.getRevocationDate().toInstant().isAfter(signedAt));
  }

  /** The root certificates. */
  public List<X509Certificate> roots() {
    return anchors.stream().map(TrustAnchor::getTrustedCert).collect(Collectors.toList());
  }

  /** The CRLs (at most one today). */
  public List<X509CRL> crls() {
    return crls;
  }

  private static InputStream open(Path file) throws IOException {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new TrustException(file + ": larger than " + MAX_FILE_BYTES + " bytes, not a trust file");
      }
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new TrustException(file + ": no such file");
    }
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("X.509 is mandatory in every JDK", e);
    }
  }
}
