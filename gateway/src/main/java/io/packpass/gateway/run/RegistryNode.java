package io.packpass.gateway.run;

import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.config.GatewayConfig.Intake;
import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.http.SyncHttpServer;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.Ingest;
import java.time.Clock;
import java.util.Map;

/** The registry role's composition root (for now: the sync intake over its store). */
public final class RegistryNode implements AutoCloseable {
  private final JdbcGatewayStore store;
  private final SyncHttpServer server;

  private RegistryNode(JdbcGatewayStore store, SyncHttpServer server) {
    this.store = store;
    this.server = server;
  }

  /**
   * @throws GatewayConfigException when the configuration has no intake section
   */
  public static RegistryNode start(GatewayConfig config, Map<String, String> env, Clock clock) {
    Intake intake = config.intake().orElseThrow(() -> new GatewayConfigException(config.file().getFileName()
        + ": intake: required for 'gateway registry' (where it listens, its TLS credential)"));
    TrustStore trust = Nodes.trust(config);
    char[] passphrase = intake.passphrase().read(env);
    var tls = TlsContexts.server(TlsContexts.keyStore(intake.keyStore(), passphrase), passphrase, trust, clock);
    JdbcGatewayStore store = Nodes.store(config, env, clock);
    try {
      Ingest ingest = new Ingest(store, Nodes.certificates(trust, clock), clock, false);
      return new RegistryNode(store, SyncHttpServer.start(intake.bind(), intake.port(), tls,
          new SyncIntake(ingest, intake.limits())));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public JdbcGatewayStore store() {
    return store;
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
