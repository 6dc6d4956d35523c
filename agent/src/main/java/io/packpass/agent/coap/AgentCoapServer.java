package io.packpass.agent.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.UdpMulticastConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.NetworkInterfacesUtil;
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
  /** The resource type (RFC 6690 {@code rt}) of {@code /passport}: what a gateway's discovery asks for. */
  public static final String PASSPORT_RESOURCE_TYPE = "packpass.passport";
  /** Link attribute of {@code /passport} in {@code /.well-known/core}: the agent's DTLS port. */
  public static final String COAPS_PORT_ATTRIBUTE = "coaps-port";

  private final PassportSource source;
  private final PassportResource passport;
  private UdpMulticastConnector multicast;
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
    AckResource ack = new AckResource(source);
    updates.add(ack);
    passport = new PassportResource(source);
    passport.getAttributes().addResourceType(PASSPORT_RESOURCE_TYPE);
    FreshResource fresh = new FreshResource(source, clock, settings.freshInterval());
    server.add(passport, updates, soh, fresh);
    if (settings.plainEnabled()) {
      UDPConnector udp = new UDPConnector(new InetSocketAddress(settings.bind(), settings.plainPort()), config);
      settings.multicast().ifPresent(group -> multicast = multicastReceiver(udp, group, config));
      plain = CoapConfigurations.endpoint(config).setConnector(udp).build();
      server.addEndpoint(plain);
    } else {
      plain = null;
    }
    if (dtls.isPresent()) {
      DtlsCredentials c = dtls.get();
      TrustStoreCertificateVerifier verifier = new TrustStoreCertificateVerifier(c.trust(),
          c.chain().subList(1, c.chain().size()), c.clock());
      for (PackPassResource r : List.of(passport, updates, soh, ack, fresh)) {
        r.recheckClientsWith(verifier);
      }
      DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
          .setAddress(new InetSocketAddress(settings.bind(), settings.securePort()))
          .setCertificateIdentityProvider(new SingleCertificateProvider(c.key(),
              c.chain().toArray(new X509Certificate[0]), CertificateType.X_509))
          .setAdvancedCertificateVerifier(verifier)
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

  /**
   * Joins the discovery group on the plain endpoint: requests to the group reach the resources, and
   * the answers leave from the unicast address, so a gateway learns where to collect from. Where
   * the network allows no multicast, the agent serves on without it and says so.
   */
  private static UdpMulticastConnector multicastReceiver(UDPConnector unicast, CoapSettings.Multicast group,
      Configuration config) {
    NetworkInterface nif;
    try {
      nif = group.networkInterface().isPresent() ? NetworkInterface.getByName(group.networkInterface().get())
          : NetworkInterfacesUtil.getMulticastInterface();
    } catch (SocketException e) {
      nif = null;
    }
    if (nif == null) {
      LOG.warn("no multicast network interface{}: the agent cannot be discovered on {}, only reached at its address",
          group.networkInterface().map(n -> " named " + n).orElse(""), group.group().getHostAddress());
      return null;
    }
    unicast.setReuseAddress(true);
    UdpMulticastConnector receiver = new UdpMulticastConnector.Builder().setConfiguration(config)
        .setLocalAddress(group.group(), group.port()).addMulticastGroup(group.group(), nif)
        .setMulticastReceiver(true).build();
    try {
      receiver.start();
    } catch (IOException e) {
      LOG.warn("cannot join {} on {}: {}; the agent cannot be discovered by multicast", group.group().getHostAddress(),
          nif.getName(), e.toString());
      return null;
    }
    unicast.addMulticastReceiver(receiver);
    LOG.info("discoverable on coap://{}:{} ({})", group.group().getHostAddress(), group.port(), nif.getName());
    return receiver;
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
    // discovery answers name the DTLS port, so a gateway that found the agent knows where to collect
    secureAddress().ifPresent(a -> passport.getAttributes().setAttribute(COAPS_PORT_ATTRIBUTE,
        Integer.toString(a.getPort())));
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

  /** Whether the plain endpoint joined its discovery group. */
  public boolean discoverable() {
    return multicast != null;
  }

  @Override
  public synchronized void close() {
    stop();
    server.destroy();
    if (multicast != null) {
      multicast.destroy();
    }
  }
}
