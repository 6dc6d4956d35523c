package io.packpass.agent.bus.sim;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.SmbusDevice;
import io.packpass.agent.bus.SmbusWire;
import io.packpass.agent.bus.sim.HexTranscript.Direction;
import io.packpass.agent.bus.sim.HexTranscript.Entry;
import io.packpass.agent.bus.sim.HexTranscript.Unasked;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An {@link SmbusDevice} that answers from a recorded {@link HexTranscript}: each read of a command
 * takes the next recorded answer to that command, in file order, and decodes it exactly as the real
 * adapter decodes the wire ({@link SmbusWire}: length, block count). A recorded answer that fails
 * to decode is reported as a {@link BadLine} with its line number and the read fails with the same
 * {@link BusException} the adapter would raise, so the driver marks the field missing and goes on.
 * A command with no answer left NACKs.
 *
 * <p>Transcripts hold no PEC bytes: the adapter checks PEC on the live bus and a recording is made
 * after that check ({@code SmbusRecorder}). Lines the host sent ({@code > }) are ignored: an SMBus read
 * has no request payload worth checking. Not thread-safe.
 */
public final class SmbusTranscript implements SmbusDevice {
  private final int address;
  private final Consumer<BadLine> onBadLine;
  private final TreeMap<Integer, ArrayDeque<Entry>> answers = new TreeMap<>();
  private int consumed;

  /**
   * @param entries the transcript
   * @param address the device address (named in error messages)
   * @param onBadLine told about every answer that fails to decode
   */
  public SmbusTranscript(List<Entry> entries, int address, Consumer<BadLine> onBadLine) {
    this.address = address;
    this.onBadLine = Objects.requireNonNull(onBadLine, "onBadLine");
    for (Entry e : entries) {
      if (e.direction() == Direction.RECEIVED) {
        answers.computeIfAbsent(e.byteAt(0), c -> new ArrayDeque<>()).add(e);
      }
    }
  }

  @Override
  public int readWord(int command) {
    Entry e = take(command);
    try {
      return SmbusWire.word(address, command, data(e), false);
    } catch (BusException ex) {
      onBadLine.accept(new BadLine(e.lineNumber(), ex.getMessage()));
      throw ex;
    }
  }

  @Override
  public byte[] readBlock(int command) {
    Entry e = take(command);
    try {
      return SmbusWire.block(address, command, data(e), false);
    } catch (BusException ex) {
      onBadLine.accept(new BadLine(e.lineNumber(), ex.getMessage()));
      throw ex;
    }
  }

  /** How many recorded answers reads have taken so far. */
  public int consumed() {
    return consumed;
  }

  /** Whether recorded answers are left. */
  public boolean hasAnswersLeft() {
    return answers.values().stream().anyMatch(q -> !q.isEmpty());
  }

  /** The timestamp of the earliest (in file order) answer not yet taken, if it has one. */
  public Optional<Instant> nextTimestamp() {
    return answers.values().stream().filter(q -> !q.isEmpty()).map(ArrayDeque::peek)
        .min(Comparator.comparingInt(Entry::lineNumber)).flatMap(Entry::timestamp);
  }

  /** The answers no read has taken, in file order, each with its command (its first byte). */
  public List<Unasked> leftOver() {
    List<Unasked> left = new ArrayList<>();
    answers.forEach((command, queue) -> queue.forEach(e -> left.add(new Unasked(command, e))));
    left.sort(Comparator.comparingInt(u -> u.entry().lineNumber()));
    return left;
  }

  private Entry take(int command) {
    ArrayDeque<Entry> queue = answers.get(command);
    if (queue == null || queue.isEmpty()) {
      throw new BusException(Kind.NACK, String.format("no recorded answer to command 0x%02X left", command));
    }
    consumed++;
    return queue.poll();
  }

  private static byte[] data(Entry e) {
    byte[] all = e.bytes();
    byte[] data = new byte[all.length - 1];
    System.arraycopy(all, 1, data, 0, data.length);
    return data;
  }
}
