package io.packpass.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock the benchmark moves by hand, so that every poll gets the next poll time. Single-threaded. */
final class StepClock extends Clock {
  private Instant now;

  StepClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  void set(Instant instant) {
    this.now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("StepClock is UTC only");
  }
}
