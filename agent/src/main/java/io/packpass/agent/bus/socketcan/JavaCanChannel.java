package io.packpass.agent.bus.socketcan;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanFilter;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/**
 * A Linux SocketCAN interface read through a JavaCAN raw channel (packbus.md §5.1). Each
 * {@link #receive(Duration)} sets {@code SO_RCVTIMEO} to its timeout (only when it changes) and
 * blocks in {@code read()}; EAGAIN after the timeout means no frame. Remote, error and CAN FD frames
 * are skipped, since {@link CanFrame} represents classical data frames only; the 11/29-bit format
 * comes from JavaCAN's {@code isExtended()}, never from the identifier's size.
 *
 * <p>Opening checks that the interface exists and is up first, so the usual first-run problem is one
 * line that says what to type. Not thread-safe: one driver reads one channel.
 */
public final class JavaCanChannel implements CanChannel, AutoCloseable {
  private static final int EAFNOSUPPORT = 97;
  private static final int ENETDOWN = 100;
  private static final int IFF_UP = 0x1;
  /** {@code SO_RCVTIMEO} of zero means "wait forever"; a zero timeout polls with this instead. */
  private static final Duration SHORTEST = Duration.ofNanos(1000);

  /**
   * A kernel receive filter: a frame passes when {@code received_id & mask == id & mask}.
   *
   * @param id identifier to match
   * @param mask which identifier bits must match
   */
  public record Filter(int id, int mask) {
  }

  private final RawCanChannel channel;
  private final String iface;
  private Duration timeout;

  private JavaCanChannel(RawCanChannel channel, String iface) {
    this.channel = channel;
    this.iface = iface;
  }

  /**
   * Opens {@code iface}, receiving every frame when {@code filters} is empty.
   *
   * @param bitrate the profile's bit rate, named in the advice when the interface is missing or down
   * @throws BusException ACCESS when the interface is missing or down, or SocketCAN is unavailable
   */
  public static JavaCanChannel open(String iface, int bitrate, List<Filter> filters) {
    Objects.requireNonNull(iface, "iface");
    String bringUp = "sudo ip link set " + iface + " up type can bitrate " + bitrate;
    Path sys = Path.of("/sys/class/net", iface);
    if (!Files.isDirectory(sys)) {
      throw new BusException(Kind.ACCESS, "interface " + iface + " not found: bring it up with `" + bringUp + "`");
    }
    if (!isUp(sys)) {
      throw new BusException(Kind.ACCESS, "interface " + iface + " is down: bring it up with `" + bringUp + "`");
    }
    JavaCanNatives.prepare();
    RawCanChannel channel;
    try {
      channel = CanChannels.newRawChannel();
    } catch (IOException e) {
      throw new BusException(Kind.ACCESS, "SocketCAN is not available on this machine (" + reason(e)
          + "): load the can and can-raw kernel modules; containers usually have no AF_CAN", e);
    } catch (LinkageError e) {
      throw new BusException(Kind.ACCESS, "JavaCAN's native library did not load: " + e.getMessage(), e);
    }
    try {
      channel.bind(NetworkDevice.lookup(iface));
      if (!filters.isEmpty()) {
        CanFilter[] kernel = filters.stream().map(f -> new CanFilter(f.id(), f.mask())).toArray(CanFilter[]::new);
        channel.setOption(CanSocketOptions.FILTER, kernel);
      }
    } catch (IOException e) {
      closeQuietly(channel);
      throw new BusException(Kind.ACCESS, "interface " + iface + ": cannot bind a CAN socket (" + reason(e)
          + "); is it a CAN interface? (" + bringUp + ")", e);
    }
    return new JavaCanChannel(channel, iface);
  }

  @Override
  public Optional<CanFrame> receive(Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    while (true) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      setTimeout(left.compareTo(SHORTEST) < 0 ? SHORTEST : left);
      tel.schich.javacan.CanFrame raw;
      try {
        raw = channel.read();
      } catch (LinuxNativeOperationException e) {
        if (e.mayTryAgain()) {
          return Optional.empty();
        }
        throw failure(e);
      } catch (IOException e) {
        throw failure(e);
      }
      Optional<CanFrame> frame = toFrame(raw);
      if (frame.isPresent() || System.nanoTime() >= deadline) {
        return frame;
      }
    }
  }

  /**
   * Our frame for a JavaCAN frame: classical data frames only (empty for remote, error and FD frames);
   * the format from {@code isExtended()}.
   */
  static Optional<CanFrame> toFrame(tel.schich.javacan.CanFrame raw) {
    if (raw.isError() || raw.isRemoteTransmissionRequest() || raw.isFDFrame()
        || raw.getDataLength() > CanFrame.MAX_DATA_LENGTH) {
      return Optional.empty();
    }
    byte[] data = new byte[raw.getDataLength()];
    raw.getData(data, 0, data.length);
    return Optional.of(new CanFrame(raw.getId(), raw.isExtended(), data));
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private void setTimeout(Duration wanted) {
    if (wanted.equals(timeout)) {
      return;
    }
    try {
      channel.setOption(CanSocketOptions.SO_RCVTIMEO, wanted);
      timeout = wanted;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private BusException failure(IOException e) {
    if (e instanceof LinuxNativeOperationException && ((LinuxNativeOperationException) e).getErrorNumber() == ENETDOWN) {
      return new BusException(Kind.ACCESS, "interface " + iface + " went down", e);
    }
    return new BusException(Kind.ACCESS, "interface " + iface + ": " + reason(e), e);
  }

  private static String reason(IOException e) {
    if (e instanceof LinuxNativeOperationException) {
      LinuxNativeOperationException n = (LinuxNativeOperationException) e;
      return (n.getErrorNumber() == EAFNOSUPPORT ? "address family AF_CAN not supported" : n.getErrorString())
          + ", errno " + n.getErrorNumber();
    }
    return String.valueOf(e.getMessage());
  }

  private static boolean isUp(Path sys) {
    try {
      String flags = Files.readString(sys.resolve("flags")).strip();
      return (Integer.decode(flags) & IFF_UP) != 0;
    } catch (IOException | NumberFormatException e) {
      return true; // cannot tell: let bind and read report what is wrong
    }
  }

  private static void closeQuietly(RawCanChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a socket that failed to bind or read: nothing left to do
    }
  }

  @Override
  public String toString() {
    return "JavaCAN raw channel on " + iface;
  }
}
