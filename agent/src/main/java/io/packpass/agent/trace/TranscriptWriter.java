package io.packpass.agent.trace;

import io.packpass.agent.bus.BusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Writes the lines of a hex transcript or candump log as a recorder sees the bus: the format
 * {@link io.packpass.agent.bus.sim.HexTranscript} and {@link io.packpass.agent.bus.sim.CandumpReplay}
 * read back, each line stamped with the clock's time as {@code (seconds.micros)}. A failed exchange
 * becomes a comment, so a replay of the recording meets the same gap.
 */
final class TranscriptWriter {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private final Writer out;
  private final Clock clock;

  TranscriptWriter(Writer out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A frame: {@code (ts) > bytes} when sent by the agent, {@code (ts) < bytes} when received. */
  void frame(boolean sent, byte[] bytes) {
    line(stamp() + (sent ? " > " : " < ") + HEX.formatHex(bytes));
  }

  /** A frame that came with a leading byte (the SMBus command) before the wire bytes. */
  void answer(int command, byte[] wire) {
    line(stamp() + String.format(" < %02X", command) + (wire.length == 0 ? "" : " " + HEX.formatHex(wire)));
  }

  /** A failed exchange, as a comment. */
  void failure(String what, BusException e) {
    line("# " + stamp() + " " + what + ": " + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": "
        + e.getMessage().replace('\n', ' '));
  }

  /** A free comment. */
  void comment(String text) {
    line("# " + text.replace('\n', ' '));
  }

  /** A raw line (candump frames carry their own stamp). */
  void line(String text) {
    try {
      out.write(text);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording: " + e.getMessage(), e);
    }
  }

  /** {@code (seconds.micros)} of the clock's now, as candump writes it. */
  String stamp() {
    Instant now = clock.instant();
    return String.format("(%010d.%06d)", now.getEpochSecond(), now.getNano() / 1000);
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording: " + e.getMessage(), e);
    }
  }
}
