package io.packpass.agent.trace;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock its owner sets by hand: a replay to the recorded time of the poll it decodes, a
 * recording or a simulated history to the time of the next poll, without waiting.
 */
public final class ManualClock extends Clock {
  private Instant now = Instant.EPOCH;

  /** Sets the time. */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a trace clock is UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
