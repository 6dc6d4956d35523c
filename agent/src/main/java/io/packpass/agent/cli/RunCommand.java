package io.packpass.agent.cli;

import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.run.AgentApp;
import io.packpass.agent.run.AgentRunner;
import io.packpass.agent.run.DemoBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent run}: be the pack's passport: poll, estimate, sign, journal. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the agent: poll the pack, estimate its state of health, sign passport updates with the",
        "device key and keep them in the crash-safe journal. Stops cleanly on Ctrl-C / SIGTERM.",
        "The configuration is the agent.yaml of the pack's provisioning bundle plus 'profile:'; on a laptop,",
        "--profile sim-... makes a throwaway demo identity instead."})
public final class RunCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--config", paramLabel = "FILE", description = "agent.yaml (see agent/README.md).")
    Path config;

    @Option(names = "--profile", paramLabel = "ID|FILE",
        description = "A simulated profile on a laptop: provisions itself in --dir with a throwaway demo CA.")
    String profile;
  }

  @Option(names = "--dir", paramLabel = "DIR",
      description = "With --profile: where the demo identity and journal live (default: ./packpass-agent-<profile>);"
          + " reused on the next run.")
  Path dir;

  @Option(names = "--polls", paramLabel = "N", description = "Stop after N polls (default: run until stopped).")
  Long polls;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (polls != null && polls < 1) {
      throw new AgentException("--polls: expected a positive number, got " + polls);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path config = target.config;
    if (target.profile != null) {
      HardwareProfile p = Profiles.resolve(target.profile);
      if (!p.isSimulated()) {
        throw new AgentException("--profile " + p.id() + " is real hardware: run it with --config and the pack's"
            + " provisioning bundle");
      }
      Path where = dir != null ? dir : Path.of("packpass-agent-" + p.id());
      config = DemoBundle.prepare(p, where, Clock.systemUTC());
      out.println("demo identity in " + where + " (" + DemoBundle.DEMO_CA_NAME + ")");
    } else if (dir != null) {
      throw new AgentException("--dir goes with --profile; with --config the journal is journal.dir in agent.yaml");
    }
    AgentConfig c = new AgentConfigLoader().load(config);
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
      app.coap().plainAddress().ifPresent(a -> out.printf("coap://%s:%d (public tier)%n", host(a, c), a.getPort()));
      app.coap().secureAddress().ifPresent(a -> out.printf("coaps://%s:%d (role certificates)%n", host(a, c),
          a.getPort()));
      out.flush();
      runner.run(stop::get, polls == null ? Long.MAX_VALUE : polls);
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

  /**
   * The address as the operator wrote it: Californium binds {@code 0.0.0.0} as the dual-stack IPv6
   * wildcard, which would print as {@code [0:0:0:0:0:0:0:0]}.
   */
  private static String host(java.net.InetSocketAddress a, AgentConfig c) {
    String h = a.getAddress().isAnyLocalAddress() ? c.coap().bind() : a.getAddress().getHostAddress();
    return h.contains(":") ? "[" + h + "]" : h;
  }
}
