package io.packpass.agent.bus;

/**
 * A failed exchange on a pack bus. {@link #kind()} says what failed, so callers can count, retry
 * with backoff, or mark a snapshot partial without parsing messages. Not {@code IOException}: Pi4J's
 * own exception of that name is the trap STYLE.md warns about.
 */
public class BusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong on the wire. */
  public enum Kind {
    /** The device did not acknowledge (I2C NACK, no such address). */
    NACK,
    /** No (complete) answer within the timeout. */
    TIMEOUT,
    /** SMBus packet error code mismatch. */
    BAD_PEC,
    /** Frame checksum mismatch (JBD). */
    BAD_CHECKSUM,
    /** A frame or block shorter or longer than its own length field says. */
    MALFORMED,
    /** The operating system refused access (permissions, device missing). */
    ACCESS
  }

  private final Kind kind;

  public BusException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public BusException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
