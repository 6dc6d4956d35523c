package io.packpass.agent.bus;

import io.packpass.agent.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CanChannel} whose frames are fuzzer data. Each receive takes an op byte: bit 7 set means
 * nothing arrives (the wait times out); otherwise bits 0-3 are the data length (9-15 read as 8), bit 4
 * marks an extended id, and bits 5-6 say where the id comes from: 0 = one of {@code ids} (the driver's
 * cycle) picked by the next byte, else the next two bytes (11 bits, or 29 with bit 4 and two more).
 * The data bytes follow, then one byte of time the frame took to arrive (in 10 ms), by which
 * {@code clock} moves on. When the input is used up nothing arrives any more.
 */
public final class FuzzedCanChannel implements CanChannel {
  private final List<Integer> ids;
  private final TestClock clock;
  private FuzzBytes in = new FuzzBytes(new byte[0]);

  /**
   * @param ids the ids the op byte's id index picks from, in a fixed order (a seed must mean the same
   *     frames in every run)
   * @param clock the clock the driver under test reads, moved on as frames arrive
   */
  public FuzzedCanChannel(List<Integer> ids, TestClock clock) {
    this.ids = List.copyOf(ids);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts a new window on {@code input}. */
  public void answerFrom(FuzzBytes input) {
    in = Objects.requireNonNull(input, "input");
  }

  @Override
  public Optional<CanFrame> receive(Duration timeout) {
    if (in.exhausted()) {
      return Optional.empty();
    }
    int op = in.u8();
    if ((op & 0x80) != 0) {
      clock.advance(timeout);
      return Optional.empty();
    }
    boolean extended = (op & 0x10) != 0;
    int id;
    if ((op & 0x60) == 0) {
      id = ids.get(in.u8() % ids.size());
    } else {
      id = in.u8() << 8 | in.u8();
      if (extended) {
        id = id << 16 | in.u8() << 8 | in.u8();
      }
      id &= extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID;
    }
    byte[] data = in.bytes(Math.min(op & 0x0F, CanFrame.MAX_DATA_LENGTH));
    clock.advance(Duration.ofMillis(10L * in.u8()));
    return Optional.of(new CanFrame(id, extended, data));
  }
}
