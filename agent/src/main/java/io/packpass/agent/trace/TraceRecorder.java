package io.packpass.agent.trace;

import io.packpass.agent.bus.BusTap;
import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.SerialLink;
import io.packpass.agent.bus.SmbusDevice;
import java.io.Writer;
import java.time.Clock;
import java.util.Objects;

/**
 * A {@link BusTap} that writes down whatever bus the driver gets, in the format {@link TraceReplay}
 * reads back: a hex transcript for SMBus and UART, a candump log for CAN. Used by
 * {@code agent record}; one recorder serves one connection.
 *
 * <p>Serial reads are written as one line per exchange when the next request (or poll end) comes,
 * so {@link #endPoll} must be called after each poll.
 */
public final class TraceRecorder implements BusTap {
  private final Writer out;
  private final String canInterface;
  private SmbusRecorder smbus;
  private SerialRecorder serial;
  private CandumpRecorder can;

  /**
   * @param out where the trace goes (flushed by {@link #endPoll}); lines are stamped with the driver's clock
   * @param canInterface the interface name written in candump lines, e.g. {@code can0}
   */
  public TraceRecorder(Writer out, String canInterface) {
    this.out = Objects.requireNonNull(out, "out");
    this.canInterface = Objects.requireNonNull(canInterface, "canInterface");
  }

  @Override
  public SmbusDevice smbus(SmbusDevice device, Clock clock) {
    smbus = new SmbusRecorder(device, out, clock);
    return smbus;
  }

  @Override
  public SerialLink serial(SerialLink link, Clock clock) {
    serial = new SerialRecorder(link, out, clock);
    return serial;
  }

  @Override
  public CanChannel can(CanChannel channel, Clock clock) {
    can = new CandumpRecorder(channel, canInterface, out, clock);
    return can;
  }

  /**
   * Marks the start of poll {@code n} in a transcript (candump logs carry no comments) and flushes
   * what the previous poll wrote.
   */
  public void startPoll(int n) {
    comment("--- poll " + n);
  }

  /** A comment line in a transcript; nothing in a candump log, which has no comment syntax. */
  public void comment(String text) {
    if (smbus != null) {
      smbus.comment(text);
    } else if (serial != null) {
      serial.comment(text);
    }
  }

  /** Flushes everything recorded so far. */
  public void endPoll() {
    if (serial != null) {
      serial.flush();
    } else if (can != null) {
      can.flush();
    } else if (smbus != null) {
      smbus.flush();
    }
  }

  /** Whether the driver's bus can be written down (every bus the drivers use can). */
  public boolean tapped() {
    return smbus != null || serial != null || can != null;
  }
}
