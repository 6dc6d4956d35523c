package io.packpass.provisioning.ca;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate the issuing CA just issued for a key it did not generate (device enrollment).
 *
 * @param certificate the new certificate
 * @param chain the certificate, then the issuing CA (what a DTLS peer sends)
 * @param entry its registry entry
 * @param superseded earlier certificates of the same passport revoked by this enrollment
 */
public record IssuedCertificate(X509Certificate certificate, List<X509Certificate> chain, RegistryEntry entry,
    List<RegistryEntry> superseded) {

  public IssuedCertificate {
    chain = List.copyOf(chain);
    superseded = List.copyOf(superseded);
  }

  /** The chain as PEM, leaf first. */
  public String chainPem() {
    return CertificateText.pem(chain);
  }
}
