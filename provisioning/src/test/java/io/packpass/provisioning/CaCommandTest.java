package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.core.pki.PackPassOids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCommandTest {
  private static final String SECRET = "correct horse battery staple";

  @TempDir
  Path tmp;
  Path ca;
  Path passphrase;

  @BeforeEach
  void files() throws Exception {
    ca = tmp.resolve("ca");
    passphrase = Files.writeString(tmp.resolve("pass"), SECRET + "\n");
  }

  private Cli.Result init(String... more) {
    String[] base = {"ca", "init", "--dir", ca.toString(), "--passphrase-file", passphrase.toString()};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  @Test
  void dash_capital_v_prints_the_product_version() {
    Cli.Result result = Cli.run("-V");
    assertThat(result.exit()).isZero();
    assertThat(result.out().strip()).matches("PackPass (development|\\d+\\.\\d+\\.\\d+.*)");
  }

  @Test
  void init_writes_the_documented_layout_and_never_prints_the_passphrase() throws Exception {
    Cli.Result result = init();

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(TestPki.files(ca)).hasSize(7).contains("ca.p12", "root.pem", "issuing.pem", "passport-signer.pem",
        "registry.csv", "crlnumber");
    assertThat(result.out()).contains("root:", "issuing:", "passport signer:", "kid ", "sha-256")
        .doesNotContain(SECRET);
    assertThat(result.err()).isEmpty();
    assertThat(Files.readString(ca.resolve("registry.csv"))).contains("passport-signer");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(ca.resolve("ca.p12"))) {
      store.load(in, SECRET.toCharArray());
    }
    assertThat(store.aliases().asIterator()).toIterable().containsExactlyInAnyOrder("root", "issuing", "passport-signer");
  }

  @Test
  void init_builds_an_ed25519_hierarchy_with_a_passport_signing_eku() throws Exception {
    init();
    X509Certificate root = TestPki.certificate(ca.resolve("root.pem"));
    var chain = TestPki.certificates(ca.resolve("issuing.pem"));
    var signer = TestPki.certificates(ca.resolve("passport-signer.pem"));

    assertThat(root.getPublicKey().getAlgorithm()).isIn("EdDSA", "Ed25519");
    assertThat(root.getBasicConstraints()).isEqualTo(1);
    assertThat(chain).hasSize(2);
    assertThat(chain.get(0).getBasicConstraints()).isZero();
    assertThat(chain.get(0).getSubjectX500Principal().getName()).contains("Voltaris Demo Cells GmbH PackPass Issuing CA");
    assertThat(signer.get(0).getExtendedKeyUsage()).containsExactly(PackPassOids.KP_PASSPORT_SIGNING.getId());
    assertThat(signer.get(0).getBasicConstraints()).isEqualTo(-1);
    TestPki.validate(signer.get(0), chain.get(0), root, null);
  }

  @Test
  void init_makes_p256_keys_on_request() throws Exception {
    Cli.Result result = init("--algorithm", "p256", "--name", "Other Cells AG");
    assertThat(result.exit()).as(result.toString()).isZero();
    X509Certificate root = TestPki.certificate(ca.resolve("root.pem"));
    assertThat(root.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(root.getSubjectX500Principal().getName()).contains("O=Other Cells AG");
  }

  @Test
  void init_refuses_to_overwrite_an_existing_ca() throws Exception {
    init();
    byte[] before = Files.readAllBytes(ca.resolve("ca.p12"));
    Cli.Result again = init();
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("a CA already exists in").hasLineCount(1);
    assertThat(Files.readAllBytes(ca.resolve("ca.p12"))).isEqualTo(before);
  }

  @Test
  void init_without_a_passphrase_fails_cleanly_and_writes_nothing() {
    Cli.Result result = Cli.run("ca", "init", "--dir", ca.toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualToIgnoringNewLines(
        "packpass provision: no passphrase for the CA: give --passphrase-file FILE or --passphrase-env VAR");
    assertThat(ca).doesNotExist();
  }

  @Test
  void init_rejects_an_empty_passphrase_file_and_an_unknown_algorithm() throws Exception {
    Files.writeString(passphrase, "\n");
    Cli.Result empty = init();
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("is empty").hasLineCount(1);

    Files.writeString(passphrase, SECRET);
    Cli.Result rsa = init("--algorithm", "rsa");
    assertThat(rsa.exit()).isEqualTo(2);
    assertThat(rsa.err()).contains("unknown key algorithm 'rsa'; expected one of: ed25519, p256");
    assertThat(ca).doesNotExist();
  }

  @Test
  void there_is_no_option_that_takes_the_passphrase_itself() {
    Cli.Result result = init("--passphrase", SECRET);
    assertThat(result.exit()).isEqualTo(2);
    assertThat(ca.resolve("ca.p12")).doesNotExist();
  }

  @Test
  void show_prints_subjects_validity_key_ids_and_fingerprints() throws Exception {
    init();
    Cli.Result show = Cli.run("ca", "show", "--dir", ca.toString(), "--passphrase-file", passphrase.toString());

    assertThat(show.exit()).as(show.toString()).isZero();
    X509Certificate root = TestPki.certificate(ca.resolve("root.pem"));
    assertThat(show.out())
        .contains("CN=Voltaris Demo Cells GmbH PackPass Root CA")
        .contains("kid " + CertificateText.keyId(root))
        .contains(CertificateText.fingerprint(root))
        .contains("valid        " + root.getNotBefore().toInstant() + " to " + root.getNotAfter().toInstant())
        .doesNotContain(SECRET);
  }

  @Test
  void show_with_a_wrong_passphrase_says_so_in_one_line() throws Exception {
    init();
    Path wrong = Files.writeString(tmp.resolve("wrong"), "not it");
    Cli.Result show = Cli.run("ca", "show", "--dir", ca.toString(), "--passphrase-file", wrong.toString());
    assertThat(show.exit()).isEqualTo(2);
    assertThat(show.err()).isEqualToIgnoringNewLines("packpass provision: wrong passphrase for " + ca.resolve("ca.p12"));
  }

  @Test
  void show_without_a_ca_points_to_init() {
    Cli.Result show = Cli.run("ca", "show", "--dir", ca.toString(), "--passphrase-file", passphrase.toString());
    assertThat(show.exit()).isEqualTo(2);
    assertThat(show.err()).contains("no CA in " + ca, "run 'ca init' first");
  }

  @Test
  void help_lists_the_pki_commands_and_exit_codes() {
    Cli.Result help = Cli.run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("ca", "device", "role", "revoke", "crl", "Exit codes:",
        "2   bad usage or invalid input; nothing was written");
  }
}
