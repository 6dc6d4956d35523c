package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.update.SignedUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path docs/provisioning.md walks a new user through: ca init to a bundle for one pack. */
class ProvisioningFlowTest {
  @TempDir
  Path tmp;

  @Test
  void from_ca_init_to_an_agent_bundle() throws Exception {
    Path ca = tmp.resolve("ca");
    Path pass = Files.writeString(tmp.resolve("ca.pass"), "correct horse battery staple\n");
    String[] auth = {"--dir", ca.toString(), "--passphrase-file", pass.toString()};
    assertThat(Cli.run(concat(new String[] {"ca", "init"}, auth)).exit()).isZero();

    Path items = Files.writeString(tmp.resolve("items.csv"),
        "gtin,serial,manufacturing_date\n09521234000013,PK0001234,2026-03-02\n");
    Cli.Result created = Cli.run(concat(new String[] {"passport", "create"}, auth, new String[] {
        "--model", "../docs/examples/ev-nmc811-75kwh.yaml", "--items", items.toString(),
        "--resolver", "https://id.packpass.example", "--out", tmp.resolve("births").toString()}));
    assertThat(created.exit()).as(created.toString()).isZero();

    Path csr = TestPki.writeEd25519Csr(tmp.resolve("device.csr"));
    Cli.Result enrolled = Cli.run(concat(new String[] {"device", "enroll"}, auth,
        new String[] {"--csr", csr.toString(), "--passport", TestPki.PASSPORT}));
    assertThat(enrolled.exit()).as(enrolled.toString()).isZero();

    Path bundle = tmp.resolve("bundle");
    String[] bundleArgs = concat(new String[] {"bundle"}, auth, new String[] {"--passport",
        "(01)09521234000013(21)PK0001234", "--births", tmp.resolve("births").toString(), "--out", bundle.toString()});
    Cli.Result noCrl = Cli.run(bundleArgs);
    assertThat(noCrl.exit()).isEqualTo(2);
    assertThat(noCrl.err()).contains("run 'provision crl' first");
    assertThat(bundle).doesNotExist();

    assertThat(Cli.run(concat(new String[] {"crl"}, auth)).exit()).isZero();
    Cli.Result bundled = Cli.run(bundleArgs);
    assertThat(bundled.exit()).as(bundled.toString()).isZero();

    assertThat(TestPki.files(bundle)).containsExactlyInAnyOrder("agent.yaml", "birth.cose", "crl.pem", "device.pem",
        "root.pem");
    List<X509Certificate> chain = TestPki.certificates(bundle.resolve("device.pem"));
    TestPki.validate(chain.get(0), chain.get(1), TestPki.certificate(bundle.resolve("root.pem")),
        TestPki.crl(bundle.resolve("crl.pem")));
    assertThat(SignedUpdate.parse(Files.readAllBytes(bundle.resolve("birth.cose"))).payload().passportId()
        .elementString()).isEqualTo("(01)09521234000013(21)PK0001234");
    assertThat(Files.readString(bundle.resolve("agent.yaml"))).contains("digitalLink: " + TestPki.PASSPORT);

    Cli.Result other = Cli.run(concat(new String[] {"bundle"}, auth, new String[] {"--passport",
        "(01)09521234000013(21)PK0009999", "--births", tmp.resolve("births").toString(), "--out",
        tmp.resolve("b2").toString()}));
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("no valid device certificate for (01)09521234000013(21)PK0009999");
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
