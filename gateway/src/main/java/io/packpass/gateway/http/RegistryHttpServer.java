package io.packpass.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.packpass.core.passport.Role;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.gateway.store.StoreException;
import io.packpass.gateway.sync.SyncAck;
import io.packpass.gateway.sync.SyncFormatException;
import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.verify.BackpressureException;
import io.packpass.gateway.verify.TrustUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's one HTTPS server (Javalin on Jetty 12): the sync intake for gateways
 * ({@code POST /api/v1/sync}) and, in the full registry, the resolver, the REST API and the pages
 * ({@link RegistryRoutes}). TLS client certificates are asked for (required for an intake-only server);
 * the handshake already refused certificates outside the manufacturer's PKI (and revoked ones); only a
 * {@code fleet} role certificate may sync, others get 403. Errors map to status codes in {@link #error}
 * only: 400 bad batch (or a body broken off), 401 a gateway certificate no longer trusted (checked
 * again per sync request: a CRL published since the handshake, an expiry), 401/403/404/409/422 from
 * the routes, 413 over a limit,
 * 415 not a CBOR sequence, 429 over the anonymous rate, 503 with Retry-After when the registry cannot
 * judge or store now (the gateway keeps the batch and retries), 500 with no detail otherwise.
 */
public final class RegistryHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Where Jetty puts the client's certificate chain (Servlet 6). */
  private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";
  static final int RETRY_AFTER_SECONDS = 30;

  private final Javalin app;

  private RegistryHttpServer(Javalin app) {
    this.app = app;
  }

  /**
   * The sync intake alone, client certificates required, on {@code host:port} (port 0: any free port,
   * see {@link #port()}); {@code recheck} judges a gateway's certificate again on every sync request
   * ({@code TlsContexts.recheck}): empty while it is trusted, else why not.
   */
  public static RegistryHttpServer start(String host, int port, SSLContext tls, ClientRecheck recheck,
      SyncIntake intake) {
    return start(host, port, tls, recheck, intake, Optional.empty());
  }

  /** The full registry: intake, resolver, API and pages; client certificates optional (anonymous is the public tier). */
  public static RegistryHttpServer start(String host, int port, SSLContext tls, ClientRecheck recheck,
      SyncIntake intake, RegistryRoutes registry) {
    return start(host, port, tls, recheck, intake, Optional.of(registry));
  }

  /** Whether a client certificate the handshake accepted is still trusted: empty if so, else why not. */
  public interface ClientRecheck extends Function<X509Certificate[], Optional<String>> {
  }

  private static RegistryHttpServer start(String host, int port, SSLContext tls, ClientRecheck recheck,
      SyncIntake intake, Optional<RegistryRoutes> registry) {
    StoreTrouble trouble = new StoreTrouble(System::nanoTime);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = intake.limits().maxBodyBytes();
      config.jetty.addConnector((server, http) -> {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        if (registry.isPresent()) {
          ssl.setWantClientAuth(true);
        } else {
          ssl.setNeedClientAuth(true);
        }
        HttpConfiguration https = new HttpConfiguration(http);
        // the registry is reached by IP address on many sites: no SNI host check against its certificate
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
            new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
      });
      registry.ifPresent(r -> r.register(config.routes));
      config.routes.post(SyncIntake.PATH, ctx -> sync(ctx, intake, recheck, trouble));
      config.routes.exception(Exception.class, (e, ctx) -> error(e, ctx, registry, trouble));
    });
    app.start();
    LOG.info("{} listening on https://{}:{}", registry.isPresent() ? "registry" : "sync intake", host, app.port());
    return new RegistryHttpServer(app);
  }

  private static void sync(Context ctx, SyncIntake intake, ClientRecheck recheck, StoreTrouble trouble)
      throws JsonProcessingException {
    X509Certificate[] chain = (X509Certificate[]) ctx.req().getAttribute(CLIENT_CHAIN);
    if (chain == null || chain.length == 0) {
      text(ctx, 401, "a client certificate is required");
      return;
    }
    Optional<String> distrusted = recheck.apply(chain);
    if (distrusted.isPresent()) {
      // revoked on a CRL published since this connection's handshake, or expired since
      LOG.warn("sync intake: refused {}: {}", chain[0].getSubjectX500Principal(), distrusted.get());
      text(ctx, 401, "the client certificate is no longer trusted: " + distrusted.get());
      return;
    }
    Optional<Role> role = RoleCertificates.roleOf(chain[0]);
    if (role.isEmpty() || role.get() != Role.FLEET) {
      text(ctx, 403, "only gateways with a fleet role certificate may sync; "
          + chain[0].getSubjectX500Principal() + " has " + role.map(Role::id).orElse("no role"));
      return;
    }
    String type = Optional.ofNullable(ctx.contentType()).orElse("");
    if (!type.startsWith(SyncIntake.REQUEST_TYPE)) {
      text(ctx, 415, "the body must be " + SyncIntake.REQUEST_TYPE + " (a CBOR sequence of COSE_Sign1), not '" + type + "'");
      return;
    }
    List<SyncAck> acks = intake.receive(ctx.bodyAsBytes(), chain[0].getSubjectX500Principal().getName());
    trouble.stored();
    String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
    if (accept.contains("application/json") && !accept.contains("application/cbor")) {
      ctx.contentType("application/json").result(JSON.writeValueAsBytes(SyncAck.toJson(acks)));
    } else {
      ctx.contentType("application/cbor").result(SyncAck.encode(acks));
    }
  }

  private static void error(Exception e, Context ctx, Optional<RegistryRoutes> registry, StoreTrouble trouble) {
    if (e instanceof HttpProblem p) {
      if (p.status() == 429 || p.status() == 503) {
        ctx.header("Retry-After", p.hint().isEmpty() ? String.valueOf(RETRY_AFTER_SECONDS) : p.hint());
      }
      if (registry.isPresent()) {
        registry.get().problem(ctx, p.status(), p.getMessage(), p.hint());
      } else {
        text(ctx, p.status(), p.getMessage());
      }
    } else if (e instanceof io.packpass.gateway.token.TokenException t) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      text(ctx, 401, t.getMessage());
    } else if (e instanceof SyncFormatException f) {
      text(ctx, f.tooLarge() ? 413 : 400, f.getMessage());
    } else if (e instanceof io.javalin.http.HttpResponseException h) {
      text(ctx, h.getStatus(), h.getMessage());
    } else if (e instanceof TrustUnavailableException || e instanceof BackpressureException) {
      ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      text(ctx, 503, e.getMessage());
    } else if (e instanceof java.io.IOException || e.getCause() instanceof java.io.IOException) {
      // the gateway went away mid-request (killed, network cut): nothing was judged, it will resend
      LOG.debug("sync intake: request body broken off: {}", e.toString());
      text(ctx, 400, "the request body ended early");
    } else if (e instanceof StoreException) {
      trouble.failed(e.getMessage());
      ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      text(ctx, 503, "the registry cannot store updates right now; try again later");
    } else {
      LOG.error("sync intake: internal error", e);
      text(ctx, 500, "internal error");
    }
  }

  private static void text(Context ctx, int status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message.getBytes(StandardCharsets.UTF_8));
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
