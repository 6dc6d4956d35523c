package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.CapturedLog;
import io.packpass.agent.TestClock;
import io.packpass.agent.TmpfsMount;
import io.packpass.agent.coap.CoapTestClients;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.core.passport.Role;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running agent with its journal on a 256 KiB tmpfs that fills up: a real ENOSPC under the
 * journal and the estimator's state file (root only: interop tier).
 */
@Tag("interop")
class AgentDiskFullTest {
  @TempDir
  Path dir;

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00.500Z"));

  @Test
  void with_the_disk_full_the_agent_keeps_serving_logs_it_once_an_hour_and_signs_again_when_space_returns()
      throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    RoleCredential grader = bundle.ca.issueRole(Role.GRADER, "Reuse Grader", Period.ofYears(1), KeyAlgorithm.ED25519);
    AgentConfig config = new AgentConfigLoader().load(bundle.config());
    List<SignedUpdate> made = new ArrayList<>(); // every update the agent said it signed
    String lines;
    try (TmpfsMount disk = TmpfsMount.mount(config.journal().dir(), 256 * 1024)) {
      try (AgentApp app = AgentApp.start(config, clock, clock::nanos); CoapTestClients clients = new CoapTestClients()) {
        AgentRunner runner = app.runner();
        polls(runner, 30, made);
        long headBeforeFull = runner.log().head().payload().seq();
        assertThat(headBeforeFull).isPositive();

        Path filler = disk.fill();
        try (CapturedLog log = new CapturedLog()) {
          // Appends may find room in the last page a file already has (a reading is due every hour) ...
          for (int i = 0; i < 10 * 60 && !runner.journalRefusing(); i++) {
            polls(runner, 1, made);
          }
          assertThat(runner.journalRefusing()).as("the journal refuses an append within 10 hours").isTrue();
          long head = runner.log().head().payload().seq();
          assertThat(head).isLessThan(headBeforeFull + 8);
          // ... then none: 5 hours, one poll a minute, each trying to sign the overdue reading
          polls(runner, 5 * 60, made);
          assertThat(runner.log().head().payload().seq()).isEqualTo(head);
          // still serving what it has, to anyone and to roles
          var secure = app.coap().secureAddress().orElseThrow();
          assertThat(clients.plain(app.coap().plainAddress().orElseThrow(), "/passport").get().getCode())
              .isEqualTo(ResponseCode.CONTENT);
          CoapResponse signed = clients.dtls(secure, "/passport/signed", grader, bundle.ca.rootCertificate()).get();
          assertThat(signed.getPayload()).isEqualTo(runner.log().head().encoded());
          CoapResponse fresh = clients.dtls(secure, "/fresh", grader, bundle.ca.rootCertificate())
              .post("grader-visit-disk-full".getBytes(StandardCharsets.US_ASCII), MediaTypeRegistry.APPLICATION_OCTET_STREAM);
          assertThat(fresh.getCode()).as("a fresh reading cannot be journalled: try later").isEqualTo(
              ResponseCode.SERVICE_UNAVAILABLE);
          assertThat(fresh.getOptions().getMaxAge()).isEqualTo(60);
          assertThat(runner.log().head().payload().seq()).isEqualTo(head);

          Files.delete(filler);
          List<SignedUpdate> after = new ArrayList<>();
          polls(runner, 1, after);
          assertThat(after).as("the reading overdue since the disk filled is signed at the first poll").isNotEmpty();
          made.addAll(after);
          assertThat(runner.heldEvents()).isZero();
          lines = log.text();
        }
      }
      long first = lines.lines().filter(l -> l.contains("no space left on the device")
          && l.contains("The agent keeps serving")).count();
      long reminders = lines.lines().filter(l -> l.contains("journal still refuses appends")).count();
      assertThat(first).as("the outage is announced once:%n%s", lines).isEqualTo(1);
      assertThat(reminders).as("and reminded of at most hourly, not per poll").isBetween(4L, 5L);
      assertThat(lines).contains("journal takes appends again");
      assertThat(lines).contains(config.journal().dir().toString());

      // Restarted, the journal opens clean and a gateway with only the root accepts all of it.
      JournalAudit audit = JournalAudit.of(config.journal().dir(), bundle.ca.rootCertificate(), clock);
      List<byte[]> expected = new ArrayList<>(List.of(bundle.birth.encoded()));
      made.forEach(u -> expected.add(u.encoded()));
      assertThat(audit.records()).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(audit.records().get(i)).as("record %d", i).isEqualTo(expected.get(i));
      }
    }
  }

  @Test
  void events_that_happen_while_the_disk_is_full_are_held_and_signed_first_when_space_returns() throws Exception {
    // sim-lmt with an over-temperature (ambient 75 °C for 2 h) that starts 12 h in, when the disk is full (it refuses appends within 10 h)
    String hot;
    try (var in = getClass().getResourceAsStream("/io/packpass/hwprofiles/sim-lmt.yaml")) {
      hot = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    hot = hot
        .replace("id: sim-lmt", "id: sim-lmt-hot")
        .replace("events: []", "events:\n    - {at: PT12H, event: over-temperature, duration: PT2H, ambientC: 75}");
    Path profile = Files.writeString(dir.resolve("sim-lmt-hot.yaml"), hot);
    TestBundle bundle = new TestBundle(dir, profile.toString());
    AgentConfig config = new AgentConfigLoader().load(bundle.config());
    List<SignedUpdate> made = new ArrayList<>();
    try (TmpfsMount disk = TmpfsMount.mount(config.journal().dir(), 256 * 1024)) {
      long held;
      try (AgentApp app = AgentApp.start(config, clock, clock::nanos)) {
        AgentRunner runner = app.runner();
        polls(runner, 30, made);
        Path filler = disk.fill();
        for (int i = 0; i < 10 * 60 && !runner.journalRefusing(); i++) {
          polls(runner, 1, made);
        }
        assertThat(runner.journalRefusing()).as("the journal refuses an append within 10 hours").isTrue();
        assertThat(made).as("no event before the disk was full").noneMatch(u -> u.payload().kind() == UpdateKind.EVENT);
        // An event update is smaller than a reading and may still fit the page the segment has; once
        // one is refused, the events wait in memory.
        for (int i = 0; i < 12 * 60 && runner.heldEvents() == 0; i++) {
          polls(runner, 1, made);
        }
        assertThat(runner.heldEvents()).as("the over-temperature's events wait in memory").isPositive();
        long head = runner.log().head().payload().seq();
        int eventsSigned = runner.log().passport().events().size();
        polls(runner, 60, made);
        held = runner.heldEvents();
        assertThat(runner.log().head().payload().seq()).as("nothing signed while full").isEqualTo(head);

        Files.delete(filler);
        List<SignedUpdate> after = new ArrayList<>();
        polls(runner, 1, after);
        assertThat(after).as("first the held events, then the overdue reading").extracting(u -> u.payload().kind())
            .containsExactly(UpdateKind.EVENT, UpdateKind.READING);
        var events = runner.log().passport().events();
        assertThat(events).as("the held events are in the passport now").hasSize(eventsSigned + (int) held);
        assertThat(events.subList(eventsSigned, events.size()))
            .allSatisfy(e -> assertThat(e.type().name()).contains("TEMPERATURE"));
        assertThat(runner.heldEvents()).isZero();
        assertThat(runner.droppedEvents()).isZero();
        System.out.printf("disk full: %d events held, signed as seq %d after space returned (%s)%n", held,
            after.get(0).payload().seq(), events.get(events.size() - 1).type());
        made.addAll(after);
      }
      JournalAudit audit = JournalAudit.of(config.journal().dir(), bundle.ca.rootCertificate(), clock);
      assertThat(audit.records()).hasSize(made.size() + 1);
      assertThat(audit.records().get(made.size())).isEqualTo(made.get(made.size() - 1).encoded());
    }
  }

  private void polls(AgentRunner runner, int n, List<SignedUpdate> made) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      made.addAll(runner.pollOnce().signed());
      clock.advance(Duration.ofMinutes(1));
    }
  }
}
