package io.packpass.core.cose;

import java.util.Optional;

/**
 * COSE signature algorithms PackPass signs or verifies with (RFC 9053, IANA COSE registry).
 *
 * <p>PackPass signs with {@link #EDDSA} (-8) by default and {@link #ES256} where a secure
 * element only speaks P-256. {@link #ED25519} (-19) is the newer fully-specified identifier: it
 * is accepted on verification so that agents can move to it later without breaking gateways.
 */
public enum CoseAlgorithm {
  /** EdDSA (Ed25519 or Ed448 by key), the PackPass default. */
  EDDSA(-8, null),
  /** Ed25519 only, fully specified (draft-ietf-jose-fully-specified-algorithms). */
  ED25519(-19, null),
  /** ECDSA with SHA-256; signatures are r‖s, not DER. */
  ES256(-7, "SHA-256"),
  ES384(-35, "SHA-384"),
  ES512(-36, "SHA-512");

  private final long id;
  private final String digest;

  CoseAlgorithm(long id, String digest) {
    this.id = id;
    this.digest = digest;
  }

  public long id() {
    return id;
  }

  public boolean isEcdsa() {
    return digest != null;
  }

  /** Name of the ECDSA message digest, or null for EdDSA. */
  String digest() {
    return digest;
  }

  public static Optional<CoseAlgorithm> fromId(long id) {
    for (CoseAlgorithm algorithm : values()) {
      if (algorithm.id == id) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
