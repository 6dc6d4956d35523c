package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we issue, checked by a peer we did not write: the OpenSSL 3 command line. Runs with
 * {@code ./mvnw -Pinterop}; needs {@code openssl} on the PATH.
 */
@Tag("interop")
class OpensslInteropTest {
  @TempDir
  Path tmp;

  record Run(int exit, String output) {
  }

  @BeforeAll
  static void opensslIsThere() throws Exception {
    Run version = openssl(Path.of("."), "version");
    assertThat(version.exit()).as("openssl version").isZero();
    assertThat(version.output()).startsWith("OpenSSL 3");
  }

  static Run openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "p256"})
  void openssl_verifies_device_certificates_and_honours_the_crl(String algorithm) throws Exception {
    Path ca = tmp.resolve("ca");
    Path pass = Files.writeString(tmp.resolve("pass"), "s3cret\n");
    String[] auth = {"--dir", ca.toString(), "--passphrase-file", pass.toString()};
    assertThat(Cli.run(concat(new String[] {"ca", "init", "--algorithm", algorithm}, auth)).exit()).isZero();
    Path csr = TestPki.writeEd25519Csr(tmp.resolve("device.csr"));
    assertThat(Cli.run(concat(new String[] {"device", "enroll", "--csr", csr.toString(), "--passport", TestPki.PASSPORT,
        "--out", tmp.resolve("chain.pem").toString()}, auth)).exit()).isZero();
    Files.writeString(tmp.resolve("device.pem"), Files.readString(tmp.resolve("chain.pem"))
        .substring(0, Files.readString(tmp.resolve("chain.pem")).indexOf("-----END CERTIFICATE-----") + 26));
    Files.copy(ca.resolve("root.pem"), tmp.resolve("root.pem"));
    Files.copy(ca.resolve("issuing.pem"), tmp.resolve("issuing.pem"));
    String serial = TestPki.certificate(tmp.resolve("device.pem")).getSerialNumber().toString(16).toUpperCase();

    Run verify = openssl(tmp, "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "device.pem");
    assertThat(verify.exit()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("device.pem: OK");

    Run text = openssl(tmp, "x509", "-in", "device.pem", "-noout", "-text");
    assertThat(text.output()).contains("URI:" + TestPki.PASSPORT, "TLS Web Server Authentication",
        "TLS Web Client Authentication", "Digital Signature");

    assertThat(Cli.run(concat(new String[] {"crl", "--out", tmp.resolve("crl.pem").toString()}, auth)).exit()).isZero();
    Run fresh = openssl(tmp, "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
        "-CRLfile", "crl.pem", "device.pem");
    assertThat(fresh.exit()).as(fresh.output()).isZero();

    assertThat(Cli.run(concat(new String[] {"revoke", "--serial", serial, "--reason", "keyCompromise"}, auth)).exit()).isZero();
    assertThat(Cli.run(concat(new String[] {"crl", "--out", tmp.resolve("crl.pem").toString()}, auth)).exit()).isZero();
    Run revoked = openssl(tmp, "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
        "-CRLfile", "crl.pem", "device.pem");
    assertThat(revoked.exit()).as(revoked.output()).isNotZero();
    assertThat(revoked.output()).contains("certificate revoked");

    Run crl = openssl(tmp, "crl", "-in", "crl.pem", "-noout", "-text");
    assertThat(crl.exit()).as(crl.output()).isZero();
    assertThat(crl.output()).contains("Certificate Revocation List (CRL)", "X509v3 CRL Number:", "2",
        "Next Update:", "Serial Number: " + serial, "Key Compromise", "Voltaris Demo Cells GmbH PackPass Issuing CA");
    Run crlVerify = openssl(tmp, "crl", "-in", "crl.pem", "-noout", "-CAfile", "issuing.pem");
    assertThat(crlVerify.output()).contains("verify OK");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "p256"})
  void openssl_reads_role_credentials_with_the_export_passphrase(String algorithm) throws Exception {
    Path ca = tmp.resolve("ca");
    Path pass = Files.writeString(tmp.resolve("pass"), "s3cret\n");
    Path export = Files.writeString(tmp.resolve("export"), "for the grader\n");
    assertThat(Cli.run("ca", "init", "--dir", ca.toString(), "--passphrase-file", pass.toString()).exit()).isZero();
    Cli.Result issued = Cli.run("role", "issue", "--dir", ca.toString(), "--passphrase-file", pass.toString(),
        "--role", "grader", "--name", "Grading Station 1", "--out", tmp.toString(), "--algorithm", algorithm,
        "--export-passphrase-file", export.toString());
    assertThat(issued.exit()).as(issued.toString()).isZero();
    Files.copy(ca.resolve("root.pem"), tmp.resolve("root.pem"));
    Files.copy(ca.resolve("issuing.pem"), tmp.resolve("issuing.pem"));

    Run p12 = openssl(tmp, "pkcs12", "-in", "grader-grading-station-1.p12", "-passin", "file:export", "-nokeys");
    assertThat(p12.exit()).as(p12.output()).isZero();
    assertThat(p12.output()).contains("CN = Grading Station 1");
    Run key = openssl(tmp, "pkey", "-in", "grader-grading-station-1.key.pem", "-passin", "file:export", "-noout");
    assertThat(key.exit()).as(key.output()).isZero();
    Run wrong = openssl(tmp, "pkey", "-in", "grader-grading-station-1.key.pem", "-passin", "pass:nope", "-noout");
    assertThat(wrong.exit()).isNotZero();
    Run text = openssl(tmp, "x509", "-in", "grader-grading-station-1.pem", "-noout", "-ext", "subjectAltName");
    assertThat(text.output()).contains("URI:urn:packpass:role:grader");
    Run verify = openssl(tmp, "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "grader-grading-station-1.pem");
    assertThat(verify.output()).contains("OK");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
