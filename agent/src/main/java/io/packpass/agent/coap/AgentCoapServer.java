package io.packpass.agent.coap;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's CoAP service: {@code /.well-known/core}, {@code /passport}, {@code /passport/signed},
 * {@code /updates}, {@code /soh} (observable) and {@code /fresh}, read from a {@link PassportSource}.
 * Two endpoints: plain CoAP (anonymous callers, public tier only) and DTLS 1.2 (the device key and
 * certificate as server identity, X.509 client certificates from provisioning required; the role
 * comes from the client certificate). See agent/README.md, "CoAP service".
 */
public final class AgentCoapServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCoapServer.class);

  private final CoapServer server;
  private final Endpoint plain;
  private final Endpoint secure;
  private final PassportSource source;
  private final SohResource soh;
  private PassportSource.Subscription subscription;
  /** Runs observe notifications off the appending thread (which may hold the journal's lock). */
  private ExecutorService notifier;

  /**
   * @param dtls the DTLS identity and trust; without it only plain CoAP is served (public tier)
   */
  public AgentCoapServer(PassportSource source, CoapSettings settings, Optional<DtlsCredentials> dtls) {
    this(source, settings, dtls, Clock.systemUTC());
  }

  /**
   * @param dtls the DTLS identity and trust; without it only plain CoAP is served (public tier)
   * @param clock paces {@code /fresh} (client certificates are checked at {@link DtlsCredentials#clock()})
   */
  public AgentCoapServer(PassportSource source, CoapSettings settings, Optional<DtlsCredentials> dtls, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    Configuration config = CoapConfigurations.agent(settings.propertiesFile());
    server = new CoapServer(config);
    soh = new SohResource(source);
    UpdatesResource updates = new UpdatesResource(source, settings.pageSize());
    updates.add(new AckResource(source));
    server.add(new PassportResource(source), updates,
        soh, new FreshResource(source, clock, settings.freshInterval()));
    if (settings.plainEnabled()) {
      plain = CoapConfigurations.endpoint(config)
          .setInetSocketAddress(new InetSocketAddress(settings.bind(), settings.plainPort())).build();
      server.addEndpoint(plain);
    } else {
      plain = null;
    }
    if (dtls.isPresent()) {
      DtlsCredentials c = dtls.get();
      DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
          .setAddress(new InetSocketAddress(settings.bind(), settings.securePort()))
          .setCertificateIdentityProvider(new SingleCertificateProvider(c.key(),
              c.chain().toArray(new X509Certificate[0]), CertificateType.X_509))
          .setAdvancedCertificateVerifier(new TrustStoreCertificateVerifier(c.trust(),
              c.chain().subList(1, c.chain().size()), c.clock()))
          .setLoggingTag("dtls")
          .build();
      secure = CoapConfigurations.endpoint(config).setConnector(new DTLSConnector(dtlsConfig))
          .build();
      server.addEndpoint(secure);
    } else {
      secure = null;
    }
    if (plain == null && secure == null) {
      throw new IllegalArgumentException("neither plain CoAP nor DTLS is enabled: nothing to serve");
    }
  }

  /** Binds the endpoints and starts serving; observers of /soh are notified after every new update. */
  public synchronized void start() {
    notifier = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "coap-soh-notify");
      t.setDaemon(true);
      return t;
    });
    ExecutorService executor = notifier;
    subscription = source.subscribe(() -> {
      try {
        executor.execute(soh::changed);
      } catch (RejectedExecutionException e) {
        LOG.debug("update after the CoAP service stopped: no notification");
      }
    });
    server.start();
    LOG.info("CoAP service started: plain {}, DTLS {}", plainAddress().map(Object::toString).orElse("off"),
        secureAddress().map(Object::toString).orElse("off"));
  }

  public synchronized void stop() {
    if (subscription != null) {
      subscription.cancel();
      subscription = null;
    }
    if (notifier != null) {
      notifier.shutdownNow();
      notifier = null;
    }
    server.stop();
  }

  /** The bound plain CoAP address (after {@link #start()}; the real port when 0 was asked for). */
  public Optional<InetSocketAddress> plainAddress() {
    return Optional.ofNullable(plain).map(Endpoint::getAddress);
  }

  /** The bound DTLS address (after {@link #start()}). */
  public Optional<InetSocketAddress> secureAddress() {
    return Optional.ofNullable(secure).map(Endpoint::getAddress);
  }

  @Override
  public synchronized void close() {
    stop();
    server.destroy();
  }
}
