package io.packpass.gateway.cli;

import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.store.AgentRecord;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gateway agents}: what the collector knows of each agent. */
@Command(name = "agents", mixinStandardHelpOptions = true,
    description = {"The collector's agents: which pack each serves, when it last answered, its errors.",
        "Reads the store only (with H2, stop 'gateway run' first)."})
public final class AgentsCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    GatewayConfig c = config.load();
    PrintWriter out = spec.commandLine().getOut();
    try (JdbcGatewayStore store = ConfigOption.openStore(c, Clock.systemUTC())) {
      if (c.agents().isEmpty() && store.agents().isEmpty()) {
        out.println("no agents configured (gateway.yaml: agents)");
      }
      for (AgentRecord a : store.agents()) {
        out.printf("%s  %s  last seen %s  %d errors%s%n", a.address(),
            a.passport().map(p -> p.elementString()).orElse("(pack unknown)"),
            a.lastSeen().map(Object::toString).orElse("never"), a.errors(),
            a.lastError().map(e -> ", last: " + e).orElse(""));
      }
      out.flush();
    }
    return 0;
  }
}
