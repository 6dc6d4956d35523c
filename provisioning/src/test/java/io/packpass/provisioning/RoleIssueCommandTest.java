package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.passport.Role;
import io.packpass.core.pki.RoleCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleIssueCommandTest {
  @TempDir
  Path tmp;
  Path ca;
  Path out;
  Path passphrase;
  Path exportPassphrase;

  @BeforeEach
  void ca() throws Exception {
    ca = tmp.resolve("ca");
    out = tmp.resolve("creds");
    passphrase = Files.writeString(tmp.resolve("pass"), "s3cret\n");
    exportPassphrase = Files.writeString(tmp.resolve("export"), "for anna\n");
    assertThat(Cli.run("ca", "init", "--dir", ca.toString(), "--passphrase-file", passphrase.toString()).exit()).isZero();
  }

  private Cli.Result issue(String role, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("role", "issue", "--dir", ca.toString(), "--role", role,
        "--name", "Anna Schmidt, Grading", "--out", out.toString(), "--passphrase-file", passphrase.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void issues_a_role_credential_with_the_role_in_its_san_uri() throws Exception {
    Cli.Result result = issue("grader", "--export-passphrase-file", exportPassphrase.toString());

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(TestPki.files(out)).containsExactly("grader-anna-schmidt-grading.key.pem",
        "grader-anna-schmidt-grading.p12", "grader-anna-schmidt-grading.pem");
    assertThat(result.out()).contains("issued urn:packpass:role:grader to Anna Schmidt, Grading").doesNotContain("for anna");
    List<X509Certificate> chain = TestPki.certificates(out.resolve("grader-anna-schmidt-grading.pem"));
    X509Certificate certificate = chain.get(0);
    assertThat(RoleCertificates.sanUris(certificate)).containsExactly("urn:packpass:role:grader");
    assertThat(RoleCertificates.roleOf(certificate)).contains(Role.GRADER);
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=Anna Schmidt\\, Grading");
    TestPki.validate(certificate, chain.get(1), TestPki.certificate(ca.resolve("root.pem")), null);
    assertThat(Files.readString(ca.resolve("registry.csv"))).contains("role", "grader:Anna Schmidt, Grading");

    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(out.resolve("grader-anna-schmidt-grading.p12"))) {
      p12.load(in, "for anna".toCharArray());
    }
    PrivateKey key = (PrivateKey) p12.getKey("grader-anna-schmidt-grading", "for anna".toCharArray());
    assertThat(p12.getCertificate("grader-anna-schmidt-grading")).isEqualTo(certificate);

    String keyPem = Files.readString(out.resolve("grader-anna-schmidt-grading.key.pem"));
    assertThat(keyPem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    try (PEMParser parser = new PEMParser(new java.io.StringReader(keyPem))) {
      PrivateKeyInfo info = ((PKCS8EncryptedPrivateKeyInfo) parser.readObject()).decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
              .build("for anna".toCharArray()));
      assertThat(info.getPrivateKeyAlgorithm().getAlgorithm().getId()).isEqualTo("1.3.101.112");
      assertThat(key.getAlgorithm()).isIn("EdDSA", "Ed25519");
    }
  }

  @Test
  void an_unknown_role_is_refused_with_the_list_of_roles() throws Exception {
    Cli.Result result = issue("janitor", "--export-passphrase-file", exportPassphrase.toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualToIgnoringNewLines("packpass provision: unknown role 'janitor'; expected one of: "
        + "dismantler, repairer, grader, recycler, fleet, authority");
    assertThat(out).doesNotExist();
    Cli.Result anonymous = issue("anonymous", "--export-passphrase-file", exportPassphrase.toString());
    assertThat(anonymous.exit()).isEqualTo(2);
  }

  @Test
  void without_an_export_passphrase_nothing_is_issued() throws Exception {
    String registry = Files.readString(ca.resolve("registry.csv"));
    Cli.Result result = issue("fleet");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualToIgnoringNewLines("packpass provision: no passphrase for the exported credential: "
        + "give --export-passphrase-file FILE or --export-passphrase-env VAR");
    assertThat(out).doesNotExist();
    assertThat(Files.readString(ca.resolve("registry.csv"))).isEqualTo(registry);
  }

  @Test
  void refuses_to_overwrite_an_exported_credential() throws Exception {
    assertThat(issue("fleet", "--export-passphrase-file", exportPassphrase.toString()).exit()).isZero();
    Cli.Result again = issue("fleet", "--export-passphrase-file", exportPassphrase.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists; refusing to overwrite it");
  }

  @Test
  void every_issuable_role_round_trips_through_role_of() throws Exception {
    for (Role role : RoleIssueCommand.ISSUABLE) {
      Cli.Result result = issue(role.id(), "--export-passphrase-file", exportPassphrase.toString(), "--algorithm", "p256");
      assertThat(result.exit()).as(result.toString()).isZero();
      X509Certificate certificate = TestPki.certificate(out.resolve(role.id() + "-anna-schmidt-grading.pem"));
      assertThat(RoleCertificates.roleOf(certificate)).contains(role);
    }
  }
}
