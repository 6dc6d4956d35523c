package io.packpass.agent.coap;

import java.time.Duration;

/**
 * A {@link PassportSource} cannot answer now (e.g. no reading yet, the BMS bus is down); the client
 * may retry after {@link #retryAfter()}. The message is logged, never sent to the client.
 */
public class SourceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public SourceUnavailableException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
