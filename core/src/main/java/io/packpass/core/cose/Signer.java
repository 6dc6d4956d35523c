package io.packpass.core.cose;

import io.packpass.core.id.KeyId;
import java.util.List;

/**
 * Port for whatever holds a signing key: a software key today, a secure element or PKCS#11 token
 * later. Implementations sign the COSE ToBeSigned bytes as-is (PureEdDSA; ECDSA hashes inside)
 * and return the COSE signature form (64 bytes r‖s for ES256).
 */
public interface Signer {
  CoseAlgorithm algorithm();

  /** Key id of the signing key: first 16 bytes of SHA-256 over its SubjectPublicKeyInfo. */
  KeyId keyId();

  byte[] sign(byte[] toBeSigned);

  /**
   * DER certificates for the COSE {@code x5chain} header (RFC 9360), leaf first; empty when
   * the verifier is expected to know the key by its kid.
   */
  default List<byte[]> certificateChain() {
    return List.of();
  }
}
