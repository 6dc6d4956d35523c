package io.packpass.agent.identity;

/** The device identity cannot be created or loaded; the message says what to do. */
public class IdentityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IdentityException(String message) {
    super(message);
  }

  public IdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
