package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bus.SerialLink;
import io.packpass.agent.bus.sim.JbdUartPeer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link SerialLink} to a {@link JbdUartPeer} whose state follows the pack model: every basic-info
 * request ({@code DD A5 03 …}, the first of a driver's poll) takes a fresh {@link BmsReading} from
 * {@code source} and sets the peer's state from it, so 0x03 and 0x04 of one poll describe the same
 * instant. The bytes themselves are the peer's: the driver decodes exactly what a JBD BMS would send.
 */
public final class ModelJbdLink implements SerialLink {
  private final JbdUartPeer peer;
  private final SerialLink link;
  private final Supplier<BmsReading> source;
  private final JbdStateEncoder encoder;
  private BmsReading last;

  public ModelJbdLink(Supplier<BmsReading> source, JbdStateEncoder encoder) {
    this.source = Objects.requireNonNull(source, "source");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.last = source.get();
    this.peer = new JbdUartPeer(encoder.encode(last));
    this.link = peer.link();
  }

  @Override
  public void write(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xDD && (bytes[1] & 0xFF) == 0xA5 && bytes[2] == 0x03) {
      last = source.get();
      peer.setState(encoder.encode(last));
    }
    link.write(bytes);
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    return link.read(buffer, offset, length, timeout);
  }

  @Override
  public void drain() {
    link.drain();
  }

  /** The peer, for fault injection on the bytes. */
  public JbdUartPeer peer() {
    return peer;
  }

  /** The reading the peer's present state was encoded from. */
  public BmsReading lastReading() {
    return last;
  }
}
