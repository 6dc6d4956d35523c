package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceEnrollBatchCommandTest {
  @TempDir
  Path tmp;
  private String[] auth;

  @BeforeEach
  void ca() throws Exception {
    Path pass = Files.writeString(tmp.resolve("pass"), "correct horse battery staple\n");
    auth = new String[] {"--dir", tmp.resolve("ca").toString(), "--passphrase-file", pass.toString()};
    assertThat(Cli.run(concat(new String[] {"ca", "init"}, auth)).exit()).isZero();
  }

  @Test
  void enrolls_a_batch_whose_certificates_validate() throws Exception {
    StringBuilder csv = new StringBuilder("passport,csr\n");
    for (int i = 1; i <= 3; i++) {
      TestPki.writeEd25519Csr(tmp.resolve("d" + i + ".csr"));
      csv.append("https://id.packpass.example/01/09521234000013/21/PK-").append(i).append(",d").append(i).append(".csr\n");
    }
    Path requests = Files.writeString(tmp.resolve("requests.csv"), csv);
    Cli.Result result = Cli.run(concat(new String[] {"device", "enroll-batch"}, auth,
        new String[] {"--requests", requests.toString(), "--out", tmp.resolve("certs").toString()}));
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).contains("enrolled 3 device(s)");
    assertThat(Cli.run(concat(new String[] {"crl"}, auth)).exit()).isZero();

    List<X509Certificate> chain = TestPki.certificates(tmp.resolve("certs/09521234000013_PK-2.pem"));
    TestPki.validate(chain.get(0), chain.get(1), TestPki.certificate(tmp.resolve("ca/root.pem")),
        TestPki.crl(tmp.resolve("ca/crl.pem")));
    assertThat(Files.readAllLines(tmp.resolve("ca/registry.csv"))).hasSize(1 + 1 + 3); // header, signer, devices
  }

  @Test
  void refuses_the_whole_batch_when_one_row_is_bad_and_names_each_refusal() throws Exception {
    TestPki.writeEd25519Csr(tmp.resolve("a.csr"));
    TestPki.writeEd25519Csr(tmp.resolve("b.csr"));
    Files.writeString(tmp.resolve("bad.csr"), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");
    Path requests = Files.writeString(tmp.resolve("requests.csv"), String.join("\n", "passport,csr",
        "https://id.packpass.example/01/09521234000013/21/A,a.csr",
        "https://id.packpass.example/01/09521234000013/21/A,b.csr",
        "https://id.packpass.example/01/09521234000013/21/C,bad.csr", ""));
    List<String> before = Files.readAllLines(tmp.resolve("ca/registry.csv"));
    Cli.Result result = Cli.run(concat(new String[] {"device", "enroll-batch"}, auth,
        new String[] {"--requests", requests.toString(), "--out", tmp.resolve("certs").toString()}));
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("2 of 3 enrollment(s) refused; nothing issued")
        .contains("request 2: passport https://id.packpass.example/01/09521234000013/21/A is also request 1")
        .contains("request 3: ");
    assertThat(tmp.resolve("certs")).doesNotExist();
    assertThat(Files.readAllLines(tmp.resolve("ca/registry.csv"))).isEqualTo(before);
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
