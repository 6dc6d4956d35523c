package io.packpass.gateway.cli;

import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.run.RegistryNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gateway registry}: the registry role; for now its sync intake. */
@Command(name = "registry", mixinStandardHelpOptions = true,
    description = {"Run the registry's sync intake.",
        "POST /api/v1/sync over HTTPS, gateways authenticated by their fleet role certificate; every update",
        "verified and stored, or quarantined. Stops on SIGTERM or Ctrl-C."})
public final class RegistryCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig c = config.load();
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    RegistryNode registry = RegistryNode.start(c, System.getenv(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      stopped.countDown();
    }, "registry-stop"));
    out.printf("registry listening on https://%s:%d/api/v1/sync%n", c.intake().orElseThrow().bind(), registry.port());
    out.flush();
    stopped.await();
    return 0;
  }
}
