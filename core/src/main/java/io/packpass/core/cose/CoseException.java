package io.packpass.core.cose;

/**
 * A COSE message that is malformed, uses something PackPass does not support, or does not fit
 * the key it is checked with. A valid structure whose signature simply does not verify is not an
 * exception: {@link CoseSign1#verify} returns false for it.
 */
public class CoseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CoseException(String message) {
    super(message);
  }

  public CoseException(String message, Throwable cause) {
    super(message, cause);
  }
}
