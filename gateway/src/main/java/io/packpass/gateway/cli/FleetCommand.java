package io.packpass.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.fleet.FleetFormat;
import io.packpass.gateway.fleet.FleetRow;
import io.packpass.gateway.fleet.FleetView;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway fleet}: one row per pack. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = {"One row per pack: SOH, trend, last seen, flags, sync lag.",
        "State of health and its trend over 30 days, when it was last seen, flags (bms-disagreement,",
        "deep-discharge, over-temperature) and how far the sync to the registry lags.",
        "Reads the store only. The embedded H2 database has one user at a time: with it, stop 'gateway run' first",
        "(a PostgreSQL store has no such limit)."})
public final class FleetCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--json", description = "JSON for programs (SOH in 1/100 %, times ISO-8601).")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    GatewayConfig c = config.load();
    Clock clock = Clock.systemUTC();
    PrintWriter out = spec.commandLine().getOut();
    try (JdbcGatewayStore store = ConfigOption.openStore(c, clock)) {
      List<FleetRow> rows = new FleetView(store, Optional.of(store), clock).rows();
      Instant now = clock.instant();
      if (json) {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(Map.of("packs", FleetFormat.json(rows, now))));
      } else {
        out.print(FleetFormat.table(rows, now));
      }
      out.flush();
    }
    return 0;
  }
}
