package io.packpass.gateway.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.actor.ActorVerifier;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.config.GatewayConfig.Intake;
import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.http.RegistryHttpServer;
import io.packpass.gateway.http.RegistryRoutes;
import io.packpass.gateway.registry.RegistryLog;
import io.packpass.gateway.registry.RegistryService;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.token.BearerTokens;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.UpdateCertificates;
import io.packpass.gateway.web.Pages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry role's composition root: store, the verifier shared by the sync intake and the
 * registry log, the bearer-token check, and the one HTTPS server with the intake, the resolver, the
 * REST API and the pages (docs/registry.md).
 */
public final class RegistryNode implements AutoCloseable {
  private final JdbcGatewayStore store;
  private final RegistryHttpServer server;
  private final String resolverBase;

  private RegistryNode(JdbcGatewayStore store, RegistryHttpServer server, String resolverBase) {
    this.store = store;
    this.server = server;
    this.resolverBase = resolverBase;
  }

  /**
   * @throws GatewayConfigException when the configuration has no intake section
   */
  public static RegistryNode start(GatewayConfig config, Map<String, String> env, Clock clock) {
    Intake intake = config.intake().orElseThrow(() -> new GatewayConfigException(config.file().getFileName()
        + ": intake: required for 'gateway registry' (where it listens, its TLS credential)"));
    Supplier<TrustStore> trust = Nodes.trust(config);
    char[] passphrase = intake.passphrase().read(env);
    var tls = TlsContexts.server(TlsContexts.keyStore(intake.keyStore(), passphrase), passphrase, trust, clock);
    JdbcGatewayStore store = Nodes.store(config, env, clock);
    try {
      UpdateCertificates certificates = Nodes.certificates(trust, clock);
      Ingest ingest = new Ingest(store, certificates, clock, false);
      ActorVerifier actors = new ActorVerifier(trust);
      String base = config.registry().resolverBase()
          .orElse("https://localhost" + (intake.port() == 0 ? "" : ":" + intake.port()));
      RegistryLog log = new RegistryLog(store, actors, certificates, Optional.of(ingest), clock,
          RegistryLog.DEFAULT_CLOCK_TOLERANCE);
      RegistryRoutes routes = new RegistryRoutes(new RegistryService(store, log, ingest, base),
          new BearerTokens(actors, base, clock), config.registry().anonymousPerMinute(),
          config.registry().anonymousBurst(), new Pages(), clock, openApi());
      RegistryHttpServer server = RegistryHttpServer.start(intake.bind(), intake.port(), tls,
          TlsContexts.recheck(trust, clock)::apply, new SyncIntake(ingest, intake.limits()), routes);
      return new RegistryNode(store, server, base);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The OpenAPI document, kept as YAML in the jar (gateway/src/main/resources/registry/openapi.yaml), served as JSON. */
  static byte[] openApi() {
    try (InputStream in = RegistryNode.class.getResourceAsStream("/registry/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("registry/openapi.yaml is missing from the jar");
      }
      return new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.port();
  }

  /** The Digital Link base the registry answers for (and the audience of its bearer tokens). */
  public String resolverBase() {
    return resolverBase;
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
