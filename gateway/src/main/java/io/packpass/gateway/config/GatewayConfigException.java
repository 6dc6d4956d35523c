package io.packpass.gateway.config;

/** gateway.yaml is missing, unreadable or invalid; the message names the file and the dotted key. */
public final class GatewayConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GatewayConfigException(String message) {
    super(message);
  }

  public GatewayConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
