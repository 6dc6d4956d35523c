package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationTest {
  @TempDir
  Path tmp;
  Path ca;
  Path passphrase;
  X509Certificate root;
  X509Certificate issuing;
  X509Certificate device;

  @BeforeEach
  void enrolled() throws Exception {
    ca = tmp.resolve("ca");
    passphrase = Files.writeString(tmp.resolve("pass"), "s3cret\n");
    assertThat(Cli.run("ca", "init", "--dir", ca.toString(), "--passphrase-file", passphrase.toString()).exit()).isZero();
    root = TestPki.certificate(ca.resolve("root.pem"));
    issuing = TestPki.certificate(ca.resolve("issuing.pem"));
    Path csr = TestPki.writeEd25519Csr(tmp.resolve("a.csr"));
    assertThat(Cli.run("device", "enroll", "--dir", ca.toString(), "--csr", csr.toString(), "--passport", TestPki.PASSPORT,
        "--out", tmp.resolve("device.pem").toString(), "--passphrase-file", passphrase.toString()).exit()).isZero();
    device = TestPki.certificate(tmp.resolve("device.pem"));
  }

  private Cli.Result cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--dir";
    all[args.length + 1] = ca.toString();
    all[args.length + 2] = "--passphrase-file";
    all[args.length + 3] = passphrase.toString();
    return Cli.run(all);
  }

  private static BigInteger crlNumber(X509CRL crl) {
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
        .getOctets()).getValue();
  }

  @Test
  void a_revoked_certificate_fails_pkix_validation_once_the_crl_is_published() throws Exception {
    Path copy = tmp.resolve("published/crl.pem");
    assertThat(cli("crl", "--out", copy.toString()).exit()).isZero();
    X509CRL before = TestPki.crl(ca.resolve("crl.pem"));
    TestPki.validate(device, issuing, root, before);

    String serial = device.getSerialNumber().toString(16).toUpperCase();
    Cli.Result revoke = cli("revoke", "--serial", serial, "--reason", "keyCompromise");
    assertThat(revoke.exit()).as(revoke.toString()).isZero();
    assertThat(revoke.out()).contains("revoked " + serial, "keyCompromise", "run 'crl'");
    Cli.Result crl = cli("crl", "--next-update-days", "3", "--out", copy.toString());
    assertThat(crl.exit()).as(crl.toString()).isZero();

    X509CRL after = TestPki.crl(ca.resolve("crl.pem"));
    assertThat(Files.readString(copy)).isEqualTo(Files.readString(ca.resolve("crl.pem")));
    assertThat(after.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
    after.verify(issuing.getPublicKey());
    assertThat(Duration.between(after.getThisUpdate().toInstant(), after.getNextUpdate().toInstant()))
        .isEqualTo(Duration.ofDays(3));
    assertThat(crlNumber(before)).isEqualTo(1);
    assertThat(crlNumber(after)).isEqualTo(2);
    assertThat(after.getRevokedCertificate(device).getRevocationReason()).hasToString("KEY_COMPROMISE");
    assertThatThrownBy(() -> TestPki.validate(device, issuing, root, after))
        .isInstanceOf(CertPathValidatorException.class).hasMessageContaining("revoked");
  }

  @Test
  void accepts_serials_with_0x_and_colons() throws Exception {
    String hex = device.getSerialNumber().toString(16);
    StringBuilder colons = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      colons.append(i == 0 ? "" : ":").append(hex, i, Math.min(i + 2, hex.length()));
    }
    assertThat(cli("revoke", "--serial", colons.toString(), "--reason", "cessationOfOperation").exit()).isZero();
    Cli.Result again = cli("revoke", "--serial", "0x" + hex);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("is already revoked (cessationOfOperation");
  }

  @Test
  void bad_revocations_are_refused_in_one_line() throws Exception {
    String registry = Files.readString(ca.resolve("registry.csv"));
    Cli.Result unknown = cli("revoke", "--serial", "ABC123");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no certificate with serial ABC123").hasLineCount(1);
    Cli.Result reason = cli("revoke", "--serial", device.getSerialNumber().toString(16), "--reason", "certificateHold");
    assertThat(reason.exit()).isEqualTo(2);
    assertThat(reason.err()).contains("unknown revocation reason 'certificateHold'; expected one of: unspecified, keyCompromise");
    Cli.Result notHex = cli("revoke", "--serial", "xyz");
    assertThat(notHex.exit()).isEqualTo(2);
    assertThat(notHex.err()).contains("serial 'xyz' is not a positive hex number");
    assertThat(Files.readString(ca.resolve("registry.csv"))).isEqualTo(registry);
  }
}
