package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.CapturedLog;
import io.packpass.agent.TestClock;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's wall clock stepped while it runs (a Pi without an RTC: fake-hwclock at boot, NTP steps),
 * in-process on an injected clock whose monotonic companion steps do not move. Each journal is then
 * checked by a gateway whose clock shows the true time (start + monotonic time): every update must be
 * ACCEPTED, none refused as ROLLBACK or CLOCK_OUT_OF_TOLERANCE.
 */
class AgentClockJumpTest {
  @TempDir
  Path dir;

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00.250Z"));
  final List<SignedUpdate> signed = new ArrayList<>();
  TestBundle bundle;
  AgentConfig config;

  @BeforeEach
  void provision() throws Exception {
    bundle = new TestBundle(dir, "sim-lmt");
    config = new AgentConfigLoader().load(bundle.config());
  }

  @Test
  void a_clock_stepped_back_below_the_head_never_signs_before_it_and_readings_stay_hourly() throws Exception {
    try (AgentApp app = AgentApp.start(config, clock, clock::nanos); CapturedLog log = new CapturedLog()) {
      polls(app, 90);
      Instant head = app.runner().log().head().payload().time();
      clock.step(Duration.ofDays(-3)); // e.g. fake-hwclock's saved time after a restart
      int before = signed.size();
      polls(app, 4 * 60);

      List<SignedUpdate> behind = signed.subList(before, signed.size());
      assertThat(behind).as("readings stay due every hour by the monotonic clock").hasSizeGreaterThanOrEqualTo(4);
      assertThat(behind).allSatisfy(u -> assertThat(u.payload().time()).isEqualTo(head));
      assertThat(log.count("behind the newest signed update")).isEqualTo(1);

      clock.step(Duration.ofDays(3)); // NTP syncs: a forward jump back to the true time
      polls(app, 60);
      assertThat(log.count("clock jumped forward by PT72H")).isEqualTo(1);
      assertThat(log.count("signing with it from now")).as("believed after 15 min").isEqualTo(1);
      assertThat(log.count("has passed the newest signed update again")).isEqualTo(1);
      assertThat(signed.get(signed.size() - 1).payload().time()).isAfter(head.plus(Duration.ofHours(4)));
    }
    audit();
  }

  @Test
  void a_clock_jumping_a_year_ahead_and_back_within_minutes_never_reaches_the_chain() throws Exception {
    try (AgentApp app = AgentApp.start(config, clock, clock::nanos); CapturedLog log = new CapturedLog()) {
      polls(app, 90);
      clock.step(Duration.ofDays(365)); // a bad NTP answer
      int before = signed.size();
      // a grader asks for a fresh reading right then: signed now, with the monotonic estimate
      SignedUpdate fresh = app.runner().fresh(new byte[16]);
      signed.add(fresh);
      polls(app, 10);
      clock.step(Duration.ofDays(-365)); // corrected
      polls(app, 3 * 60);

      assertThat(signed.size()).isGreaterThan(before + 3);
      Instant trueNow = clock.trueNow();
      assertThat(signed).allSatisfy(u -> assertThat(u.payload().time()).isBefore(trueNow.plusSeconds(1)));
      assertThat(fresh.payload().time()).isBefore(clock.trueNow().minus(Duration.ofHours(2)));
      assertThat(log.count("clock jumped forward by")).isEqualTo(1);
      assertThat(log.count("the jump never reached a signed update")).isEqualTo(1);
    }
    audit();
  }

  @Test
  void a_jump_ahead_that_lasts_beyond_the_settling_time_is_believed() throws Exception {
    // What the agent cannot tell from NTP correcting a fake-hwclock boot: it signs with the new time
    // after 15 minutes. A gateway on the true clock then refuses those updates as CLOCK_OUT_OF_TOLERANCE
    // until its own clock gets there (README: the agent has no better time source).
    try (AgentApp app = AgentApp.start(config, clock, clock::nanos); CapturedLog log = new CapturedLog()) {
      polls(app, 90);
      clock.step(Duration.ofDays(2));
      polls(app, 14);
      Instant estimate = clock.trueNow();
      assertThat(app.runner().log().head().payload().time()).isBefore(estimate);
      polls(app, 2 * 60);
      assertThat(app.runner().log().head().payload().time()).isAfter(clock.trueNow().plus(Duration.ofDays(1)));
      assertThat(log.count("signing with it from now")).isEqualTo(1);
    }
  }

  private void polls(AgentApp app, int minutes) throws InterruptedException {
    for (int i = 0; i < minutes; i++) {
      signed.addAll(app.runner().pollOnce().signed());
      clock.advance(Duration.ofMinutes(1));
    }
  }

  /** A gateway on the true clock accepts every record, and they are the ones the agent said it signed. */
  private void audit() {
    Clock gateway = Clock.fixed(clock.trueNow(), ZoneOffset.UTC);
    JournalAudit audit = JournalAudit.of(config.journal().dir(), bundle.ca.rootCertificate(), gateway);
    assertThat(audit.records()).hasSize(signed.size() + 1);
    for (int i = 0; i < signed.size(); i++) {
      assertThat(audit.records().get(i + 1)).isEqualTo(signed.get(i).encoded());
      assertThat(signed.get(i).payload().time()).isBefore(gateway.instant().plus(ChainVerifier.DEFAULT_CLOCK_TOLERANCE));
    }
  }
}
