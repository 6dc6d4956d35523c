package io.packpass.label.print;

/** A label job that did not reach a ready printer; {@link #retryable()} says whether trying again may help. */
public class PrinterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the job did not go through. */
  public enum Kind {
    /** No connection: printer off, unplugged, wrong address, or the connection dropped. Retryable. */
    UNREACHABLE(true),
    /** Connected, but the printer says (or, by its silence, shows) it cannot print: out of labels, paused, head open. Retryable. */
    NOT_READY(true),
    /** Will not work by waiting: no permission, bad printer spec. */
    REFUSED(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;

  public PrinterException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public PrinterException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind.retryable;
  }
}
