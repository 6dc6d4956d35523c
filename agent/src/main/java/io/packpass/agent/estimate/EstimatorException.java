package io.packpass.agent.estimate;

/**
 * An estimator configuration or saved state that cannot be accepted. The message names the offending
 * parameter, e.g. {@code estimator config: seriesCells: must be positive, was 0}, so a profile author
 * can fix the right key.
 */
public class EstimatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EstimatorException(String message) {
    super(message);
  }
}
