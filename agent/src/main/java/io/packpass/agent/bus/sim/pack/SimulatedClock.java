package io.packpass.agent.bus.sim.pack;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that shows simulated time: only its {@link PackSimulation} moves it. Drivers read
 * their timestamps from it, so a snapshot says when in the simulation it was taken, and months pass in
 * seconds. Not thread-safe (one simulation, one thread).
 */
public final class SimulatedClock extends Clock {
  private Instant now;

  public SimulatedClock(Instant start) {
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

  /** A view of this clock in another zone; it still follows the simulation. */
  @Override
  public Clock withZone(ZoneId zone) {
    SimulatedClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }
    };
  }
}
