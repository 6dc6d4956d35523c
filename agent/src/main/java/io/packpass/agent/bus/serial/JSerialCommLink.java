package io.packpass.agent.bus.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.DeviceAccess;
import io.packpass.agent.bus.SerialLink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A UART through jSerialComm, 8N1 without flow control, opened by explicit path: since jSerialComm
 * 2.9.2 port enumeration no longer lists socat ptys or symlinks, and a path is what a profile names
 * anyway (packbus.md §6.1). Reads are semi-blocking: they wait up to the caller's timeout for the first
 * byte and return what has arrived, so a frame can come in pieces as {@link SerialLink} allows.
 *
 * <p>Before opening, {@link DeviceAccess} turns a missing device or a permission problem into a
 * one-line ACCESS error that says what to do; jSerialComm itself only reports {@code false} and an
 * errno. Not thread-safe: one driver polls one link.
 */
public final class JSerialCommLink implements SerialLink, AutoCloseable {
  private static final int EACCES = 13;
  private static final int EBUSY = 16;

  private final SerialPort port;
  private final String device;
  private int timeoutMode = -1;
  private int timeoutMs = -1;

  private JSerialCommLink(SerialPort port, String device) {
    this.port = port;
    this.device = device;
  }

  /**
   * Opens {@code device} (a path such as {@code /dev/ttyUSB0} or a pty symlink) at {@code baud}, 8N1.
   *
   * @throws BusException ACCESS when the device is missing, not accessible or cannot be opened
   */
  public static JSerialCommLink open(String device, int baud) {
    Objects.requireNonNull(device, "device");
    if (baud <= 0) {
      throw new IllegalArgumentException("baud must be positive, got " + baud);
    }
    DeviceAccess.check(Path.of(device), DeviceAccess.Type.SERIAL);
    SerialPort port;
    try {
      port = SerialPort.getCommPort(device);
    } catch (SerialPortInvalidPortException e) {
      throw new BusException(Kind.ACCESS, device + ": not a serial port (" + e.getMessage() + ")", e);
    }
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    if (!port.openPort()) {
      int errno = port.getLastErrorCode();
      String why = errno == EACCES
          ? DeviceAccess.permissionDenied(Path.of(device), DeviceAccess.Type.SERIAL,
              DeviceAccess.SYSTEM.attributes(Path.of(device)))
          : device + ": cannot open (errno " + errno + (errno == EBUSY ? ", busy" : "")
              + "): is another program (a serial console, ModemManager, a second agent) using it?";
      throw new BusException(Kind.ACCESS, why);
    }
    JSerialCommLink link = new JSerialCommLink(port, device);
    link.timeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100);
    return link;
  }

  /** The path this link was opened with. */
  public String device() {
    return device;
  }

  @Override
  public void write(byte[] bytes) {
    int offset = 0;
    while (offset < bytes.length) {
      int n = port.writeBytes(bytes, bytes.length - offset, offset);
      if (n < 0) {
        throw new BusException(Kind.ACCESS, device + ": write failed (errno " + port.getLastErrorCode()
            + "): was the adapter unplugged?");
      }
      offset += n;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    // jSerialComm reads a timeout of 0 as "wait forever" in its blocking modes, so a zero timeout is non-blocking.
    if (timeout.isZero() || timeout.isNegative()) {
      timeouts(SerialPort.TIMEOUT_NONBLOCKING, 0);
    } else {
      timeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.min(Integer.MAX_VALUE, Math.max(1,
          timeout.toMillis())));
    }
    int n = port.readBytes(buffer, length, offset);
    if (n < 0) {
      throw new BusException(Kind.ACCESS, device + ": read failed (errno " + port.getLastErrorCode()
          + "): was the adapter unplugged?");
    }
    return n;
  }

  @Override
  public void drain() {
    byte[] scratch = new byte[256];
    int available;
    while ((available = port.bytesAvailable()) > 0) {
      timeouts(SerialPort.TIMEOUT_NONBLOCKING, 0);
      if (port.readBytes(scratch, Math.min(available, scratch.length), 0) <= 0) {
        return;
      }
    }
  }

  @Override
  public void close() {
    port.closePort();
  }

  private void timeouts(int mode, int ms) {
    if (mode != timeoutMode || ms != timeoutMs) {
      port.setComPortTimeouts(mode | SerialPort.TIMEOUT_WRITE_BLOCKING, ms, 0);
      timeoutMode = mode;
      timeoutMs = ms;
    }
  }

  @Override
  public String toString() {
    return "jSerialComm " + device + " " + port.getBaudRate() + " 8N1";
  }
}
