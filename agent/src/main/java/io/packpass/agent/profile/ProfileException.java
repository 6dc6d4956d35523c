package io.packpass.agent.profile;

/**
 * A hardware profile that cannot be found, read or accepted, or that cannot be turned into a driver
 * in this build. The message names the profile and, for a bad value, the offending key, e.g.
 * {@code profile rpi-jbd-usb: bus.baud: expected a positive integer}.
 */
public class ProfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProfileException(String message) {
    super(message);
  }

  public ProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
