package io.packpass.agent.bus;

import java.util.Arrays;

/**
 * A fuzzer's input read front to back, for the fuzzed bus ports: a seed is then a bus trace written
 * out in the order the driver asks for it (docs/reliability.md shows the layouts). Past the end every
 * byte reads as 0 and every run of bytes as empty.
 */
public final class FuzzBytes {
  private final byte[] data;
  private int position;

  public FuzzBytes(byte[] data) {
    this.data = data.clone();
  }

  public boolean exhausted() {
    return position >= data.length;
  }

  /** The next byte, unsigned; 0 past the end. */
  public int u8() {
    return exhausted() ? 0 : data[position++] & 0xFF;
  }

  /** The next {@code count} bytes, fewer at the end. */
  public byte[] bytes(int count) {
    int n = Math.min(count, data.length - position);
    byte[] out = Arrays.copyOfRange(data, position, position + n);
    position += n;
    return out;
  }
}
