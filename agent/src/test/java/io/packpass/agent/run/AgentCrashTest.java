package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.core.pki.CertificateTrustedKeys;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.Verdict.Outcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent in a child process, killed with SIGKILL at random moments while it signs: after
 * every restart the journal holds every update it had served, the chain from the birth record verifies
 * with the manufacturer's certificates, and the agent starts again (estimator state included).
 */
class AgentCrashTest {
  static final int KILLS = Integer.getInteger("packpass.crash.kills", 6);

  @TempDir
  Path dir;

  @Test
  void no_served_update_is_lost_across_sigkills_and_the_agent_always_restarts() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    // the child journals with fsync, as on a pack
    Path config = bundle.config();
    Files.writeString(config, Files.readString(config).replace("  fsync: false", "  fsync: true"));
    AgentConfig agent = new AgentConfigLoader().load(config);
    SplittableRandom random = new SplittableRandom(20261125L);
    long served = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), AgentCrashChild.class.getName(), config.toString())
          .redirectError(dir.resolve("child-" + kill + ".err").toFile()).start();
      List<String> lines = new ArrayList<>();
      Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8)).lines().forEach(l -> {
            synchronized (lines) {
              lines.add(l);
            }
          }));
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && child.isAlive() && count(lines, "served ") < 3) {
        Thread.sleep(10);
      }
      assertThat(count(lines, "served ")).as("kill %d: the agent served updates: %s %s", kill, lines,
          Files.readString(dir.resolve("child-" + kill + ".err"))).isGreaterThan(0);
      Thread.sleep(random.nextInt(5, 120));
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      reader.join(5000);
      synchronized (lines) {
        for (String l : lines) {
          if (l.startsWith("served ")) {
            served = Math.max(served, Long.parseLong(l.substring(7)));
          }
        }
      }
      // restart in this JVM: identity, birth record, journal recovery, passport rebuild, estimator state
      try (AgentApp app = AgentApp.start(agent, Clock.systemUTC())) {
        assertThat(app.runner().log().journal().headSeq()).as("kill %d", kill).isGreaterThanOrEqualTo(served);
      }
    }
    CertificateTrustedKeys keys = new CertificateTrustedKeys().add(bundle.ca.passportSignerCertificate())
        .add(bundle.device.certificate());
    UpdateChain chain = new UpdateChain(new ChainVerifier(keys, Clock.systemUTC()));
    try (Journal journal = Journal.open(agent.journal().dir(), JournalOptions.DEFAULT)) {
      for (byte[] bytes : journal.since(-1, Integer.MAX_VALUE)) {
        SignedUpdate u = SignedUpdate.parse(bytes);
        assertThat(chain.offer(u).outcome()).as("seq %d", u.payload().seq()).isEqualTo(Outcome.ACCEPTED);
      }
      assertThat(journal.headSeq()).isGreaterThanOrEqualTo(served);
    }
    System.out.println("agent crash test: " + KILLS + " kills, " + served + " updates served, all kept");
  }

  private static long count(List<String> lines, String prefix) {
    synchronized (lines) {
      return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
  }
}
