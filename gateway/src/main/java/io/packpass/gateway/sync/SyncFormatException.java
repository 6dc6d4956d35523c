package io.packpass.gateway.sync;

/** A sync request or answer that does not follow the wire format of docs/sync.md; the message says where. */
public final class SyncFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean tooLarge;

  public SyncFormatException(String message, boolean tooLarge) {
    super(message);
    this.tooLarge = tooLarge;
  }

  public SyncFormatException(String message) {
    this(message, false);
  }

  /** Whether the request broke a size or count limit (HTTP 413) rather than the format (400). */
  public boolean tooLarge() {
    return tooLarge;
  }
}
