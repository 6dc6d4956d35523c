package io.packpass.label.print;

import io.packpass.label.print.PrinterException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A printer behind a device file, such as {@code /dev/usb/lp0} (Linux usblp). The file must exist:
 * it appears when the printer is plugged in and switched on, so a missing one is "unreachable", not
 * created. Writing needs the {@code lp} group.
 */
public final class DevicePrinter implements Printer {
  private final Path device;

  public DevicePrinter(Path device) {
    this.device = device;
  }

  @Override
  public String describe() {
    return "file:" + device;
  }

  @Override
  public void send(byte[] job) {
    try (OutputStream out = Files.newOutputStream(device, StandardOpenOption.WRITE)) {
      out.write(job);
      out.flush();
    } catch (NoSuchFileException e) {
      throw new PrinterException(Kind.UNREACHABLE, device + " does not exist: printer unplugged or off", e);
    } catch (AccessDeniedException e) {
      throw new PrinterException(Kind.REFUSED, device + ": permission denied: add the user to group lp (sudo usermod"
          + " -aG lp $USER, then log in again)", e);
    } catch (IOException e) {
      throw new PrinterException(Kind.UNREACHABLE, device + ": " + e.getMessage() + " (printer off or out of labels?)", e);
    }
  }
}
