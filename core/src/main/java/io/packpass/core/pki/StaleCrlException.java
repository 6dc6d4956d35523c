package io.packpass.core.pki;

import java.time.Instant;

/**
 * The CRL that should say whether a certificate is revoked was due for renewal before the instant
 * asked about, so its silence proves nothing. Distinct from other trust failures because the remedy
 * is operational (load a newer CRL), and because a holder checking its <em>own</em> certificate may
 * choose to go on with a warning where a verifier of strangers must refuse.
 */
public final class StaleCrlException extends TrustException {
  private static final long serialVersionUID = 1L;

  private final Instant nextUpdate;

  public StaleCrlException(String message, Instant nextUpdate) {
    super(message);
    this.nextUpdate = nextUpdate;
  }

  /** When the CRL said its successor would be issued. */
  public Instant nextUpdate() {
    return nextUpdate;
  }
}
