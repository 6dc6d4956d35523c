package io.packpass.gateway.collect;

/** The agent did not answer, or answered with an error; the collector backs off and tries again. */
public final class AgentUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public AgentUnavailableException(String message) {
    super(message);
  }
}
