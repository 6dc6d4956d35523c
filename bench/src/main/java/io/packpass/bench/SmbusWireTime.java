package io.packpass.bench;

import io.packpass.agent.bus.SmbusDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SMBus transactions of one poll, counted at the {@link SmbusDevice} port, and the time they take
 * on the wire. Bits per transaction (packbus.md §1.1; every byte is 8 bits plus an ACK/NACK bit):
 * <ul>
 *   <li>Read Word: S + (address + W, ACK) + (command, ACK) + Sr + (address + R, ACK) + 2 × (data, ACK)
 *       + P = 1 + 9 + 9 + 1 + 9 + 18 + 1 = <b>48</b> bits;
 *   <li>Block Read of N bytes: S + 9 + 9 + Sr + 9 + (count, ACK) + N × 9 + P = <b>39 + 9 N</b> bits;
 *   <li>with PEC one more byte per transaction: <b>+ 9</b> bits.
 * </ul>
 * Wire time = bits / SCL frequency. It is a lower bound: the bus-free time between transactions
 * (t_BUF, 4.7 µs at 100 kHz), clock stretching by the gauge and the host's per-transaction overhead
 * (a Linux ioctl each) all add to it.
 */
final class SmbusWireTime implements SmbusDevice {
  static final int WORD_BITS = 48;
  static final int BLOCK_BITS_WITHOUT_DATA = 39;
  static final int BITS_PER_BYTE = 9;

  private final SmbusDevice device;
  private int words;
  private int blocks;
  private int blockDataBytes;
  private final List<Integer> wordCommands = new ArrayList<>();
  private final List<Integer> blockCommands = new ArrayList<>();

  /** Counts the transactions made through it to {@code device}. */
  SmbusWireTime(SmbusDevice device) {
    this.device = Objects.requireNonNull(device, "device");
  }

  @Override
  public int readWord(int command) {
    int value = device.readWord(command);
    words++;
    wordCommands.add(command);
    return value;
  }

  @Override
  public byte[] readBlock(int command) {
    byte[] data = device.readBlock(command);
    blocks++;
    blockCommands.add(command);
    blockDataBytes += data.length;
    return data;
  }

  /** The Read Word commands counted, in order. */
  int[] wordCommands() {
    return wordCommands.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The Block Read commands counted, in order. */
  int[] blockCommands() {
    return blockCommands.stream().mapToInt(Integer::intValue).toArray();
  }

  int words() {
    return words;
  }

  int blocks() {
    return blocks;
  }

  int blockDataBytes() {
    return blockDataBytes;
  }

  /** Bits on the wire for the transactions counted so far. */
  long bits(boolean pec) {
    long bits = (long) words * WORD_BITS + (long) blocks * BLOCK_BITS_WITHOUT_DATA
        + (long) blockDataBytes * BITS_PER_BYTE;
    return pec ? bits + (long) (words + blocks) * BITS_PER_BYTE : bits;
  }

  /** Wire time of the counted transactions at {@code sclHz}, in microseconds. */
  double micros(boolean pec, int sclHz) {
    return bits(pec) * 1e6 / sclHz;
  }

  /** One line per clock and PEC setting: what the setup prints and docs/benchmarks.md quotes. */
  String report() {
    StringBuilder b = new StringBuilder(String.format(
        "SMBus transactions per bq40z50 poll: %d Read Word + %d Block Read (%d data bytes)%n",
        words, blocks, blockDataBytes));
    for (int hz : new int[] {100_000, 50_000}) {
      for (boolean pec : new boolean[] {false, true}) {
        b.append(String.format("  %3d kHz, %-7s: %5d bits = %8.1f µs%n", hz / 1000, pec ? "PEC" : "no PEC",
            bits(pec), micros(pec, hz)));
      }
    }
    return b.toString();
  }
}
