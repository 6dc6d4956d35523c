package io.packpass.label;

/** A label that cannot be made as asked: content too long for the layout or the QR code, a bad option. */
public class LabelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabelException(String message) {
    super(message);
  }

  public LabelException(String message, Throwable cause) {
    super(message, cause);
  }
}
