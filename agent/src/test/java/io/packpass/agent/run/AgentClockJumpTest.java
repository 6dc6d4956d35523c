package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.TestClock;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi has no real-time clock: it may boot days behind until NTP steps it, and NTP may step it either
 * way. Whatever the clock does, the agent's chain keeps its times in order, so a gateway can continue it.
 */
class AgentClockJumpTest {
  @TempDir
  Path dir;

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00.250Z"));

  private List<SignedUpdate> poll(AgentApp app, Duration span) throws InterruptedException {
    List<SignedUpdate> signed = new ArrayList<>();
    for (long i = 0; i < span.toMinutes(); i++) {
      signed.addAll(app.runner().pollOnce().signed());
      clock.advance(Duration.ofMinutes(1));
    }
    return signed;
  }

  @Test
  void a_clock_stepped_back_and_forward_never_makes_a_signed_time_go_back() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    try (AgentApp app = AgentApp.start(new AgentConfigLoader().load(bundle.config()), clock)) {
      List<SignedUpdate> signed = new ArrayList<>(poll(app, Duration.ofHours(3)));
      Instant before = app.runner().log().head().payload().time();

      clock.set(before.minus(Duration.ofDays(3))); // a reboot without RTC: three days behind
      List<SignedUpdate> behind = poll(app, Duration.ofHours(3));
      assertThat(behind).as("the agent goes on signing while its clock is behind").isNotEmpty();
      assertThat(behind).allSatisfy(u -> assertThat(u.payload().time()).isEqualTo(before));
      signed.addAll(behind);

      clock.set(before.plus(Duration.ofDays(2))); // NTP steps it forward (past the truth, say)
      signed.addAll(poll(app, Duration.ofHours(2)));
      Instant ahead = app.runner().log().head().payload().time();
      clock.set(before.plus(Duration.ofHours(1))); // and back to the truth
      List<SignedUpdate> after = poll(app, Duration.ofHours(2));
      assertThat(after).allSatisfy(u -> assertThat(u.payload().time()).isAfterOrEqualTo(ahead));
      signed.addAll(after);

      for (int i = 1; i < signed.size(); i++) {
        SignedUpdate previous = signed.get(i - 1);
        SignedUpdate u = signed.get(i);
        assertThat(u.payload().seq()).isEqualTo(previous.payload().seq() + 1);
        assertThat(u.payload().prev()).isEqualTo(previous.hash());
        assertThat(u.payload().time()).as("seq %d", u.payload().seq()).isAfterOrEqualTo(previous.payload().time());
      }
      assertThat(signed).anySatisfy(u -> assertThat(u.payload().kind()).isEqualTo(UpdateKind.READING));
    }
    // and a verifier that knows only the root accepts the whole journal
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = io.packpass.agent.AgentCommand.commandLine();
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(out, true));
    assertThat(cli.execute("journal", "verify", "--config", bundle.config().toString()) + " " + out)
        .startsWith("0 journal OK");
  }
}
