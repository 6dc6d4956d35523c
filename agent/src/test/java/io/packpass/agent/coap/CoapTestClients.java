package io.packpass.agent.coap;

import io.packpass.provisioning.ca.RoleCredential;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/** Californium clients for the tests: plain, and DTLS with a role certificate; closed together. */
public final class CoapTestClients implements AutoCloseable {
  private final List<CoapClient> clients = new ArrayList<>();
  private final List<CoapEndpoint> endpoints = new ArrayList<>();

  static Configuration clientConfig() {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
    Configuration config = new Configuration();
    // A collector reassembles /updates pages far beyond the 8 KiB default.
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, CoapConfigurations.MAX_RESOURCE_BODY_SIZE);
    config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
    // The device certificate names the passport (a URI), not a host name or address.
    config.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, false);
    config.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, false);
    config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 1);
    return config;
  }

  public CoapClient plain(InetSocketAddress server, String path) {
    CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(clientConfig()).build();
    return track(endpoint, "coap://" + hostPort(server) + path);
  }

  public CoapClient dtls(InetSocketAddress server, String path, RoleCredential credential, X509Certificate root) {
    return dtls(server, path, credential.privateKey(), credential.chain(), root);
  }

  public CoapClient dtls(InetSocketAddress server, String path, PrivateKey key, List<X509Certificate> chain,
      X509Certificate root) {
    Configuration config = clientConfig();
    DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
        .setAddress(new InetSocketAddress(server.getAddress(), 0))
        .setCertificateIdentityProvider(new SingleCertificateProvider(key,
            chain.toArray(new X509Certificate[0]), CertificateType.X_509))
        .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
            .setTrustedCertificates(root).build())
        .build();
    CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtls))
        .build();
    return track(endpoint, "coaps://" + hostPort(server) + path);
  }

  private CoapClient track(CoapEndpoint endpoint, String uri) {
    try {
      endpoint.start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    endpoints.add(endpoint);
    CoapClient client = new CoapClient(uri);
    client.setEndpoint(endpoint);
    client.setTimeout(5_000L);
    clients.add(client);
    return client;
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  @Override
  public void close() {
    clients.forEach(CoapClient::shutdown);
    endpoints.forEach(CoapEndpoint::destroy);
  }
}
