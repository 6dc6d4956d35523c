package io.packpass.gateway.tls;

import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks TLS client certificates the way every PackPass peer checks a stranger: core's
 * {@link TrustStore} (chain to the manufacturer's root, valid now, not on the CRL, and a CRL that is
 * out of date refuses), with the CRL as it is now ({@code core.pki.ReloadingTrust}). The role is read
 * afterwards from the validated certificate. For servers only.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
  private final Supplier<TrustStore> trust;
  private final Clock clock;

  ClientCertificateTrust(Supplier<TrustStore> trust, Clock clock) {
    this.trust = trust;
    this.clock = clock;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    Instant now = clock.instant();
    for (X509Certificate c : chain) {
      // the validator says only "validity check failed"; the operator needs which and when
      if (now.isAfter(c.getNotAfter().toInstant())) {
        throw new CertificateException("certificate " + c.getSubjectX500Principal() + " expired on "
            + c.getNotAfter().toInstant(), new CertPathValidatorException("expired", null, null, -1,
                CertPathValidatorException.BasicReason.EXPIRED));
      }
    }
    try {
      trust.get().validate(List.of(chain), now);
    } catch (TrustException e) {
      // the validator's exception as the direct cause: JSSE picks the TLS alert from it, so a client
      // is told certificate_revoked or certificate_expired rather than certificate_unknown
      Throwable why = e.getCause() instanceof CertPathValidatorException ? e.getCause() : e;
      throw new CertificateException(e.getMessage(), why);
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
    return trust.get().roots().toArray(new X509Certificate[0]);
  }
}
