package io.packpass.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock a test sets and moves forward by hand. */
public final class TestClock extends Clock {
  private final Instant start;
  private Instant now;

  public TestClock(Instant start) {
    this.start = start;
    this.now = start;
  }

  /** Moves the clock forward by {@code d}. */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  /** Sets the clock to {@code sinceStart} after the instant it started at. */
  public void advanceTo(Duration sinceStart) {
    now = start.plus(sinceStart);
  }

  /** Sets the clock. */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock is UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
