package io.packpass.gateway.grading;

/** A rule file that cannot be used; the message names the file and the dotted key. */
public final class RuleSetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuleSetException(String message) {
    super(message);
  }
}
