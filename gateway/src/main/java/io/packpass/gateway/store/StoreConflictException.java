package io.packpass.gateway.store;

/**
 * Another transaction stored the same passport's update first (a unique key was taken, or the
 * database broke a deadlock). Nothing of this transaction was kept; running it again sees the other
 * one's result.
 */
public final class StoreConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
