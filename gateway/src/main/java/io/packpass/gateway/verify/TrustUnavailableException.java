package io.packpass.gateway.verify;

/**
 * The gateway cannot judge certificates right now (its CRL is past its next-update date, so a
 * revocation since then would go unseen). Nothing is stored or quarantined: the sender keeps the
 * updates and tries again, and the operator loads a newer CRL.
 */
public final class TrustUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustUnavailableException(String message) {
    super(message);
  }
}
