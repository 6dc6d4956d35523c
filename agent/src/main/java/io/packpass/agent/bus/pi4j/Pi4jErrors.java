package io.packpass.agent.bus.pi4j;

import com.pi4j.library.linuxfs.LinuxFile;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import java.util.Locale;

/**
 * The one place where Pi4J exceptions become {@link BusException}s. The linuxfs provider wraps the
 * failed {@code ioctl} in a {@code Pi4JException} whose cause carries the Linux errno; that errno
 * decides the kind: EREMOTEIO/ENXIO/EIO = the device did not acknowledge (absent, sealed or asleep,
 * packbus.md §1.7), ETIMEDOUT/EAGAIN = clock stretching beyond the adapter's timeout, EACCES/EPERM/
 * ENOENT/ENODEV = the operating system refused. Without an errno, Pi4J's own "does not exist" /
 * "not readable" checks are ACCESS and everything else is NACK. The Pi4J exception stays attached as
 * the cause for {@code --debug}; the message and kind are ours.
 */
final class Pi4jErrors {
  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int EIO = 5;
  private static final int ENXIO = 6;
  private static final int EAGAIN = 11;
  private static final int EACCES = 13;
  private static final int ENODEV = 19;
  private static final int ETIMEDOUT = 110;
  private static final int EREMOTEIO = 121;

  private Pi4jErrors() {
  }

  static BusException toBusException(String what, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LinuxFile.LinuxFileException) {
        int errno = ((LinuxFile.LinuxFileException) t).getCode();
        return new BusException(kindOf(errno), what + ": " + describe(errno), e);
      }
    }
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("does not exist") || lower.contains("not readable") || lower.contains("not writable")) {
      return new BusException(Kind.ACCESS, what + ": " + message, e);
    }
    return new BusException(Kind.NACK, what + ": " + message, e);
  }

  static Kind kindOf(int errno) {
    switch (errno) {
      case ETIMEDOUT:
      case EAGAIN:
        return Kind.TIMEOUT;
      case EACCES:
      case EPERM:
      case ENOENT:
      case ENODEV:
        return Kind.ACCESS;
      default:
        return Kind.NACK;
    }
  }

  private static String describe(int errno) {
    switch (errno) {
      case EREMOTEIO:
      case ENXIO:
        return "not acknowledged (errno " + errno + "): is the pack connected, awake and at this address?";
      case EIO:
        return "I/O error (errno 5): no acknowledge or a disturbed bus";
      case ETIMEDOUT:
      case EAGAIN:
        return "timed out (errno " + errno + "): the gauge held the clock too long (clock stretching, packbus.md 1.7)";
      case EACCES:
      case EPERM:
        return "permission denied (errno " + errno + ")";
      default:
        return "failed with errno " + errno;
    }
  }
}
