package io.packpass.gateway.verify;

/** The gateway takes no more updates for now (its outbox is over a bound); the sender keeps them and tries later. */
public final class BackpressureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackpressureException(String message) {
    super(message);
  }
}
