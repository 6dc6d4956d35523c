package io.packpass.agent.records;

/** The agent's passport records cannot be opened or extended as asked. */
public class RecordsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordsException(String message) {
    super(message);
  }

  public RecordsException(String message, Throwable cause) {
    super(message, cause);
  }
}
