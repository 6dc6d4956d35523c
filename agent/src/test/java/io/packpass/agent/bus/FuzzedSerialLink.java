package io.packpass.agent.bus;

import io.packpass.agent.bus.BusException.Kind;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link SerialLink} whose line is fuzzer data. Each request the driver writes is answered by the
 * next segment of the input: a header {@code LEN_HI LEN_LO CHUNK}, then LEN bytes that arrive in
 * pieces of at most CHUNK bytes (0 = all at once), then silence (reads return 0). CHUNK 0xFF makes the
 * read fail with a {@link Kind#TIMEOUT} and 0xFE with {@link Kind#ACCESS} (the port vanished), as the
 * adapter reports them. When the input is used up the line stays silent.
 */
public final class FuzzedSerialLink implements SerialLink {
  private FuzzBytes in = new FuzzBytes(new byte[0]);
  private byte[] answer = new byte[0];
  private int position;
  private int chunk;

  /** Starts a new poll on {@code input}. */
  public void answerFrom(FuzzBytes input) {
    in = Objects.requireNonNull(input, "input");
    answer = new byte[0];
    position = 0;
  }

  @Override
  public void write(byte[] bytes) {
    int length = in.u8() << 8 | in.u8();
    chunk = in.u8();
    answer = in.bytes(length);
    position = 0;
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    if (chunk == 0xFF) {
      throw new BusException(Kind.TIMEOUT, "read timed out");
    }
    if (chunk == 0xFE) {
      throw new BusException(Kind.ACCESS, "the port is gone");
    }
    int n = Math.min(length, answer.length - position);
    if (chunk > 0) {
      n = Math.min(n, chunk);
    }
    System.arraycopy(answer, position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public void drain() {
    position = answer.length;
  }
}
