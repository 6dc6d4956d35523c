package io.packpass.gateway.cli;

import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.store.OutboxStatus;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway outbox}: how much waits for the registry; parked items back to pending. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
    description = {"What waits for the registry; parked updates back to pending.",
        "Shows how many updates wait for the registry and how many are parked (refused by it, not retried).",
        "With --unpark, parked updates go back to pending once the cause is fixed."})
public final class OutboxCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--unpark", description = "Put every parked update back in the queue.")
  boolean unpark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    GatewayConfig c = config.load();
    PrintWriter out = spec.commandLine().getOut();
    try (JdbcGatewayStore store = ConfigOption.openStore(c, Clock.systemUTC())) {
      if (unpark) {
        out.printf("%d parked updates back to pending%n", store.unparkAll());
      }
      OutboxStatus s = store.outboxStatus();
      out.printf("outbox: %d pending%s, %d parked (bounds: %d updates, %s)%n", s.pending(),
          s.oldestPending().map(t -> " (oldest since " + t + ")").orElse(""), s.parked(), c.outbox().maxItems(),
          c.outbox().maxAge());
      out.flush();
    }
    return 0;
  }
}
