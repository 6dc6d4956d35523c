package io.packpass.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The registry's own TLS identity for tests: a small "site CA" (standing in for whatever CA signs the
 * operator's web certificates) and a server certificate for 127.0.0.1, ::1 and localhost. Not the
 * manufacturer's PKI: that one vouches for packs and roles, not for the registry's host name.
 */
public final class TestTls {
  public static final char[] PASSPHRASE = "tls-s3cret".toCharArray();

  public final X509Certificate ca;
  public final Path serverKeyStore;

  public TestTls(Path dir) {
    try {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair caKeys = ec.generateKeyPair();
      KeyPair serverKeys = ec.generateKeyPair();
      Instant now = Instant.now();
      X500Name caName = new X500Name("CN=Test Site TLS CA");
      ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0)), caKeys);
      X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
          new X500Name("CN=registry.test"), serverKeys.getPublic())
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1"),
              new GeneralName(GeneralName.dNSName, "localhost")})),
          caKeys);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("registry", serverKeys.getPrivate(), PASSPHRASE, new Certificate[] {server, ca});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, PASSPHRASE);
      serverKeyStore = dir.resolve("registry-tls.p12");
      Files.write(serverKeyStore, out.toByteArray());
    } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make the test TLS identity", e);
    }
  }

  private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer)
      throws org.bouncycastle.operator.OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
