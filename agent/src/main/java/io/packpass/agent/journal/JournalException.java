package io.packpass.agent.journal;

/** The journal cannot do what was asked; {@link #kind()} says why without parsing the message. */
public class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Another process holds the journal directory. */
    LOCKED,
    /** A sealed segment holds a record that fails its check: operator action needed. */
    CORRUPT,
    /** The update does not continue the journal's chain (seq or prev hash). */
    CHAIN,
    /** The record is larger than the journal accepts. */
    TOO_LARGE,
    /**
     * The file system has no room for the record (ENOSPC): nothing of it was kept, and the same
     * append can be tried again once space is freed.
     */
    NO_SPACE,
    /** The file system refused (permissions, I/O error). */
    IO
  }

  private final Kind kind;

  public JournalException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public JournalException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
