package io.packpass.gateway.registry;

/** Bytes that are not a well-formed registry log entry; the message names the field. */
public final class LogFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LogFormatException(String message) {
    super(message);
  }

  public LogFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
