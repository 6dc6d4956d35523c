package io.packpass.agent.trace;

/** A trace that cannot be replayed at all (wrong protocol, nothing decodable in it). */
public class TraceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TraceException(String message) {
    super(message);
  }
}
