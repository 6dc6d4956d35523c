package io.packpass.agent.cli;

import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.run.AgentApp;
import io.packpass.agent.run.AgentRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent run}: be the pack's passport: poll, estimate, sign, journal. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the agent: poll the pack, estimate its state of health, sign passport updates with the",
        "device key and keep them in the crash-safe journal. Stops cleanly on Ctrl-C / SIGTERM.",
        "The configuration is the agent.yaml of the pack's provisioning bundle plus 'profile:'."})
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "agent.yaml (see agent/README.md).")
  Path config;

  @Option(names = "--polls", paramLabel = "N", description = "Stop after N polls (default: run until stopped).")
  Long polls;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (polls != null && polls < 1) {
      throw new AgentException("--polls: expected a positive number, got " + polls);
    }
    AgentConfig c = new AgentConfigLoader().load(config);
    PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "packpass-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (AgentApp app = AgentApp.start(c, Clock.systemUTC())) {
      AgentRunner runner = app.runner();
      out.printf("agent for %s (%s) on profile %s; journal %s at seq %d%n", c.passport().elementString(),
          c.digitalLink(), app.profile().id(), c.journal().dir(), runner.log().journal().headSeq());
      out.flush();
      long[] done = {0};
      runner.run(() -> stop.get() || (polls != null && done[0]++ >= polls));
      out.printf("stopped at seq %d%n", runner.log().journal().headSeq());
      out.flush();
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running and waits for us
      }
    }
    return 0;
  }
}
