package io.packpass.agent.bus.sim;

import io.packpass.agent.bms.jbd.JbdFrame;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.SerialLink;
import io.packpass.agent.bus.sim.HexTranscript.Direction;
import io.packpass.agent.bus.sim.HexTranscript.Entry;
import io.packpass.agent.bus.sim.HexTranscript.Unasked;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A JBD BMS played back from a recorded {@link HexTranscript}: when the driver sends a read request,
 * the next recorded response to that command (in file order) becomes readable, byte for byte as
 * recorded, leading line noise included.
 *
 * <p>A response belongs to the command of the request recorded just before it ({@code > } line, as
 * {@code SerialRecorder} writes them); a hand-written transcript without requests may leave them
 * out, and then the response's own command byte (after {@code DD}) decides. Every response is checked
 * up front as the driver will see it (from its first {@code DD <command>}, with
 * {@link JbdFrame#decodeResponse}); one that fails (checksum, length, end byte) is reported as a
 * {@link BadLine} with its line number but still served as recorded, so the driver meets the same bad
 * frame it met on the wire and the following polls stay aligned with the recording. A response whose
 * command cannot be told is reported and dropped. Not thread-safe.
 */
public final class JbdTranscript implements SerialLink {
  private final TreeMap<Integer, ArrayDeque<Entry>> responses = new TreeMap<>();
  private byte[] pending = new byte[0];
  private int position;
  private int consumed;

  /** @param onBadLine told about every recorded response that is not a valid JBD frame */
  public JbdTranscript(List<Entry> entries, Consumer<BadLine> onBadLine) {
    Objects.requireNonNull(onBadLine, "onBadLine");
    Integer requested = null;
    for (Entry e : entries) {
      if (e.direction() == Direction.SENT) {
        requested = e.length() >= 3 && e.byteAt(0) == JbdFrame.START ? e.byteAt(2) : null;
        if (requested == null) {
          onBadLine.accept(new BadLine(e.lineNumber(), "not a JBD request: it does not start with DD A5/5A and a command"));
        }
        continue;
      }
      Integer command = requested != null ? requested
          : e.length() >= 2 && e.byteAt(0) == JbdFrame.START ? Integer.valueOf(e.byteAt(1)) : null;
      requested = null;
      if (command == null) {
        onBadLine.accept(new BadLine(e.lineNumber(),
            "not a JBD response: no request before it and it does not start with DD and a command"));
        continue;
      }
      check(e, command).ifPresent(reason -> onBadLine.accept(new BadLine(e.lineNumber(), reason)));
      responses.computeIfAbsent(command, c -> new ArrayDeque<>()).add(e);
    }
  }

  /** Why the driver will not accept {@code e} as the response to {@code command}, if it will not. */
  private static Optional<String> check(Entry e, int command) {
    byte[] bytes = e.bytes();
    int start = 0;
    while (start < bytes.length - 1
        && !((bytes[start] & 0xFF) == JbdFrame.START && (bytes[start + 1] & 0xFF) == command)) {
      start++;
    }
    if (start >= bytes.length - 1) {
      return Optional.of(String.format("no JBD response to 0x%02X in the line (no DD %02X)", command, command));
    }
    int total = start + 3 < bytes.length ? (bytes[start + 3] & 0xFF) + JbdFrame.OVERHEAD : Integer.MAX_VALUE;
    if (total > bytes.length - start) { // not start + total: that overflows for a frame with no length byte
      return Optional.of(String.format("JBD response to 0x%02X truncated: %d bytes of %s", command,
          bytes.length - start, total == Integer.MAX_VALUE ? "at least 7" : String.valueOf(total)));
    }
    try {
      JbdFrame.decodeResponse(Arrays.copyOfRange(bytes, start, start + total), command);
      return Optional.empty();
    } catch (BusException ex) {
      return Optional.of(ex.getMessage());
    }
  }

  @Override
  public void write(byte[] bytes) {
    if (bytes.length < 4 || (bytes[0] & 0xFF) != JbdFrame.START) {
      throw new BusException(Kind.MALFORMED, "the driver sent something that is not a JBD request");
    }
    ArrayDeque<Entry> queue = responses.get(bytes[2] & 0xFF);
    if (queue == null || queue.isEmpty()) {
      pending = new byte[0]; // no recorded answer: the driver times out, as on a silent line
    } else {
      pending = queue.poll().bytes();
      consumed++;
    }
    position = 0;
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    int n = Math.min(length, pending.length - position);
    System.arraycopy(pending, position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public void drain() {
    position = pending.length;
  }

  /** How many recorded responses requests have taken so far. */
  public int consumed() {
    return consumed;
  }

  /** Whether recorded responses to {@code command} are left. */
  public boolean hasResponsesLeft(int command) {
    ArrayDeque<Entry> queue = responses.get(command);
    return queue != null && !queue.isEmpty();
  }

  /** The timestamp of the next recorded response to {@code command}, if it has one. */
  public Optional<Instant> nextTimestamp(int command) {
    ArrayDeque<Entry> queue = responses.get(command);
    return queue == null || queue.isEmpty() ? Optional.empty() : queue.peek().timestamp();
  }

  /** The responses no request has taken, in file order, each with the command it answers. */
  public List<Unasked> leftOver() {
    List<Unasked> left = new ArrayList<>();
    responses.forEach((command, queue) -> queue.forEach(e -> left.add(new Unasked(command, e))));
    left.sort(Comparator.comparingInt(u -> u.entry().lineNumber()));
    return left;
  }
}
