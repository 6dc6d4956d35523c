package io.packpass.gateway.token;

/** A bearer token the registry does not accept; the message says why (never echoes the token). */
public final class TokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TokenException(String message) {
    super(message);
  }
}
