package io.packpass.gateway.store;

/** The store cannot be reached or answered with an error; nothing of the failed transaction was kept. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
