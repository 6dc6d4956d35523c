package io.packpass.provisioning;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.X509CRLHolder;

/** Keys, CSRs and a JDK PKIX validator for the provisioning tests. */
public final class TestPki {
  public static final String PASSPORT = "https://id.packpass.example/01/09521234000013/21/PK0001234";
  public static final String OTHER_PASSPORT = "https://id.packpass.example/01/09521234000013/21/PK0009999";

  private TestPki() {
  }

  public static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  public static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  public static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  public static PKCS10CertificationRequest csr(KeyPair keys) throws Exception {
    String algorithm = switch (keys.getPrivate().getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> "Ed25519";
    };
    return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=pack agent"), keys.getPublic())
        .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
  }

  /** The same request with one bit of its signature flipped. */
  public static PKCS10CertificationRequest tampered(PKCS10CertificationRequest csr) {
    byte[] signature = csr.getSignature();
    signature[signature.length - 1] ^= 1;
    return new PKCS10CertificationRequest(new CertificationRequest(csr.toASN1Structure().getCertificationRequestInfo(),
        csr.getSignatureAlgorithm(), new DERBitString(signature)));
  }

  public static Path writeCsr(Path file, PKCS10CertificationRequest csr) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(csr);
    }
    Files.writeString(file, out.toString());
    return file;
  }

  public static Path writeEd25519Csr(Path file) throws Exception {
    return writeCsr(file, csr(ed25519()));
  }

  public static List<X509Certificate> certificates(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList();
    }
  }

  public static X509Certificate certificate(Path pem) throws Exception {
    return certificates(pem).get(0);
  }

  public static X509CRL crl(Path pem) throws Exception {
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(pem))) {
      return new JcaX509CRLConverter().getCRL((X509CRLHolder) parser.readObject());
    }
  }

  /**
   * Validates {@code leaf} issued by {@code issuing} against the trust anchor {@code root} with the
   * JDK's PKIX validator; with {@code crl}, revocation of the leaf is checked against it (no network).
   */
  public static void validate(X509Certificate leaf, X509Certificate issuing, X509Certificate root, X509CRL crl)
      throws Exception {
    CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, issuing));
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    CertPathValidator validator = CertPathValidator.getInstance("PKIX");
    if (crl == null) {
      parameters.setRevocationEnabled(false);
    } else {
      parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
      parameters.setRevocationEnabled(true);
      PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
      checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
          PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY));
      parameters.addCertPathChecker(checker);
    }
    validator.validate(path, parameters);
  }

  /** Every file under {@code dir}, relative, sorted. */
  public static List<String> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }
}
