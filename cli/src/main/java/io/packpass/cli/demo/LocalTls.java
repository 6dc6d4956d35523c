package io.packpass.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The registry's TLS certificate on this machine: self-signed for localhost and 127.0.0.1, what
 * {@code keytool -genkeypair} makes in docs/examples/registry-demo.sh. Not the manufacturer's PKI:
 * that one vouches for packs and roles, not for a web server's host name. A browser warns about it
 * once; a real registry has a certificate from a public CA.
 */
final class LocalTls {
  private LocalTls() {
  }

  /** Writes the PKCS#12 key store (private, owner only) and the certificate as PEM for clients. */
  static void write(Path keyStore, char[] passphrase, Path certificatePem, Duration validity) {
    try {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = ec.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=localhost, O=PackPass demo (not for production)");
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(validity)), name, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("registry", keys.getPrivate(), passphrase, new Certificate[] {certificate});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, passphrase);
      DemoFiles.writePrivate(keyStore, out.toByteArray());
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      Files.writeString(certificatePem, pem, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the registry's TLS certificate: " + e.getMessage(), e);
    }
  }
}
