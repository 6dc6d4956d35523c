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

/** {@code gateway registry}: the registry role: resolver, API, pages and the sync intake on one HTTPS port. */
@Command(name = "registry", mixinStandardHelpOptions = true,
    description = {"Run the registry: the QR resolver and passport pages, the REST API and the sync intake.",
        "HTTPS on intake.port; roles by TLS client certificate or bearer token, anonymous callers see the",
        "public tier. Every update and log entry is verified before it is stored. Stops on SIGTERM or Ctrl-C."})
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
    out.printf("passport pages and resolver at https://%s:%d/01/<gtin>/21/<serial> (Digital Links under %s), API /api/v1%n",
        c.intake().orElseThrow().bind(), registry.port(), registry.resolverBase());
    out.flush();
    stopped.await();
    return 0;
  }
}
