package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.Verdict;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.core.pki.CertificateTrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassportCreateCommandTest {
  private static final Path EXAMPLES = Path.of("../docs/examples");
  private static final String RESOLVER = "https://id.voltaris.example";

  @TempDir
  Path tmp;
  private Path ca;
  private Path pass;

  @BeforeEach
  void ca() throws IOException {
    ca = tmp.resolve("ca");
    pass = Files.writeString(tmp.resolve("pass"), "correct horse battery staple\n");
    assertThat(Cli.run("ca", "init", "--dir", ca.toString(), "--passphrase-file", pass.toString()).exit()).isZero();
  }

  private Cli.Result create(Path items, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("passport", "create", "--dir", ca.toString(),
        "--passphrase-file", pass.toString(), "--model", EXAMPLES.resolve("ev-nmc811-75kwh.yaml").toString(),
        "--items", items.toString(), "--resolver", RESOLVER, "--out", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void signs_birth_records_that_verify_against_the_ca_root_chain() throws Exception {
    Cli.Result result = create(EXAMPLES.resolve("ev-nmc811-75kwh.items.csv"), tmp.resolve("births"));
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).contains("signed 3 birth record(s) of Voltaris EV75");

    CaStore store = CaStore.open(ca, "correct horse battery staple".toCharArray());
    CertificateTrustedKeys keys = new CertificateTrustedKeys().add(store.passportSignerCertificate());
    ChainVerifier verifier = new ChainVerifier(keys, Clock.systemUTC());
    try (Stream<Path> births = Files.list(tmp.resolve("births/births"))) {
      for (Path birth : births.toList()) {
        SignedUpdate update = SignedUpdate.parse(Files.readAllBytes(birth));
        // The signer certificate and the issuing CA travel in x5chain, so the root alone suffices.
        List<byte[]> chain = update.cose().certificateChain();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0)).isEqualTo(store.passportSignerCertificate().getEncoded());
        Verdict verdict = new UpdateChain(verifier).offer(update);
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.ACCEPTED);
      }
    }
    assertThat(Files.readString(tmp.resolve("births/index.csv")))
        .contains("(01)09521234000013(21)EV75-000124," + RESOLVER + "/01/09521234000013/21/EV75-000124,births/");
  }

  @Test
  void a_bad_row_means_nothing_is_written_and_every_bad_line_is_named() throws IOException {
    Path items = Files.writeString(tmp.resolve("items.csv"), String.join("\n",
        "gtin,serial,manufacturing_date", "09521234000013,A-1,2026-03-02", "09521234000019,A-2,2026-03-02",
        "09521234000013,A-1,2026-03-02", ""));
    Cli.Result result = create(items, tmp.resolve("births"));
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("items.csv line 3 (A-2): GTIN check digit")
        .contains("items.csv line 4 (A-1): duplicate of line 2")
        .contains("2 of 3 row(s) are invalid; nothing written");
    assertThat(tmp.resolve("births")).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
    }
  }

  @Test
  void skip_invalid_writes_the_valid_rows_and_a_reject_report_with_exit_code_1() throws IOException {
    Path items = Files.writeString(tmp.resolve("items.csv"),
        "gtin,serial,manufacturing_date\n09521234000013,A-1,2026-03-02\n09521234000013,A 2,2026-03-02\n");
    Cli.Result result = create(items, tmp.resolve("births"), "--skip-invalid");
    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("births/rejects.csv"))).startsWith("line,serial,reason\n3,A 2,");
    try (Stream<Path> births = Files.list(tmp.resolve("births/births"))) {
      assertThat(births.count()).isEqualTo(1);
    }
  }

  @Test
  void a_csv_with_missing_columns_or_non_utf8_bytes_exits_2_and_writes_nothing() throws IOException {
    Path missing = Files.writeString(tmp.resolve("missing.csv"), "gtin,serial\n09521234000013,A-1\n");
    Cli.Result noColumn = create(missing, tmp.resolve("births"));
    assertThat(noColumn.exit()).isEqualTo(2);
    assertThat(noColumn.err().strip())
        .startsWith("packpass provision: missing.csv: header line 1: missing column(s) manufacturing_date");
    Path latin1 = tmp.resolve("latin1.csv");
    Files.write(latin1, "gtin,serial,manufacturing_date,manufacturing_place\n09521234000013,A-1,2026-03-02,K\u00f6ln\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Cli.Result notUtf8 = create(latin1, tmp.resolve("births"));
    assertThat(notUtf8.exit()).isEqualTo(2);
    assertThat(notUtf8.err()).contains("latin1.csv: line 2: not valid UTF-8");
    assertThat(tmp.resolve("births")).doesNotExist();
  }

  @Test
  void a_wrong_passphrase_or_a_bad_resolver_writes_nothing() throws IOException {
    Files.writeString(pass, "wrong\n");
    Cli.Result wrong = create(EXAMPLES.resolve("ev-nmc811-75kwh.items.csv"), tmp.resolve("births"));
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("wrong passphrase");
    assertThat(tmp.resolve("births")).doesNotExist();

    Cli.Result resolver = Cli.run("passport", "create", "--dir", ca.toString(), "--passphrase-file", pass.toString(),
        "--model", EXAMPLES.resolve("ev-nmc811-75kwh.yaml").toString(),
        "--items", EXAMPLES.resolve("ev-nmc811-75kwh.items.csv").toString(), "--resolver", "ftp://x", "--out",
        tmp.resolve("births").toString());
    assertThat(resolver.exit()).isEqualTo(2);
    assertThat(resolver.err()).contains("--resolver ftp://x: not a usable Digital Link base");
  }

}
