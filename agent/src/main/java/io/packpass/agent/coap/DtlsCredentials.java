package io.packpass.agent.coap;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.pki.TrustStore;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The agent's DTLS identity and what it checks clients against.
 *
 * @param key the device private key
 * @param chain the device certificate, then the issuing CA (as provisioning issued them)
 * @param trust the manufacturer roots and CRL that client certificates are validated against, asked at
 *     every handshake and request (a reloading one makes a newly installed CRL count at once)
 * @param clock the time certificates are checked at
 */
public record DtlsCredentials(PrivateKey key, List<X509Certificate> chain, Supplier<TrustStore> trust, Clock clock) {

  public DtlsCredentials {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(clock, "clock");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the DTLS identity needs the device certificate");
    }
  }

  /** From the device key as the agent holds it (Ed25519 or P-256), with a trust store that never changes. */
  public static DtlsCredentials of(SoftwareSigner deviceKey, List<X509Certificate> chain, TrustStore trust,
      Clock clock) {
    Objects.requireNonNull(trust, "trust");
    return of(deviceKey, chain, () -> trust, clock);
  }

  /** From the device key as the agent holds it (Ed25519 or P-256). */
  public static DtlsCredentials of(SoftwareSigner deviceKey, List<X509Certificate> chain, Supplier<TrustStore> trust,
      Clock clock) {
    String algorithm = deviceKey.algorithm() == CoseAlgorithm.EDDSA ? "Ed25519" : "EC";
    try {
      PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(deviceKey.pkcs8()));
      return new DtlsCredentials(key, chain, trust, clock);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the device key cannot be used for DTLS: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "DtlsCredentials[" + chain.get(0).getSubjectX500Principal() + "]";
  }
}
