package io.packpass.gateway.run;

import io.packpass.core.cbor.CborLimits;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.ChainVerifier;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.config.GatewayConfig.Upstream;
import io.packpass.gateway.collect.AgentCollector;
import io.packpass.gateway.collect.Collector;
import io.packpass.gateway.coap.CoapAgentLink;
import io.packpass.gateway.coap.CoapCollectorEndpoints;
import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.http.HttpsSyncTransport;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.sync.Backoff;
import io.packpass.gateway.sync.OutboxGuard;
import io.packpass.gateway.sync.SyncSender;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.Ingest;
import java.security.SecureRandom;
import java.time.Clock;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

/**
 * The site/fleet role's composition root: store, verifier, the outbox bound, the collector for the
 * configured agents and the sender to the upstream registry. Only this class wires them together.
 */
public final class SiteGateway implements AutoCloseable {
  /** How long the collector waits for an agent's answer. */
  static final long AGENT_TIMEOUT_MS = 10_000;

  private final JdbcGatewayStore store;
  private final Ingest ingest;
  private final OutboxGuard guard;
  private final SyncSender sender;
  private final Upstream upstream;
  private final Optional<CoapCollectorEndpoints> endpoints;
  private final Collector collector;

  private SiteGateway(JdbcGatewayStore store, Ingest ingest, OutboxGuard guard, SyncSender sender, Upstream upstream,
      Optional<CoapCollectorEndpoints> endpoints, Collector collector) {
    this.store = store;
    this.ingest = ingest;
    this.guard = guard;
    this.sender = sender;
    this.upstream = upstream;
    this.endpoints = endpoints;
    this.collector = collector;
  }

  /**
   * @throws GatewayConfigException when the configuration has no upstream
   */
  public static SiteGateway open(GatewayConfig config, Map<String, String> env, Clock clock) {
    Upstream up = config.upstream().orElseThrow(() -> new GatewayConfigException(config.file().getFileName()
        + ": upstream: required for 'gateway run' (the registry to sync to)"));
    TrustStore trust = Nodes.trust(config);
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
    if (!config.agents().isEmpty()) {
      // the fleet credential is the gateway's identity towards agents (DTLS) as towards the registry (TLS)
      TlsContexts.KeyAndChain fleet = TlsContexts.keyAndChain(credential, passphrase);
      CoapCollectorEndpoints coap = CoapCollectorEndpoints.start(fleet.key(), fleet.chain(), trust.roots());
      endpoints = Optional.of(coap);
      for (URI agent : config.agents()) {
        agents.add(new AgentCollector(new CoapAgentLink(agent, coap, AGENT_TIMEOUT_MS), ingest, store, store,
            new Backoff(up.backoffBase(), up.backoffCap(), new SecureRandom()), clock, AgentCollector.Settings.DEFAULT));
      }
    }
    return new SiteGateway(store, ingest, guard, sender, up, endpoints, new Collector(agents));
  }

  /** Collects from the agents and syncs until {@code stop} says so. */
  public void run(BooleanSupplier stop) throws InterruptedException {
    collector.start();
    sender.run(stop);
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
