package io.packpass.agent.trace;

import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CanChannel} that passes frames through and writes each one as a {@code candump -L} line,
 * {@code (1700000000.000000) can0 355#58005E00}, so {@code agent replay} and can-utils read it back.
 */
public final class CandumpRecorder implements CanChannel {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final CanChannel channel;
  private final TranscriptWriter out;
  private final String iface;

  public CandumpRecorder(CanChannel channel, String iface, Writer out, Clock clock) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.iface = Objects.requireNonNull(iface, "iface");
    this.out = new TranscriptWriter(out, clock);
  }

  @Override
  public Optional<CanFrame> receive(Duration timeout) {
    Optional<CanFrame> frame = channel.receive(timeout);
    frame.ifPresent(f -> out.line(out.stamp() + " " + iface + " " + candump(f)));
    return frame;
  }

  /** Flushes the log. */
  public void flush() {
    out.flush();
  }

  static String candump(CanFrame f) {
    String id = f.extended() ? String.format("%08X", f.id()) : String.format("%03X", f.id());
    return id + "#" + HEX.formatHex(f.data());
  }
}
