package io.packpass.gateway.run;

import io.packpass.core.cbor.CborLimits;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.ChainVerifier;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

/**
 * The site/fleet role's composition root: store, verifier, the outbox bound and the sender to the
 * upstream registry (and, next, the collector). Only this class wires them together.
 */
public final class SiteGateway implements AutoCloseable {
  private final JdbcGatewayStore store;
  private final Ingest ingest;
  private final OutboxGuard guard;
  private final SyncSender sender;
  private final Upstream upstream;

  private SiteGateway(JdbcGatewayStore store, Ingest ingest, OutboxGuard guard, SyncSender sender, Upstream upstream) {
    this.store = store;
    this.ingest = ingest;
    this.guard = guard;
    this.sender = sender;
    this.upstream = upstream;
  }

  /**
   * @throws GatewayConfigException when the configuration has no upstream
   */
  public static SiteGateway open(GatewayConfig config, Map<String, String> env, Clock clock) {
    Upstream up = config.upstream().orElseThrow(() -> new GatewayConfigException(config.file().getFileName()
        + ": upstream: required for 'gateway run' (the registry to sync to)"));
    TrustStore trust = Nodes.trust(config);
    char[] passphrase = up.passphrase().read(env);
    SSLContext tls = TlsContexts.client(TlsContexts.keyStore(up.credential(), passphrase), passphrase,
        up.serverTrust().map(TrustStore::certificates));
    JdbcGatewayStore store = Nodes.store(config, env, clock);
    OutboxGuard guard = new OutboxGuard(store, config.outbox(), clock);
    Ingest ingest = new Ingest(store, Nodes.certificates(trust, clock), clock, ChainVerifier.DEFAULT_CLOCK_TOLERANCE,
        CborLimits.DEFAULT, true, guard);
    SyncSender sender = new SyncSender(store, new HttpsSyncTransport(up.url(), tls, up.timeout()),
        new SyncSender.Settings(up.batchItems(), SyncSender.Settings.DEFAULT.batchBytes(), Duration.ofSeconds(1)),
        new Backoff(up.backoffBase(), up.backoffCap(), new SecureRandom()), clock);
    return new SiteGateway(store, ingest, guard, sender, up);
  }

  /** Syncs until {@code stop} says so. */
  public void run(BooleanSupplier stop) throws InterruptedException {
    sender.run(stop);
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
    store.close();
  }
}
