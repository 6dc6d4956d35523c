package io.packpass.core.update;

/** Bytes that are not a well-formed PackPass signed update; the message says what is wrong and where. */
public class UpdateFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UpdateFormatException(String message) {
    super(message);
  }

  public UpdateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
