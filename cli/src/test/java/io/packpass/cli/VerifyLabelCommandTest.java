package io.packpass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.id.DigitalLink;
import io.packpass.core.label.LabelCode;
import io.packpass.core.label.LabelFacts;
import io.packpass.core.label.SignedLabel;
import io.packpass.core.sample.SamplePassports;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyLabelCommandTest {
  private static final DigitalLink LINK = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.evId());

  @TempDir
  Path dir;

  private Path trust;
  private String label;

  @BeforeEach
  void signedLabel() throws IOException {
    Path ca = dir.resolve("ca");
    CaStore store = CaStore.init(ca, CaOptions.defaults(), "pass".toCharArray());
    // The trust file a manufacturer publishes for labels: root, then issuing CA, then passport signer.
    trust = dir.resolve("label-trust.pem");
    Files.writeString(trust, Files.readString(ca.resolve(CaStore.ROOT_PEM)) + Files.readString(ca.resolve(CaStore.SIGNER_PEM)));
    LabelFacts facts = LabelFacts.of(SamplePassports.evModel(), Optional.of(9_312L), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    label = LabelCode.format(LINK, SignedLabel.sign(store.passportSigner(), LINK, facts, Optional.empty()));
  }

  @Test
  void a_genuine_label_prints_its_verified_facts_and_exits_0() {
    CliRun run = CliRun.of("verify-label", label, "--trust", trust.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("label VERIFIED: signed by the manufacturer's passport signer")
        .contains("(01)09521234000013(21)EV75-000123", "Voltaris EV75", "electric vehicle battery", "Li-ion NMC",
            "214 Ah", "450 kg", "ABC powder, water (large amounts)", "93.12 % at print time",
            "hazardous substances other than Hg, Cd, Pb are present", "Cd not above 0.002 %");
  }

  @Test
  void a_tampered_label_gets_one_line_saying_why_and_exit_1() {
    String other = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.lmtId()).format() + label.substring(label.indexOf('#'));
    CliRun run = CliRun.of("verify-label", other, "--trust", trust.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out().strip()).doesNotContain("\n").startsWith("label NOT verified: BAD_SIGNATURE: ");
  }

  @Test
  void an_unsigned_link_is_not_verified_and_says_so() {
    CliRun run = CliRun.of("verify-label", LINK.format(), "--trust", trust.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).startsWith("label NOT verified: UNSIGNED: the label carries no signature");
  }

  @Test
  void a_missing_trust_file_is_bad_usage_in_one_line() {
    CliRun run = CliRun.of("verify-label", label, "--trust", dir.resolve("nope.pem").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("packpass: ").contains("no such file").doesNotContain("\n");
  }

  @Test
  void the_scanned_text_can_come_from_a_scanner_on_standard_input() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream((label + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      CliRun run = CliRun.of("verify-label", "-", "--trust", trust.toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("label VERIFIED");
    } finally {
      System.setIn(stdin);
    }
  }
}
