package io.packpass.agent.trace;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a replay sets to the recorded time of the poll it is about to decode. */
final class TraceClock extends Clock {
  private Instant now = Instant.EPOCH;

  void set(Instant instant) {
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
