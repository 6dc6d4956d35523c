package io.packpass.gateway.cli;

import io.packpass.gateway.coap.MulticastDiscovery;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.run.SiteGateway;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway run}: the site gateway, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the site gateway.",
        "Keeps syncing what it accepted to the upstream registry (outbox order, at least once, backing off",
        "while the registry is away). Stops on SIGTERM or Ctrl-C; after a crash it resumes from the outbox."})
public final class RunCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (ISO-8601, e.g. PT10M).")
  Duration duration;

  @Option(names = "--drain", description = "Stop once the outbox is empty (e.g. before maintenance).")
  boolean drain;

  @Option(names = "--discover", description = {"Also look for agents by CoAP multicast now and then (see",
      "'gateway discover') and collect from every one that answers."})
  boolean discover;

  @Option(names = "--discover-every", paramLabel = "DURATION", description = "How often to look (default PT5M).")
  Duration discoverEvery = Duration.ofMinutes(5);

  @Option(names = "--group", paramLabel = "ADDRESS:PORT", converter = DiscoverCommand.GroupConverter.class,
      description = "The multicast group to ask (default: 224.0.1.187:5683).")
  InetSocketAddress group = MulticastDiscovery.ALL_COAP_NODES;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig c = config.load();
    PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean stop = new AtomicBoolean();
    long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    Thread hook = new Thread(() -> stop.set(true), "gateway-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (discover && discoverEvery.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--discover-every: at least PT10S, got "
          + discoverEvery);
    }
    Optional<SiteGateway.Discovery> discovery = discover ? Optional.of(new SiteGateway.Discovery(group, discoverEvery))
        : Optional.empty();
    try (SiteGateway gateway = SiteGateway.open(c, System.getenv(), Clock.systemUTC(), discovery)) {
      out.printf("gateway running: syncing to %s (outbox: %d pending)%n", gateway.upstream().url(),
          gateway.store().outboxStatus().pending());
      out.flush();
      gateway.run(() -> stop.get() || System.nanoTime() >= end
          || (drain && gateway.store().outboxStatus().pending() == 0));
      out.printf("gateway stopped (outbox: %d pending)%n", gateway.store().outboxStatus().pending());
      out.flush();
    }
    return 0;
  }
}
