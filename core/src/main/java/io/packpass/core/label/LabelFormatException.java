package io.packpass.core.label;

/** Scanned text or bytes that are not a well-formed PackPass label signature; the message says what and where. */
public class LabelFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabelFormatException(String message) {
    super(message);
  }

  public LabelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
