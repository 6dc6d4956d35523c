package io.packpass.agent.cli;

/** Bad input to an agent command: printed as one line, exit code 2. */
public class AgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentException(String message) {
    super(message);
  }
}
