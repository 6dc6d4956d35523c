package io.packpass.core.pki;

/** A certificate chain does not lead to a trusted root, is expired or revoked, or a trust file is unusable. */
public class TrustException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustException(String message) {
    super(message);
  }

  public TrustException(String message, Throwable cause) {
    super(message, cause);
  }
}
