package io.packpass.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock a test sets and moves forward by hand, with a monotonic clock beside it ({@link #nanos}):
 * {@link #advance} moves both, as time passing does; {@link #set} and {@link #step} move the wall clock
 * only, as NTP or a person setting the clock does.
 */
public final class TestClock extends Clock {
  private final Instant start;
  private Instant now;
  private long nanos;

  public TestClock(Instant start) {
    this.start = start;
    this.now = start;
  }

  /** Moves the clock forward by {@code d}. */
  public void advance(Duration d) {
    now = now.plus(d);
    nanos += d.toNanos();
  }

  /** Steps the wall clock by {@code d} (either way); the monotonic clock does not move. */
  public void step(Duration d) {
    now = now.plus(d);
  }

  /** The monotonic clock, in nanoseconds from the start (for {@code System::nanoTime}'s place). */
  public long nanos() {
    return nanos;
  }

  /** What the time really is when the wall clock was stepped: the start plus the monotonic time (a gateway's clock). */
  public Instant trueNow() {
    return start.plusNanos(nanos);
  }

  /** Sets the clock to {@code sinceStart} after the instant it started at. */
  public void advanceTo(Duration sinceStart) {
    Instant then = start.plus(sinceStart);
    nanos += Math.max(0, Duration.between(now, then).toNanos()); // monotonic: never back
    now = then;
  }

  /** Sets the wall clock; the monotonic clock does not move. */
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
