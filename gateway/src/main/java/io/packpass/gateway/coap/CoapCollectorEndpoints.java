package io.packpass.gateway.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
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

/**
 * The collector's Californium endpoints, built in code (never {@code Configuration.getStandard()}):
 * one DTLS 1.2 client endpoint with the gateway's fleet role credential for every {@code coaps://}
 * agent, one plain endpoint for {@code coap://} ones (public tier only, so of little use). Agents'
 * device certificates are checked against the manufacturer's roots; they name a passport, not a host,
 * so the subject is not matched against the address. Every update is verified on its own anyway.
 */
public final class CoapCollectorEndpoints implements AutoCloseable {
  /**
   * Block-wise answers are reassembled up to this size ({@code COAP.MAX_RESOURCE_BODY_SIZE}, 8 KiB by
   * default): an /updates page of 64 updates with their x5chains is far larger.
   */
  public static final int MAX_BODY_SIZE = 256 * 1024;

  private final CoapEndpoint secure;
  private final CoapEndpoint plain;

  private CoapCollectorEndpoints(CoapEndpoint secure, CoapEndpoint plain) {
    this.secure = secure;
    this.plain = plain;
  }

  static Configuration configuration() {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
    Configuration config = new Configuration();
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_BODY_SIZE);
    config.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
    config.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
    config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
    config.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, false);
    config.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, false);
    return config;
  }

  /**
   * @param key the fleet credential's private key
   * @param chain its certificate, then the issuing CA
   * @param roots the manufacturer's root certificates
   */
  public static CoapCollectorEndpoints start(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> roots) {
    Configuration config = configuration();
    DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
        .setAddress(new InetSocketAddress(0))
        .setCertificateIdentityProvider(new SingleCertificateProvider(key, chain.toArray(new X509Certificate[0]),
            CertificateType.X_509))
        .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
            .setTrustedCertificates(roots.toArray(new X509Certificate[0])).build())
        .build();
    CoapEndpoint secure = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
    CoapEndpoint plain = CoapEndpoint.builder().setConfiguration(config).build();
    try {
      secure.start();
      plain.start();
    } catch (IOException e) {
      secure.destroy();
      plain.destroy();
      throw new IllegalStateException("cannot open the collector's CoAP endpoints: " + e.getMessage(), e);
    }
    return new CoapCollectorEndpoints(secure, plain);
  }

  CoapEndpoint forScheme(String scheme) {
    return "coaps".equals(scheme) ? secure : plain;
  }

  @Override
  public void close() {
    secure.destroy();
    plain.destroy();
  }
}
