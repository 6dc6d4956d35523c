package io.packpass.gateway.tls;

/** A TLS credential or trust file cannot be used; the message names the file and why. */
public final class TlsSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }

  public TlsSetupException(String message) {
    super(message);
  }
}
