package io.packpass.gateway.run;

import io.packpass.core.cbor.CborLimits;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.ChainVerifier;
import io.packpass.gateway.coap.CoapAgentLink;
import io.packpass.gateway.coap.CoapCollectorEndpoints;
import io.packpass.gateway.coap.MulticastDiscovery;
import io.packpass.gateway.collect.AgentCollector;
import io.packpass.gateway.collect.Collector;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.config.GatewayConfig.Upstream;
import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.http.HttpsSyncTransport;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.sync.Backoff;
import io.packpass.gateway.sync.OutboxGuard;
import io.packpass.gateway.sync.SyncSender;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.Ingest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site/fleet role's composition root: store, verifier, the outbox bound, the collector for the
 * configured agents and the sender to the upstream registry. Only this class wires them together.
 */
public final class SiteGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SiteGateway.class);

  /** How long the collector waits for an agent's answer. */
  static final long AGENT_TIMEOUT_MS = 10_000;

  private final JdbcGatewayStore store;
  private final Ingest ingest;
  private final OutboxGuard guard;
  private final SyncSender sender;
  private final Upstream upstream;
  private final Optional<CoapCollectorEndpoints> endpoints;
  private final Collector collector;
  private final Optional<Discovery> discovery;
  private final Function<URI, AgentCollector> collectorFor;

  /**
   * Looking for agents on a multicast group ({@code gateway run --discover}) now and then, besides
   * the ones {@code agents:} lists.
   */
  public record Discovery(InetSocketAddress group, Duration every) {
    public Discovery {
      Objects.requireNonNull(group, "group");
      if (every.compareTo(Duration.ofSeconds(10)) < 0) {
        throw new IllegalArgumentException("discovery every " + every + ": at least PT10S");
      }
    }
  }

  private SiteGateway(JdbcGatewayStore store, Ingest ingest, OutboxGuard guard, SyncSender sender, Upstream upstream,
      Optional<CoapCollectorEndpoints> endpoints, Collector collector, Optional<Discovery> discovery,
      Function<URI, AgentCollector> collectorFor) {
    this.store = store;
    this.ingest = ingest;
    this.guard = guard;
    this.sender = sender;
    this.upstream = upstream;
    this.endpoints = endpoints;
    this.collector = collector;
    this.discovery = discovery;
    this.collectorFor = collectorFor;
  }

  public static SiteGateway open(GatewayConfig config, Map<String, String> env, Clock clock) {
    return open(config, env, clock, Optional.empty());
  }

  /**
   * @throws GatewayConfigException when the configuration has no upstream
   */
  public static SiteGateway open(GatewayConfig config, Map<String, String> env, Clock clock,
      Optional<Discovery> discovery) {
    Upstream up = config.upstream().orElseThrow(() -> new GatewayConfigException(config.file().getFileName()
        + ": upstream: required for 'gateway run' (the registry to sync to)"));
    Supplier<TrustStore> trust = Nodes.trust(config);
    char[] passphrase = up.passphrase().read(env);
    KeyStore credential = TlsContexts.keyStore(up.credential(), passphrase);
    SSLContext tls = TlsContexts.client(credential, passphrase, up.serverTrust().map(TrustStore::certificates));
    JdbcGatewayStore store = Nodes.store(config, env, clock);
    OutboxGuard guard = new OutboxGuard(store, config.outbox(), clock);
    Ingest ingest = new Ingest(store, Nodes.certificates(trust, clock), clock, ChainVerifier.DEFAULT_CLOCK_TOLERANCE,
        CborLimits.DEFAULT, true, guard);
    SyncSender sender = new SyncSender(store, new HttpsSyncTransport(up.url(), tls, up.timeout()),
        new SyncSender.Settings(up.batchItems(), SyncSender.Settings.DEFAULT.batchBytes(), Duration.ofSeconds(1)),
        new Backoff(up.backoffBase(), up.backoffCap(), new SecureRandom()), clock);
    Optional<CoapCollectorEndpoints> endpoints = Optional.empty();
    List<AgentCollector> agents = new ArrayList<>();
    Function<URI, AgentCollector> collectorFor = agent -> {
      throw new IllegalStateException("no CoAP endpoints: no agents to collect from");
    };
    if (!config.agents().isEmpty() || discovery.isPresent()) {
      // the fleet credential is the gateway's identity towards agents (DTLS) as towards the registry (TLS)
      TlsContexts.KeyAndChain fleet = TlsContexts.keyAndChain(credential, passphrase);
      CoapCollectorEndpoints coap = CoapCollectorEndpoints.start(fleet.key(), fleet.chain(), trust.get().roots());
      endpoints = Optional.of(coap);
      collectorFor = agent -> new AgentCollector(new CoapAgentLink(agent, coap, AGENT_TIMEOUT_MS), ingest, store,
          store, new Backoff(up.backoffBase(), up.backoffCap(), new SecureRandom()), clock,
          AgentCollector.Settings.DEFAULT);
      for (URI agent : config.agents()) {
        agents.add(collectorFor.apply(agent));
      }
    }
    return new SiteGateway(store, ingest, guard, sender, up, endpoints, new Collector(agents), discovery,
        collectorFor);
  }

  /** Collects from the agents (and those discovery finds) and syncs until {@code stop} says so. */
  public void run(BooleanSupplier stop) throws InterruptedException {
    collector.start();
    Optional<Thread> looking = discovery.map(d -> {
      Thread t = new Thread(() -> discover(d, stop), "discover " + d.group());
      t.setDaemon(true);
      t.start();
      return t;
    });
    try {
      sender.run(stop);
    } finally {
      if (looking.isPresent()) {
        looking.get().interrupt();
        looking.get().join(MulticastDiscovery.DEFAULT_WAIT.toMillis() + 1_000);
      }
    }
  }

  /** Asks the group now and then; every agent that answers with a DTLS port is collected from. */
  private void discover(Discovery d, BooleanSupplier stop) {
    while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
      try {
        for (MulticastDiscovery.Found f : MulticastDiscovery.discover(d.group(), MulticastDiscovery.DEFAULT_WAIT)) {
          Optional<String> uri = f.coapsUri();
          if (uri.isPresent() && !collector.collects(uri.get())) {
            LOG.info("discovered an agent at {}: collecting from it", uri.get());
            collector.add(collectorFor.apply(URI.create(uri.get())));
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("discovery on {} failed: {}", d.group(), e.toString());
      }
      long until = System.nanoTime() + d.every().toNanos();
      while (System.nanoTime() < until && !stop.getAsBoolean()) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  public Collector collector() {
    return collector;
  }

  public JdbcGatewayStore store() {
    return store;
  }

  public Ingest ingest() {
    return ingest;
  }

  public SyncSender sender() {
    return sender;
  }

  public Optional<String> alarm() {
    return guard.alarm();
  }

  public Upstream upstream() {
    return upstream;
  }

  @Override
  public void close() {
    collector.close();
    endpoints.ifPresent(CoapCollectorEndpoints::close);
    store.close();
  }
}
