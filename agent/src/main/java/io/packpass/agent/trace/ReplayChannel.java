package io.packpass.agent.trace;

import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import io.packpass.agent.bus.sim.CandumpReplay;
import io.packpass.agent.bus.sim.CandumpReplay.LoggedFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A candump replay whose {@link #clock()} follows the log: it reads the timestamp of the next frame
 * still to be received. A driver's listening window is therefore measured in recorded time, and a
 * frame recorded after the window stays for the next read.
 */
final class ReplayChannel implements CanChannel {
  private final CandumpReplay replay;
  private Optional<LoggedFrame> next;
  private final ManualClock clock = new ManualClock();

  ReplayChannel(CandumpReplay replay) {
    this.replay = replay;
    this.next = replay.next();
    clock.set(next.map(LoggedFrame::timestamp).orElse(Instant.EPOCH));
  }

  /** Whether frames are left. */
  boolean hasNext() {
    return next.isPresent();
  }

  @Override
  public Optional<CanFrame> receive(Duration timeout) {
    if (next.isEmpty()) {
      return Optional.empty();
    }
    CanFrame frame = next.get().frame();
    next = replay.next();
    next.ifPresent(f -> clock.set(f.timestamp()));
    return Optional.of(frame);
  }

  /** Recorded time: the timestamp of the next frame, or of the last one once the log is exhausted. */
  Clock clock() {
    return clock;
  }
}
