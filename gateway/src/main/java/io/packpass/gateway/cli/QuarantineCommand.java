package io.packpass.gateway.cli;

import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.store.QuarantineEntry;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway quarantine}: what was refused, counted per reason, and the latest entries. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
    description = "Count what was refused per reason and list the latest entries (never served as valid).")
public final class QuarantineCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--last", defaultValue = "10", paramLabel = "N", description = "How many entries (default: ${DEFAULT-VALUE}).")
  int last;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    GatewayConfig c = config.load();
    PrintWriter out = spec.commandLine().getOut();
    try (JdbcGatewayStore store = ConfigOption.openStore(c, Clock.systemUTC())) {
      var counts = store.quarantineCounts();
      if (counts.isEmpty()) {
        out.println("quarantine: empty");
      }
      counts.forEach((reason, n) -> out.printf("%-28s %d%n", reason.code(), n));
      for (QuarantineEntry e : store.recentQuarantine(Math.max(0, last))) {
        out.printf("#%d %s %s %s%s from %s: %s%n", e.id(), e.receivedAt(), e.reason().code(),
            e.passport().map(p -> p.elementString()).orElse("?"),
            e.seq().isPresent() ? " seq " + e.seq().getAsLong() : "", e.source(), e.detail());
      }
      out.flush();
    }
    return 0;
  }
}
