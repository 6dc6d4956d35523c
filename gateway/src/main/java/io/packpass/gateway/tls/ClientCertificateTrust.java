package io.packpass.gateway.tls;

import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks TLS client certificates the way every PackPass peer checks a stranger: core's
 * {@link TrustStore} (chain to the manufacturer's root, valid now, not on the CRL, and a CRL that is
 * out of date refuses). The role is read afterwards from the validated certificate. For servers only.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
  private final TrustStore trust;
  private final Clock clock;

  ClientCertificateTrust(TrustStore trust, Clock clock) {
    this.trust = trust;
    this.clock = clock;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      trust.validate(List.of(chain), clock.instant());
    } catch (TrustException e) {
      throw new CertificateException(e.getMessage(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("this trust manager checks clients only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust.roots().toArray(new X509Certificate[0]);
  }
}
