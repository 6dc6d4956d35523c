package io.packpass.provisioning.ca;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Role;
import io.packpass.core.pki.PackPassOids;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.provisioning.ProvisioningException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The manufacturer's CA on disk: a root CA, an issuing CA and the passport signer, with the list of
 * everything the issuing CA has issued. Layout of the directory (see docs/provisioning.md):
 *
 * <pre>
 * ca.p12               private keys + chains of root, issuing CA and passport signer (passphrase)
 * root.pem             root certificate (the trust anchor to distribute)
 * issuing.pem          issuing CA certificate, then the root (chain)
 * passport-signer.pem  passport signer certificate, then the issuing CA
 * registry.csv         every certificate the issuing CA issued: serial, kind, subject, kid, not-after, revocation
 * issued/SERIAL.pem    a copy of each issued certificate
 * crlnumber            number of the last CRL
 * crl.pem              the current CRL of the issuing CA
 * </pre>
 *
 * <p>Every file is written atomically (temporary file, then rename); {@code ca.p12} is written last
 * by {@link #init}, so a directory either holds a whole CA or none. One writer at a time.
 * {@link #toString()} shows the directory only.
 */
public final class CaStore {
  public static final String KEY_STORE = "ca.p12";
  public static final String ROOT_PEM = "root.pem";
  public static final String ISSUING_PEM = "issuing.pem";
  public static final String SIGNER_PEM = "passport-signer.pem";
  public static final String REGISTRY = "registry.csv";
  public static final String ISSUED_DIR = "issued";
  public static final String CRL_NUMBER = "crlnumber";
  public static final String CRL_PEM = "crl.pem";

  static final String ROOT_ALIAS = "root";
  static final String ISSUING_ALIAS = "issuing";
  static final String SIGNER_ALIAS = "passport-signer";

  /** Certificates start an hour early so that a device whose clock lags a little accepts a fresh one. */
  private static final Duration BACKDATE = Duration.ofHours(1);
  /** For checking CSR signatures; the JDK cannot map every key OID to a key factory. Not registered globally. */
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final Path dir;
  private final Clock clock;
  private final SecureRandom random;
  private final KeyEntry root;
  private final KeyEntry issuing;
  private final KeyEntry signer;

  private record KeyEntry(PrivateKey key, X509Certificate certificate) {
    @Override
    public String toString() {
      return "KeyEntry[" + certificate.getSubjectX500Principal() + "]";
    }
  }

  private CaStore(Path dir, Clock clock, SecureRandom random, KeyEntry root, KeyEntry issuing, KeyEntry signer) {
    this.dir = dir;
    this.clock = clock;
    this.random = random;
    this.root = root;
    this.issuing = issuing;
    this.signer = signer;
  }

  // ---------------------------------------------------------------------------------------- create, open

  public static CaStore init(Path dir, CaOptions options, char[] passphrase) {
    return init(dir, options, passphrase, Clock.systemUTC());
  }

  /** Creates root, issuing CA and passport signer in {@code dir}; refuses if a CA is already there. */
  public static CaStore init(Path dir, CaOptions options, char[] passphrase, Clock clock) {
    Objects.requireNonNull(options, "options");
    requirePassphrase(passphrase);
    Path keyStore = dir.resolve(KEY_STORE);
    if (Files.exists(keyStore)) {
      throw new ProvisioningException("a CA already exists in " + dir + " (" + KEY_STORE + "); refusing to overwrite it");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ProvisioningException(dir + " exists and is not a directory");
    }
    SecureRandom random = new SecureRandom();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = now.minus(BACKDATE);
    KeyAlgorithm algorithm = options.algorithm();

    KeyPair rootKeys = generate(algorithm, random);
    X500Name rootName = name(options.name(), options.name() + " PackPass Root CA");
    Instant rootEnd = plus(now, Period.ofYears(options.rootValidityYears()));
    X509Certificate rootCert = build(rootName, rootKeys.getPrivate(), null, rootName, rootKeys.getPublic(),
        serial(random), notBefore, rootEnd, (b, u) -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    KeyEntry root = new KeyEntry(rootKeys.getPrivate(), rootCert);

    KeyPair issuingKeys = generate(algorithm, random);
    X500Name issuingName = name(options.name(), options.name() + " PackPass Issuing CA");
    Instant issuingEnd = plus(now, Period.ofYears(options.issuingValidityYears()));
    X509Certificate issuingCert = build(rootName, rootKeys.getPrivate(), rootCert, issuingName,
        issuingKeys.getPublic(), serial(random), notBefore, issuingEnd, (b, u) -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    KeyEntry issuing = new KeyEntry(issuingKeys.getPrivate(), issuingCert);

    KeyPair signerKeys = generate(algorithm, random);
    X509Certificate signerCert = build(issuingName, issuingKeys.getPrivate(), issuingCert,
        name(options.name(), options.name() + " Passport Signer"), signerKeys.getPublic(), serial(random),
        notBefore, issuingEnd, (b, u) -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(KeyPurposeId.getInstance(PackPassOids.KP_PASSPORT_SIGNING)));
        });
    KeyEntry signer = new KeyEntry(signerKeys.getPrivate(), signerCert);

    byte[] p12 = keyStore(passphrase, root, List.of(rootCert), issuing, List.of(issuingCert, rootCert),
        signer, List.of(signerCert, issuingCert, rootCert));

    AtomicFiles.writePublic(dir.resolve(ROOT_PEM), CertificateText.pem(List.of(rootCert)));
    AtomicFiles.writePublic(dir.resolve(ISSUING_PEM), CertificateText.pem(List.of(issuingCert, rootCert)));
    AtomicFiles.writePublic(dir.resolve(SIGNER_PEM), CertificateText.pem(List.of(signerCert, issuingCert)));
    AtomicFiles.writePublic(dir.resolve(ISSUED_DIR).resolve(CertificateText.hex(signerCert.getSerialNumber()) + ".pem"),
        CertificateText.pem(List.of(signerCert)));
    Registry.write(dir.resolve(REGISTRY), List.of(entry(signerCert, RegistryEntry.Kind.PASSPORT_SIGNER,
        signerCert.getSubjectX500Principal().getName())));
    AtomicFiles.writePrivate(dir.resolve(CRL_NUMBER), "0\n".getBytes(StandardCharsets.US_ASCII));
    // Last: the key store is what makes the directory a CA.
    AtomicFiles.writePrivate(keyStore, p12);
    return new CaStore(dir, clock, random, root, issuing, signer);
  }

  public static CaStore open(Path dir, char[] passphrase) {
    return open(dir, passphrase, Clock.systemUTC());
  }

  /**
   * Opens the CA in {@code dir}; {@code clock} dates everything it issues from now on.
   *
   * @throws ProvisioningException if there is no CA or the passphrase is wrong
   */
  public static CaStore open(Path dir, char[] passphrase, Clock clock) {
    requirePassphrase(passphrase);
    Path file = dir.resolve(KEY_STORE);
    if (!Files.isRegularFile(file)) {
      throw new ProvisioningException("no CA in " + dir + " (" + KEY_STORE + " not found); run 'ca init' first");
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, passphrase);
      return new CaStore(dir, clock, new SecureRandom(), entry(store, ROOT_ALIAS, passphrase, file),
          entry(store, ISSUING_ALIAS, passphrase, file), entry(store, SIGNER_ALIAS, passphrase, file));
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new ProvisioningException("wrong passphrase for " + file);
      }
      throw new ProvisioningException("cannot read " + file + ": " + e.getMessage());
    } catch (UnrecoverableKeyException e) {
      throw new ProvisioningException("wrong passphrase for " + file);
    } catch (GeneralSecurityException e) {
      throw new ProvisioningException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static KeyEntry entry(KeyStore store, String alias, char[] passphrase, Path file)
      throws GeneralSecurityException {
    if (!store.isKeyEntry(alias)) {
      throw new ProvisioningException(file + " has no key '" + alias + "'; it is not a PackPass CA key store");
    }
    return new KeyEntry((PrivateKey) store.getKey(alias, passphrase), (X509Certificate) store.getCertificate(alias));
  }

  private static void requirePassphrase(char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      throw new ProvisioningException("the CA passphrase must not be empty");
    }
  }

  // ---------------------------------------------------------------------------------------- accessors

  public Path directory() {
    return dir;
  }

  public X509Certificate rootCertificate() {
    return root.certificate();
  }

  public X509Certificate issuingCertificate() {
    return issuing.certificate();
  }

  public X509Certificate passportSignerCertificate() {
    return signer.certificate();
  }

  /** The manufacturer key that signs birth records, announcing its chain (signer, issuing CA) in x5chain. */
  public SoftwareSigner passportSigner() {
    try {
      return SoftwareSigner.fromPkcs8(signer.key().getEncoded())
          .withCertificateChain(List.of(signer.certificate().getEncoded(), issuing.certificate().getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the passport signer certificate", e);
    }
  }

  /** Everything the issuing CA has issued, in issue order. */
  public List<RegistryEntry> registry() {
    return Registry.read(dir.resolve(REGISTRY));
  }

  // ---------------------------------------------------------------------------------------- devices

  /**
   * Issues a device certificate for the key in {@code csrPem} (PEM PKCS#10, Ed25519 or P-256, signature
   * checked), bound to {@code passport} by its SAN URI (the canonical Digital Link). A passport has one
   * valid device certificate: a second enrollment is refused unless {@code replace}, which revokes the
   * earlier ones (reason superseded). The validity ends at the issuing CA's at the latest.
   */
  public IssuedCertificate enrollDevice(String csrPem, String passport, Period validity, boolean replace) {
    SubjectPublicKeyInfo spki = checkedCsrKey(csrPem);
    DigitalLink link;
    try {
      link = DigitalLink.parse(passport);
    } catch (IdentifierException e) {
      throw new ProvisioningException("--passport: " + e.getMessage());
    }
    String kid = KeyId.ofSubjectPublicKeyInfo(encoded(spki)).toString();

    List<RegistryEntry> entries = new ArrayList<>(registry());
    List<RegistryEntry> previous = new ArrayList<>();
    for (RegistryEntry e : entries) {
      if (e.kind() != RegistryEntry.Kind.DEVICE || e.isRevoked()) {
        continue;
      }
      PassportId enrolled = DigitalLink.parse(e.subject()).id();
      if (enrolled.equals(link.id())) {
        previous.add(e);
      } else if (e.kid().equals(kid)) {
        throw new ProvisioningException("key " + kid + " is already enrolled for another passport, " + e.subject()
            + " (serial " + e.serialHex() + "); a device key belongs to one passport");
      }
    }
    if (!previous.isEmpty() && !replace) {
      RegistryEntry e = previous.get(0);
      throw new ProvisioningException("passport " + link.format() + " is already enrolled (serial " + e.serialHex()
          + ", kid " + e.kid() + "); use --replace to revoke that certificate and enroll this key");
    }

    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    X509Certificate certificate = deviceCertificate(spki, link, now, validity);
    RegistryEntry entry = entry(certificate, RegistryEntry.Kind.DEVICE, link.format());
    List<RegistryEntry> superseded = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (previous.contains(entries.get(i))) {
        RegistryEntry revoked = entries.get(i).revoked(now, RevocationReason.SUPERSEDED);
        entries.set(i, revoked);
        superseded.add(revoked);
      }
    }
    entries.add(entry);
    record(certificate, entries);
    return new IssuedCertificate(certificate, List.of(certificate, issuing.certificate()), entry, superseded);
  }

  /** One device enrollment of a batch: the device's CSR (PEM) and its passport's Digital Link. */
  public record DeviceRequest(String csrPem, String passport) {
  }

  /**
   * Enrolls a whole batch, all or nothing: every request is checked first (CSR signature and key,
   * passport not yet enrolled, key not yet used, no duplicates inside the batch), and if any is
   * refused nothing is issued and the error lists each refusal by its position. The registry is
   * read and written once, which is what makes a factory batch of thousands fast; it is written
   * last, so a crash before it leaves certificate files nobody was given, never a half registry.
   * Replacing an enrollment is a single-device operation ({@link #enrollDevice} with replace).
   */
  public List<IssuedCertificate> enrollDevices(List<DeviceRequest> requests, Period validity) {
    List<RegistryEntry> entries = new ArrayList<>(registry());
    Map<PassportId, RegistryEntry> byPassport = new HashMap<>();
    Map<String, RegistryEntry> byKid = new HashMap<>();
    for (RegistryEntry e : entries) {
      if (e.kind() == RegistryEntry.Kind.DEVICE && !e.isRevoked()) {
        byPassport.put(DigitalLink.parse(e.subject()).id(), e);
        byKid.put(e.kid(), e);
      }
    }
    Map<PassportId, Integer> batchPassports = new HashMap<>();
    Map<String, Integer> batchKids = new HashMap<>();
    List<SubjectPublicKeyInfo> keys = new ArrayList<>();
    List<DigitalLink> links = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      DeviceRequest request = requests.get(i);
      try {
        SubjectPublicKeyInfo spki = checkedCsrKey(request.csrPem());
        DigitalLink link;
        try {
          link = DigitalLink.parse(request.passport());
        } catch (IdentifierException e) {
          throw new ProvisioningException("passport: " + e.getMessage());
        }
        String kid = KeyId.ofSubjectPublicKeyInfo(encoded(spki)).toString();
        if (byPassport.containsKey(link.id())) {
          throw new ProvisioningException("passport " + link.format() + " is already enrolled (serial "
              + byPassport.get(link.id()).serialHex() + ")");
        }
        if (byKid.containsKey(kid)) {
          throw new ProvisioningException("key " + kid + " is already enrolled for " + byKid.get(kid).subject());
        }
        Integer samePassport = batchPassports.putIfAbsent(link.id(), i + 1);
        if (samePassport != null) {
          throw new ProvisioningException("passport " + link.format() + " is also request " + samePassport);
        }
        Integer sameKey = batchKids.putIfAbsent(kid, i + 1);
        if (sameKey != null) {
          throw new ProvisioningException("key " + kid + " is also the key of request " + sameKey);
        }
        keys.add(spki);
        links.add(link);
      } catch (ProvisioningException e) {
        problems.add("request " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ProvisioningException(problems.size() + " of " + requests.size()
          + " enrollment(s) refused; nothing issued:\n  " + String.join("\n  ", problems));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<IssuedCertificate> issued = new ArrayList<>();
    try {
      Files.createDirectories(dir.resolve(ISSUED_DIR));
      for (int i = 0; i < keys.size(); i++) {
        X509Certificate certificate = deviceCertificate(keys.get(i), links.get(i), now, validity);
        RegistryEntry entry = entry(certificate, RegistryEntry.Kind.DEVICE, links.get(i).format());
        Files.writeString(dir.resolve(ISSUED_DIR).resolve(CertificateText.hex(certificate.getSerialNumber()) + ".pem"),
            CertificateText.pem(List.of(certificate)), StandardCharsets.US_ASCII);
        entries.add(entry);
        issued.add(new IssuedCertificate(certificate, List.of(certificate, issuing.certificate()), entry, List.of()));
      }
    } catch (IOException e) {
      throw new ProvisioningException("cannot write the issued certificates to " + dir + ": " + e.getMessage(), e);
    }
    Registry.write(dir.resolve(REGISTRY), entries);
    return issued;
  }

  /** Reads a PEM PKCS#10 request and returns its key once its own signature and key type check out. */
  private static SubjectPublicKeyInfo checkedCsrKey(String csrPem) {
    PKCS10CertificationRequest csr = parseCsr(csrPem);
    SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
    requireSupportedKey(spki);
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(spki))) {
        throw new ProvisioningException("the CSR's signature does not verify with its own key");
      }
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      if (e instanceof ProvisioningException p) {
        throw p;
      }
      throw new ProvisioningException("the CSR's signature cannot be checked: " + e.getMessage());
    }
    return spki;
  }

  private X509Certificate deviceCertificate(SubjectPublicKeyInfo spki, DigitalLink link, Instant now, Period validity) {
    X500Name subject = name(organisation(), link.id().elementString());
    return build(x500(issuing.certificate()), issuing.key(), issuing.certificate(), subject,
        spki, serial(random), now.minus(BACKDATE), endOfValidity(now, validity), (b, u) -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
          b.addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, link.format())));
        });
  }

  private static PKCS10CertificationRequest parseCsr(String pem) {
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new ProvisioningException("the CSR is not readable PEM PKCS#10: " + e.getMessage());
    }
    if (!(object instanceof PKCS10CertificationRequest csr)) {
      throw new ProvisioningException("the CSR file holds no PEM CERTIFICATE REQUEST"
          + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
    }
    return csr;
  }

  private static void requireSupportedKey(SubjectPublicKeyInfo spki) {
    ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
    if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return;
    }
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      ASN1Encodable curve = spki.getAlgorithm().getParameters();
      if (SECObjectIdentifiers.secp256r1.equals(curve)) {
        return;
      }
      throw new ProvisioningException("the CSR's key is on EC curve " + curve + "; PackPass devices use Ed25519 or P-256 keys");
    }
    String what = algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "algorithm " + algorithm;
    throw new ProvisioningException("the CSR's key is " + what + "; PackPass devices use Ed25519 or P-256 keys");
  }

  // ---------------------------------------------------------------------------------------- roles

  /**
   * Generates a key and issues a certificate for a person or service acting in {@code role}. The role is
   * in one place: the SAN URI {@code urn:packpass:role:<role>} (read it with {@link RoleCertificates#roleOf}).
   */
  public RoleCredential issueRole(Role role, String holder, Period validity, KeyAlgorithm algorithm) {
    Objects.requireNonNull(role, "role");
    if (role == Role.ANONYMOUS) {
      throw new ProvisioningException("anonymous is what a reader without a certificate is; it is not issued");
    }
    if (holder == null || holder.isBlank()) {
      throw new ProvisioningException("the holder's name must not be empty");
    }
    KeyPair keys = generate(algorithm, random);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    X509Certificate certificate = build(x500(issuing.certificate()), issuing.key(), issuing.certificate(),
        name(organisation(), holder), SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
        serial(random), now.minus(BACKDATE), endOfValidity(now, validity), (b, u) -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
          b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
              new GeneralName(GeneralName.uniformResourceIdentifier, RoleCertificates.uriOf(role))));
        });
    RegistryEntry entry = entry(certificate, RegistryEntry.Kind.ROLE, role.id() + ":" + holder);
    List<RegistryEntry> entries = new ArrayList<>(registry());
    entries.add(entry);
    record(certificate, entries);
    return new RoleCredential(role, keys.getPrivate(), List.of(certificate, issuing.certificate()), entry);
  }

  // ---------------------------------------------------------------------------------------- revocation

  /** Marks the certificate with {@code serial} revoked in the registry; {@link #crl} publishes it. */
  public RegistryEntry revoke(BigInteger serial, RevocationReason reason) {
    List<RegistryEntry> entries = new ArrayList<>(registry());
    for (int i = 0; i < entries.size(); i++) {
      RegistryEntry e = entries.get(i);
      if (e.serial().equals(serial)) {
        if (e.isRevoked()) {
          throw new ProvisioningException("certificate " + e.serialHex() + " is already revoked ("
              + e.reason().orElseThrow().id() + ", " + e.revokedAt().orElseThrow() + ")");
        }
        RegistryEntry revoked = e.revoked(clock.instant().truncatedTo(ChronoUnit.SECONDS), reason);
        entries.set(i, revoked);
        Registry.write(dir.resolve(REGISTRY), entries);
        return revoked;
      }
    }
    throw new ProvisioningException("no certificate with serial " + CertificateText.hex(serial) + " in " + dir.resolve(REGISTRY));
  }

  /**
   * Signs a new CRL of the issuing CA (next CRL number, thisUpdate now, nextUpdate after
   * {@code validity}) listing every revoked certificate, and writes it to {@code crl.pem}.
   */
  public X509CRL crl(Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new ProvisioningException("the CRL's next update must lie in the future");
    }
    BigInteger number = crlNumber().add(BigInteger.ONE);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    X509v2CRLBuilder builder = new X509v2CRLBuilder(x500(issuing.certificate()), Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(validity)));
    for (RegistryEntry e : registry()) {
      if (e.isRevoked()) {
        builder.addCRLEntry(e.serial(), Date.from(e.revokedAt().orElseThrow()), e.reason().orElseThrow().code());
      }
    }
    X509CRL crl;
    try {
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuing.certificate().getPublicKey()));
      crl = new JcaX509CRLConverter().getCRL(builder.build(contentSigner(issuing.key())));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the CRL", e);
    }
    AtomicFiles.writePrivate(dir.resolve(CRL_NUMBER), (number + "\n").getBytes(StandardCharsets.US_ASCII));
    AtomicFiles.writePublic(dir.resolve(CRL_PEM), CertificateText.pem(crl));
    return crl;
  }

  private BigInteger crlNumber() {
    Path file = dir.resolve(CRL_NUMBER);
    try {
      return Files.exists(file) ? new BigInteger(Files.readString(file).trim()) : BigInteger.ZERO;
    } catch (IOException | NumberFormatException e) {
      throw new ProvisioningException("cannot read the CRL number from " + file + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------- helpers

  private void record(X509Certificate certificate, List<RegistryEntry> entries) {
    AtomicFiles.writePublic(dir.resolve(ISSUED_DIR).resolve(CertificateText.hex(certificate.getSerialNumber()) + ".pem"),
        CertificateText.pem(List.of(certificate)));
    Registry.write(dir.resolve(REGISTRY), entries);
  }

  private static RegistryEntry entry(X509Certificate certificate, RegistryEntry.Kind kind, String subject) {
    return new RegistryEntry(certificate.getSerialNumber(), kind, subject, CertificateText.keyId(certificate).toString(),
        certificate.getNotAfter().toInstant(), Optional.empty(), Optional.empty());
  }

  private Instant endOfValidity(Instant now, Period validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new ProvisioningException("validity must be positive, got " + validity);
    }
    Instant end = plus(now, validity);
    Instant caEnd = issuing.certificate().getNotAfter().toInstant();
    return end.isAfter(caEnd) ? caEnd : end;
  }

  private static Instant plus(Instant instant, Period period) {
    return instant.atZone(ZoneOffset.UTC).plus(period).toInstant();
  }

  private String organisation() {
    X500Name name = x500(issuing.certificate());
    var rdns = name.getRDNs(BCStyle.O);
    return rdns.length == 0 ? "" : rdns[0].getFirst().getValue().toString();
  }

  private static X500Name name(String organisation, String commonName) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    if (!organisation.isEmpty()) {
      builder.addRDN(BCStyle.O, organisation);
    }
    return builder.addRDN(BCStyle.CN, commonName).build();
  }

  private static X500Name x500(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  private static BigInteger serial(SecureRandom random) {
    // 127 random bits with the top one set: positive, always 16 bytes of DER, 32 hex digits.
    return new BigInteger(127, random).setBit(126);
  }

  static KeyPair generate(KeyAlgorithm algorithm, SecureRandom random) {
    try {
      KeyPairGenerator generator;
      if (algorithm == KeyAlgorithm.ED25519) {
        generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, random);
      } else {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + algorithm.id() + " keys", e);
    }
  }

  static KeyAlgorithm algorithmOf(PrivateKey key) {
    String name = key.getAlgorithm();
    if (name.equals("EC") || name.equals("ECDSA")) {
      return KeyAlgorithm.P256;
    }
    if (name.equals("EdDSA") || name.equals("Ed25519")) {
      return KeyAlgorithm.ED25519;
    }
    throw new ProvisioningException("unsupported CA key algorithm " + name);
  }

  private static ContentSigner contentSigner(PrivateKey key) {
    try {
      // Bouncy Castle, not the JDK's SunEC: JDK 17's Ed25519 and ECDSA are 8 to 20 times slower
      // (coap-cose.md §3.3), which decides how fast a batch of device certificates is issued.
      return new JcaContentSignerBuilder(algorithmOf(key).signatureAlgorithm()).setProvider(BC).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with the CA key", e);
    }
  }

  @FunctionalInterface
  private interface Extensions {
    void add(X509v3CertificateBuilder builder, JcaX509ExtensionUtils utils) throws IOException;
  }

  private static X509Certificate build(X500Name issuer, PrivateKey issuerKey, X509Certificate issuerCert,
      X500Name subject, PublicKey subjectKey, BigInteger serial, Instant notBefore, Instant notAfter,
      Extensions extensions) {
    return build(issuer, issuerKey, issuerCert, subject, SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()),
        serial, notBefore, notAfter, extensions);
  }

  private static X509Certificate build(X500Name issuer, PrivateKey issuerKey, X509Certificate issuerCert,
      X500Name subject, SubjectPublicKeyInfo spki, BigInteger serial, Instant notBefore, Instant notAfter,
      Extensions extensions) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
          Date.from(notAfter), subject, spki);
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
      if (issuerCert != null) {
        builder.addExtension(Extension.authorityKeyIdentifier, false,
            utils.createAuthorityKeyIdentifier(issuerCert.getPublicKey()));
      }
      extensions.add(builder, utils);
      X509CertificateHolder holder = builder.build(contentSigner(issuerKey));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the certificate for " + subject, e);
    }
  }

  private static byte[] encoded(SubjectPublicKeyInfo spki) {
    try {
      return spki.getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] keyStore(char[] passphrase, KeyEntry root, List<X509Certificate> rootChain,
      KeyEntry issuing, List<X509Certificate> issuingChain, KeyEntry signer, List<X509Certificate> signerChain) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ROOT_ALIAS, root.key(), passphrase, rootChain.toArray(new Certificate[0]));
      store.setKeyEntry(ISSUING_ALIAS, issuing.key(), passphrase, issuingChain.toArray(new Certificate[0]));
      store.setKeyEntry(SIGNER_ALIAS, signer.key(), passphrase, signerChain.toArray(new Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, passphrase);
      return out.toByteArray();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the PKCS#12 key store", e);
    }
  }

  @Override
  public String toString() {
    return "CaStore[" + dir + "]";
  }
}
