package io.packpass.label.print;

import io.packpass.label.print.PrinterException.Kind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Printer specs, as {@code agent.yaml}'s {@code label.printer} and {@code --printer} take them:
 * <ul>
 *   <li>{@code tcp://HOST[:PORT][?status=off]}: raw TCP, port 9100 by default, Zebra host status
 *       checks unless {@code status=off};</li>
 *   <li>{@code file:/dev/...}: a printer device file such as {@code /dev/usb/lp0};</li>
 *   <li>{@code file:PATH} (anything not under {@code /dev/}): the job is written to that file.</li>
 * </ul>
 */
public final class Printers {
  public static final int RAW_PORT = 9100;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

  private Printers() {
  }

  /**
   * @throws PrinterException (kind REFUSED) naming what is wrong with the spec
   */
  public static Printer open(String spec) {
    if (spec == null || spec.isBlank()) {
      throw refused(spec, "empty");
    }
    if (spec.startsWith("file:")) {
      String path = spec.substring("file:".length());
      if (path.isEmpty()) {
        throw refused(spec, "no path after file:");
      }
      Path file;
      try {
        file = Path.of(path);
      } catch (InvalidPathException e) {
        throw refused(spec, "not a path (" + e.getReason() + ")");
      }
      return file.toAbsolutePath().normalize().startsWith("/dev/") ? new DevicePrinter(file) : new FilePrinter(file);
    }
    if (spec.startsWith("tcp://")) {
      URI uri;
      try {
        uri = new URI(spec);
      } catch (URISyntaxException e) {
        throw refused(spec, e.getReason());
      }
      if (uri.getHost() == null) {
        throw refused(spec, "no host");
      }
      if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
        throw refused(spec, "a raw TCP printer has no path");
      }
      boolean status = true;
      if (uri.getRawQuery() != null) {
        if (uri.getRawQuery().equals("status=off")) {
          status = false;
        } else if (!uri.getRawQuery().equals("status=zebra")) {
          throw refused(spec, "unknown option '" + uri.getRawQuery() + "'; the only one is status=off");
        }
      }
      return new TcpPrinter(uri.getHost(), uri.getPort() == -1 ? RAW_PORT : uri.getPort(), status, CONNECT_TIMEOUT,
          READ_TIMEOUT);
    }
    throw refused(spec, "expected tcp://HOST[:PORT], file:/dev/usb/lp0 or file:PATH");
  }

  private static PrinterException refused(String spec, String problem) {
    return new PrinterException(Kind.REFUSED, "printer '" + spec + "': " + problem);
  }
}
