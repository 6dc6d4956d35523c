package io.packpass.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * An agent's clock in the demo: months of simulated time, moved on by the tour one poll at a time,
 * then {@link #release released} to the real clock once the simulation has caught up with it. It
 * never goes back: after release it shows the later of the real time and the last simulated instant,
 * so the pack's chain keeps its times in order.
 */
final class CompressedClock extends Clock {
  private volatile Instant simulated;
  private volatile boolean released;

  CompressedClock(Instant start) {
    this.simulated = start;
  }

  void advance(Duration step) {
    simulated = simulated.plus(step);
  }

  void release() {
    released = true;
  }

  @Override
  public Instant instant() {
    Instant shown = simulated;
    if (!released) {
      return shown;
    }
    Instant real = Instant.now();
    return real.isAfter(shown) ? real : shown;
  }

  /**
   * The agent's monotonic clock ({@code AgentApp.start}): the same time line in nanoseconds. The
   * agent holds back a wall clock that leaps ahead of its monotonic one, and a month in a poll is such
   * a leap unless both move together.
   */
  long nanos() {
    Instant now = instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("the demo's agents run in UTC");
  }
}
