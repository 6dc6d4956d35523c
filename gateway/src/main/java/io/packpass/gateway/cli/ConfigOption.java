package io.packpass.gateway.cli;

import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every subcommand. */
public final class ConfigOption {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The gateway.yaml to use.")
  Path file;

  GatewayConfig load() {
    return new GatewayConfigLoader().load(file);
  }

  /** The store the configuration names, for commands that only read it or tidy it. */
  static JdbcGatewayStore openStore(GatewayConfig config, Clock clock) {
    return JdbcGatewayStore.open(config.store().settings(System.getenv()), clock);
  }
}
