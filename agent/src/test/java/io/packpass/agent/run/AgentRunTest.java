package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.TestClock;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.identity.IdentityException;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.agent.records.RecordsException;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.passport.Quantity;
import io.packpass.core.pki.CertificateTrustedKeys;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.core.update.Verdict.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent end to end on a simulated e-bike pack: provisioned identity, signed updates, journal, restart. */
class AgentRunTest {
  @TempDir
  Path dir;

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00.250Z")); // not on a whole second, like a real clock

  @Test
  void signed_updates_chain_from_the_birth_record_verify_with_the_manufacturer_root_and_survive_a_restart()
      throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    AgentConfig config = new AgentConfigLoader().load(bundle.config());

    long headBefore;
    long cyclesBefore;
    try (AgentApp app = AgentApp.start(config, clock, clock::nanos)) {
      for (int i = 0; i < 12 * 60; i++) { // 12 hours at the profile's 5 s polls would be slow: one poll a minute
        app.runner().pollOnce();
        clock.advance(Duration.ofMinutes(1));
      }
      headBefore = app.runner().log().journal().headSeq();
      cyclesBefore = app.runner().log().passport().condition().orElseThrow()
          .get(Quantity.FULL_EQUIVALENT_CYCLES).orElseThrow().value();
    }
    // the first reading at once, then hourly: about 12 readings (plus any events) after the birth record
    assertThat(headBefore).isBetween(12L, 20L);

    try (AgentApp app = AgentApp.start(config, clock, clock::nanos)) {
      assertThat(app.runner().log().journal().headSeq()).isEqualTo(headBefore);
      for (int i = 0; i < 120; i++) {
        app.runner().pollOnce();
        clock.advance(Duration.ofMinutes(1));
      }
      long cyclesAfter = app.runner().log().passport().condition().orElseThrow()
          .get(Quantity.FULL_EQUIVALENT_CYCLES).orElseThrow().value();
      assertThat(cyclesAfter).as("the estimator resumed from its saved state").isGreaterThanOrEqualTo(cyclesBefore);
      assertThat(app.runner().log().journal().headSeq()).isGreaterThan(headBefore);
    }

