package io.packpass.gateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system's wall clock, shifted by what a test steps it (NTP stepping a clock that had drifted,
 * an operator setting the time): it keeps running, only the offset jumps. This machine's clock is
 * never touched.
 */
public final class SteppingClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  /** Steps the clock by {@code by} (negative: back). */
  public void step(Duration by) {
    offset = offset.plus(by);
  }

  /** Back to the system's time. */
  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
