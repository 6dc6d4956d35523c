package io.packpass.label;

/** The QR code does not fit the layout (or any QR symbol) at the chosen error correction; the message has the limit. */
public class QrTooLargeException extends LabelException {
  private static final long serialVersionUID = 1L;

  public QrTooLargeException(String message) {
    super(message);
  }

  public QrTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
