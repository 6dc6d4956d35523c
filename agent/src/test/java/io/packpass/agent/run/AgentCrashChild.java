package io.packpass.agent.run;

import io.packpass.agent.config.AgentConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The agent the crash test kills: the whole stack (identity, journal with fsync, estimator state file,
 * CoAP) signing fresh readings as fast as it can, printing {@code served <seq>} once each one is
 * journalled and could have been served, until SIGKILL.
 */
public final class AgentCrashChild {
  private AgentCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    try (AgentApp app = AgentApp.start(new AgentConfigLoader().load(Path.of(args[0])), Clock.systemUTC())) {
      System.out.println("started " + app.runner().log().journal().headSeq());
      System.out.flush();
      for (long n = 0; ; n++) {
        long seq = app.runner().fresh(String.format("nonce-%08d", n).getBytes(StandardCharsets.US_ASCII)).payload().seq();
        System.out.println("served " + seq);
        System.out.flush();
      }
    }
  }
}
