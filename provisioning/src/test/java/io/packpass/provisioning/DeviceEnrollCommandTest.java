package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.core.pki.RoleCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceEnrollCommandTest {
  @TempDir
  Path tmp;
  Path ca;
  Path passphrase;
  X509Certificate root;
  X509Certificate issuing;

  @BeforeEach
  void ca() throws Exception {
    ca = tmp.resolve("ca");
    passphrase = Files.writeString(tmp.resolve("pass"), "s3cret\n");
    assertThat(Cli.run("ca", "init", "--dir", ca.toString(), "--passphrase-file", passphrase.toString()).exit()).isZero();
    root = TestPki.certificate(ca.resolve("root.pem"));
    issuing = TestPki.certificate(ca.resolve("issuing.pem"));
  }

  private Cli.Result enroll(Path csr, String passport, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("device", "enroll", "--dir", ca.toString(),
        "--csr", csr.toString(), "--passport", passport, "--passphrase-file", passphrase.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private Cli.Result crl() {
    return Cli.run("crl", "--dir", ca.toString(), "--passphrase-file", passphrase.toString());
  }

  @Test
  void issues_a_dtls_device_certificate_bound_to_the_canonical_digital_link() throws Exception {
    Path csr = TestPki.writeEd25519Csr(tmp.resolve("device.csr"));
    Path out = tmp.resolve("out/device.pem");
    // Upper-case host and a lot qualifier: the certificate carries the canonical form.
    Cli.Result result = enroll(csr, "https://ID.packpass.example/01/09521234000013/10/L1/21/PK0001234", "--out", out.toString());

    assertThat(result.exit()).as(result.toString()).isZero();
    List<X509Certificate> chain = TestPki.certificates(out);
    assertThat(chain).hasSize(2);
    X509Certificate device = chain.get(0);
    assertThat(chain.get(1)).isEqualTo(issuing);
    assertThat(RoleCertificates.sanUris(device)).containsExactly(TestPki.PASSPORT);
    assertThat(RoleCertificates.roleOf(device)).isEmpty();
    assertThat(device.getKeyUsage()[0]).isTrue();
    assertThat(device.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(device.getSubjectX500Principal().getName()).contains("CN=(01)09521234000013(21)PK0001234");
    String serial = device.getSerialNumber().toString(16).toUpperCase();
    assertThat(result.out()).contains("serial     " + serial, "kid        " + CertificateText.keyId(device));
    assertThat(ca.resolve("issued/" + serial + ".pem")).exists();
    assertThat(Files.readString(ca.resolve("registry.csv"))).contains(serial, TestPki.PASSPORT, "device");

    assertThat(crl().exit()).isZero();
    TestPki.validate(device, issuing, root, TestPki.crl(ca.resolve("crl.pem")));
  }

  @Test
  void accepts_a_p256_csr() throws Exception {
    Path csr = TestPki.writeCsr(tmp.resolve("p256.csr"), TestPki.csr(TestPki.p256()));
    Cli.Result result = enroll(csr, TestPki.PASSPORT, "--out", tmp.resolve("d.pem").toString());
    assertThat(result.exit()).as(result.toString()).isZero();
    X509Certificate device = TestPki.certificate(tmp.resolve("d.pem"));
    assertThat(device.getPublicKey().getAlgorithm()).isEqualTo("EC");
    TestPki.validate(device, issuing, root, null);
  }

  @Test
  void refuses_a_second_enrollment_of_the_same_passport_without_replace() throws Exception {
    assertThat(enroll(TestPki.writeEd25519Csr(tmp.resolve("a.csr")), TestPki.PASSPORT).exit()).isZero();
    String registry = Files.readString(ca.resolve("registry.csv"));

    Cli.Result again = enroll(TestPki.writeEd25519Csr(tmp.resolve("b.csr")), TestPki.PASSPORT);

    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("is already enrolled", "use --replace").hasLineCount(1);
    assertThat(Files.readString(ca.resolve("registry.csv"))).isEqualTo(registry);
  }

  @Test
  void replace_revokes_the_old_certificate_as_superseded() throws Exception {
    Path first = tmp.resolve("first.pem");
    Path second = tmp.resolve("second.pem");
    assertThat(enroll(TestPki.writeEd25519Csr(tmp.resolve("a.csr")), TestPki.PASSPORT, "--out", first.toString()).exit()).isZero();
    Cli.Result replaced = enroll(TestPki.writeEd25519Csr(tmp.resolve("b.csr")), TestPki.PASSPORT,
        "--replace", "--out", second.toString());
    assertThat(replaced.exit()).as(replaced.toString()).isZero();
    X509Certificate old = TestPki.certificate(first);
    assertThat(replaced.out()).contains("revoked " + old.getSerialNumber().toString(16).toUpperCase() + " (superseded)");

    assertThat(crl().exit()).isZero();
    X509CRL crl = TestPki.crl(ca.resolve("crl.pem"));
    assertThat(crl.getRevokedCertificate(old).getRevocationReason()).hasToString("SUPERSEDED");
    assertThatThrownBy(() -> TestPki.validate(old, issuing, root, crl))
        .isInstanceOf(CertPathValidatorException.class).hasMessageContaining("revoked");
    TestPki.validate(TestPki.certificate(second), issuing, root, crl);
  }

  @Test
  void refuses_one_key_for_two_passports() throws Exception {
    Path csr = TestPki.writeEd25519Csr(tmp.resolve("a.csr"));
    assertThat(enroll(csr, TestPki.PASSPORT).exit()).isZero();
    Cli.Result other = enroll(csr, TestPki.OTHER_PASSPORT);
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("is already enrolled for another passport");
  }

  @Test
  void rejects_a_malformed_csr() throws Exception {
    Path csr = Files.writeString(tmp.resolve("bad.csr"), "-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----\n");
    assertRejected(enroll(csr, TestPki.PASSPORT), "the CSR is not readable PEM PKCS#10");
    Path text = Files.writeString(tmp.resolve("text.csr"), "hello\n");
    assertRejected(enroll(text, TestPki.PASSPORT), "the CSR file holds no PEM CERTIFICATE REQUEST");
  }

  @Test
  void rejects_a_csr_whose_signature_does_not_verify() throws Exception {
    Path csr = TestPki.writeCsr(tmp.resolve("tampered.csr"), TestPki.tampered(TestPki.csr(TestPki.ed25519())));
    assertRejected(enroll(csr, TestPki.PASSPORT), "the CSR's signature does not verify with its own key");
  }

  @Test
  void rejects_an_rsa_csr() throws Exception {
    Path csr = TestPki.writeCsr(tmp.resolve("rsa.csr"), TestPki.csr(TestPki.rsa()));
    assertRejected(enroll(csr, TestPki.PASSPORT), "the CSR's key is RSA; PackPass devices use Ed25519 or P-256 keys");
  }

  @Test
  void rejects_an_invalid_passport_link_a_wrong_passphrase_and_a_missing_csr() throws Exception {
    Path csr = TestPki.writeEd25519Csr(tmp.resolve("a.csr"));
    assertRejected(enroll(csr, "https://id.packpass.example/01/09521234000014/21/X"), "--passport: ");
    Files.writeString(passphrase, "wrong");
    assertRejected(enroll(csr, TestPki.PASSPORT), "wrong passphrase for ");
    assertRejected(enroll(tmp.resolve("missing.csr"), TestPki.PASSPORT), "cannot read the CSR ");
  }

  private void assertRejected(Cli.Result result, String message) throws Exception {
    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).startsWith("packpass provision: ").contains(message).hasLineCount(1);
    assertThat(TestPki.files(ca.resolve("issued"))).hasSize(1); // the passport signer only
    assertThat(Files.readString(ca.resolve("registry.csv"))).doesNotContain(",device,");
  }

  @Test
  void a_certificate_issued_in_the_past_expires() throws Exception {
    Path old = tmp.resolve("old-ca");
    char[] secret = "s3cret".toCharArray();
    Instant fiveYearsAgo = Instant.now().minus(5 * 365, ChronoUnit.DAYS);
    CaStore.init(old, CaOptions.defaults(), secret, Clock.fixed(fiveYearsAgo, ZoneOffset.UTC));
    CaStore threeYearsAgo = CaStore.open(old, secret,
        Clock.fixed(fiveYearsAgo.plus(2 * 365, ChronoUnit.DAYS), ZoneOffset.UTC));
    String csr = Files.readString(TestPki.writeEd25519Csr(tmp.resolve("a.csr")));
    X509Certificate device = threeYearsAgo.enrollDevice(csr, TestPki.PASSPORT, Period.ofYears(1), false).certificate();
    X509CRL crl = CaStore.open(old, secret).crl(java.time.Duration.ofDays(7));

    assertThatThrownBy(() -> TestPki.validate(device, threeYearsAgo.issuingCertificate(),
        threeYearsAgo.rootCertificate(), crl))
        .isInstanceOf(CertPathValidatorException.class).hasCauseInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void device_validity_is_capped_at_the_issuing_ca() throws Exception {
    Cli.Result result = enroll(TestPki.writeEd25519Csr(tmp.resolve("a.csr")), TestPki.PASSPORT,
        "--validity-years", "30", "--out", tmp.resolve("d.pem").toString());
    assertThat(result.exit()).isZero();
    assertThat(TestPki.certificate(tmp.resolve("d.pem")).getNotAfter()).isEqualTo(issuing.getNotAfter());
  }
}