    // An independent check of the whole journal by a verifier that starts with nothing but the root.
    JournalAudit audit = JournalAudit.of(config.journal().dir(), bundle.ca.rootCertificate(), clock);
    List<byte[]> all = audit.records();
    assertThat(SignedUpdate.parse(all.get(0)).encoded()).isEqualTo(bundle.birth.encoded());
    assertThat(SignedUpdate.parse(all.get(1)).payload().kind()).isEqualTo(UpdateKind.READING);
    // the birth record, then the first update after each start carry the chain; the rest only the kid
    assertThat(audit.announcing()).containsExactly(0L, 1L, headBefore + 1);
    assertThat(SignedUpdate.parse(all.get(2)).encoded().length).isLessThan(1024);
  }

  @Test
  void journal_verify_walks_the_chain_and_names_the_first_break() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    AgentConfig config = new AgentConfigLoader().load(bundle.config());
    SignedUpdate head;
    try (AgentApp app = AgentApp.start(config, clock, clock::nanos)) {
      for (int i = 0; i < 3 * 60; i++) {
        app.runner().pollOnce();
        clock.advance(Duration.ofMinutes(1));
      }
      head = app.runner().log().head();
    }
    String[] verify = {"journal", "verify", "--config", bundle.config().toString()};
    assertThat(cli(verify)).startsWith("0 journal OK: seq 0..");

    // A record that continues the chain but is signed by a key this passport's certificate does not name.
    try (Journal journal = Journal.open(config.journal().dir(), JournalOptions.DEFAULT.withFsync(false))) {
      SoftwareSigner stranger = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new java.security.SecureRandom());
      journal.append(SignedUpdate.sign(stranger, new UpdatePayload(bundle.passport, head.payload().seq() + 1,
          head.hash(), head.payload().time().plusSeconds(60), UpdateKind.READING, head.payload().body(),
          java.util.Optional.empty())));
    }
    assertThat(cli(verify)).startsWith("1 journal broken at seq " + (head.payload().seq() + 1) + ": UNKNOWN_KEY");
  }

  private static String cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = io.packpass.agent.AgentCommand.commandLine();
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(out, true));
    int exit = cli.execute(args);
    return exit + " " + out;
  }

  @Test
  void a_crl_refreshed_after_the_birth_record_still_lets_the_agent_start() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    // the CA publishes a new CRL after the pack was born (as it does every few days)
    var later = io.packpass.provisioning.ca.CaStore.open(bundle.dir.resolve("ca"), "s3cret".toCharArray(),
        java.time.Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    var crl = later.crl(TestBundle.untilAYearFromNow());
    assertThat(crl.getThisUpdate().toInstant()).isAfter(bundle.birth.payload().time());
    Files.writeString(bundle.dir.resolve("crl.pem"), io.packpass.provisioning.ca.CertificateText.pem(crl));
    try (AgentApp app = AgentApp.start(new AgentConfigLoader().load(bundle.config()), clock, clock::nanos)) {
      assertThat(app.runner().log().journal().headSeq()).isZero();
    }
  }

  @Test
  void a_model_pack_on_can_reads_complete_cycles_poll_after_poll() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-stationary-lfp");
    try (AgentApp app = AgentApp.start(new AgentConfigLoader().load(bundle.config()), clock, clock::nanos)) {
      for (int i = 0; i < 20; i++) {
        AgentRunner.Cycle cycle = app.runner().pollOnce();
        // the simulated pack catches up at the start of each poll, never in the middle of the driver's window
        assertThat(cycle.reading().status()).as("poll %d: %s", i, cycle.reading().snapshot())
            .isEqualTo(io.packpass.agent.poll.Reading.Status.FRESH);
        clock.advance(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  void fresh_signs_a_reading_with_the_verifiers_nonce() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    try (AgentApp app = AgentApp.start(new AgentConfigLoader().load(bundle.config()), clock, clock::nanos)) {
      app.runner().pollOnce(); // the first reading after the start announces the certificate chain
      byte[] nonce = "grader-nonce-0001".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      SignedUpdate u = app.runner().fresh(nonce);
      // a grader checks this one on its own, so it always carries the device certificate chain
      assertThat(TrustStore.fromDer(u.cose().certificateChain())).first().isEqualTo(bundle.device.certificate());
      assertThat(u.payload().nonce()).hasValueSatisfying(n -> assertThat(n).isEqualTo(nonce));
      assertThat(u.payload().kind()).isEqualTo(UpdateKind.READING);
      assertThat(u.cose().verify(bundle.deviceKey.verificationKey(), new byte[0])).isTrue();
    }
  }

  @Test
  void a_key_that_is_not_the_certified_one_and_a_foreign_journal_are_refused() throws Exception {
    TestBundle bundle = new TestBundle(dir.resolve("a"), "sim-lmt");
    TestBundle other = new TestBundle(dir.resolve("b"), "sim-lmt");
    AgentConfig config = new AgentConfigLoader().load(bundle.config());
    try (AgentApp app = AgentApp.start(config, clock, clock::nanos)) {
      app.runner().pollOnce();
    }
    // the other bundle's key with this bundle's certificate
    Files.delete(bundle.dir.resolve("device.key"));
    Files.copy(other.dir.resolve("device.key"), bundle.dir.resolve("device.key"));
    assertThatThrownBy(() -> AgentApp.start(config, clock, clock::nanos)).isInstanceOf(IdentityException.class)
        .hasMessageContaining("the device certificate is for another key");

    // this bundle's identity with another pack's journal (same passport, other birth record)
    Path foreign = other.dir.resolve("agent.yaml");
    Files.writeString(foreign, Files.readString(foreign).replace("journal:\n", "journal:\n  dir: "
        + bundle.dir.resolve("journal") + "\n"));
    assertThatThrownBy(() -> AgentApp.start(new AgentConfigLoader().load(foreign), clock, clock::nanos))
        .isInstanceOf(RecordsException.class).hasMessageContaining("another birth record");
  }
}
