package io.packpass.agent.coap;

import io.packpass.core.passport.Role;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.StaleCrlException;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.util.CertPathUtil;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks DTLS client certificates during the handshake with core's {@link TrustStore}: the chain
 * must lead to a PackPass root, be valid at the clock's instant and, with a CRL, the leaf must not
 * be revoked; the leaf must allow client authentication and name exactly one role
 * ({@link RoleCertificates#roleOf}). Anything else ends the handshake with a fatal alert
 * (unknown_ca, certificate_expired, certificate_revoked, bad_certificate or access_denied).
 *
 * <p>Clients that send only their own certificate (libcoap's OpenSSL client does) get their chain
 * completed with the intermediate CAs the agent knows (the issuing CA of its own device certificate);
 * trust still comes from the roots only.
 */
final class TrustStoreCertificateVerifier implements NewAdvancedCertificateVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(TrustStoreCertificateVerifier.class);
  private final Supplier<TrustStore> trust;
  private final List<X509Certificate> intermediates;
  private final Clock clock;
  private static final int MAX_REPORTED = 256;
  private final Set<BigInteger> refused = new LinkedHashSet<>();

  TrustStoreCertificateVerifier(Supplier<TrustStore> trust, List<X509Certificate> intermediates, Clock clock) {
    this.trust = trust;
    this.intermediates = List.copyOf(intermediates);
    this.clock = clock;
  }

  @Override
  public List<CertificateType> getSupportedCertificateTypes() {
    return List.of(CertificateType.X_509);
  }

  @Override
  public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverNames,
      InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath,
      CertificateMessage message) {
    try {
      CertPath path = message.getCertificateChain();
      if (path == null || message.isEmpty()) {
        throw refuse(AlertDescription.BAD_CERTIFICATE, "no client certificate");
      }
      List<X509Certificate> chain = chainOf(path);
      X509Certificate leaf = chain.get(0);
      if (!CertPathUtil.canBeUsedForAuthentication(leaf, clientUsage)) {
        throw refuse(AlertDescription.BAD_CERTIFICATE, "key usage does not allow authentication");
      }
      try {
        trust.get().validate(chain, clock.instant());
      } catch (TrustException e) {
        throw refuse(alertFor(e), e.getMessage());
      }
      if (clientUsage) {
        Optional<Role> role = RoleCertificates.roleOf(leaf);
        if (role.isEmpty()) {
          throw refuse(AlertDescription.ACCESS_DENIED, leaf.getSubjectX500Principal() + " names no PackPass role");
        }
      }
      return new CertificateVerificationResult(cid, path, null);
    } catch (HandshakeException e) {
      LOG.debug("DTLS peer {} refused: {}", remotePeer, e.getMessage());
      return new CertificateVerificationResult(cid, e, null);
    }
  }

  /**
   * Why a client whose handshake passed may no longer be served, or empty: its certificate expired
   * since, or a CRL installed since lists it (or the CRL lapsed). Asked for every request on a DTLS
   * session, because neither an established association nor a resumed session (abbreviated
   * handshake, no certificate) comes back through {@link #verifyCertificate}.
   */
  Optional<String> noLongerTrusted(CertPath path) {
    try {
      trust.get().validate(chainOf(path), clock.instant());
      return Optional.empty();
    } catch (TrustException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Throws 4.01 for a DTLS client {@link #noLongerTrusted}; logs each such certificate once at WARN. */
  void requireStillTrusted(Request request) {
    Principal peer = request.getSourceContext() == null ? null : request.getSourceContext().getPeerIdentity();
    if (!(peer instanceof X509CertPath path)) {
      return;
    }
    Optional<String> why = noLongerTrusted(path.getPath());
    if (why.isEmpty()) {
      return;
    }
    X509Certificate leaf = path.getTarget();
    if (firstRefusal(leaf.getSerialNumber())) {
      LOG.warn("DTLS client {} (serial {}) is no longer accepted: {}; its requests get 4.01",
          leaf.getSubjectX500Principal(), leaf.getSerialNumber().toString(16), why.get());
    }
    throw new CoapRequestException(CoapRequestException.Reason.UNAUTHORIZED,
        "client certificate no longer accepted (expired or revoked since the handshake)");
  }

  /** Whether {@code serial} is refused for the first time (bounded: a flood of strangers cannot grow it). */
  private synchronized boolean firstRefusal(BigInteger serial) {
    if (refused.contains(serial)) {
      return false;
    }
    if (refused.size() == MAX_REPORTED) {
      refused.remove(refused.iterator().next());
    }
    return refused.add(serial);
  }

  private List<X509Certificate> chainOf(CertPath path) {
    return completed(path.getCertificates().stream().map(X509Certificate.class::cast).toList());
  }

  /** {@code chain} with the known intermediates appended while its last certificate's issuer is one of them. */
  private List<X509Certificate> completed(List<X509Certificate> chain) {
    List<X509Certificate> out = new ArrayList<>(chain);
    for (int guard = 0; guard < intermediates.size(); guard++) {
      X509Certificate last = out.get(out.size() - 1);
      Optional<X509Certificate> issuer = intermediates.stream()
          .filter(i -> i.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && !out.contains(i))
          .findFirst();
      if (issuer.isEmpty()) {
        break;
      }
      out.add(issuer.get());
    }
    return out;
  }

  private static AlertDescription alertFor(TrustException e) {
    if (e instanceof StaleCrlException) {
      return AlertDescription.CERTIFICATE_UNKNOWN;
    }
    Throwable cause = e.getCause();
    if (cause instanceof CertPathValidatorException v) {
      if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
          || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
        return AlertDescription.CERTIFICATE_EXPIRED;
      }
      if (v.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
        return AlertDescription.CERTIFICATE_REVOKED;
      }
      if (v.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
        return AlertDescription.UNKNOWN_CA;
      }
    }
    return AlertDescription.BAD_CERTIFICATE;
  }

  private static HandshakeException refuse(AlertDescription alert, String why) {
    return new HandshakeException(why, new AlertMessage(AlertLevel.FATAL, alert));
  }

  @Override
  public List<X500Principal> getAcceptedIssuers() {
    return trust.get().roots().stream().map(X509Certificate::getSubjectX500Principal).toList();
  }

  @Override
  public void setResultHandler(HandshakeResultHandler resultHandler) {
    // verification is synchronous
  }
}
