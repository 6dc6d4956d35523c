package io.packpass.agent.estimate;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusTap;
import io.packpass.agent.bus.sim.BadLine;
import io.packpass.agent.profile.BmsConnection;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.trace.ManualClock;
import io.packpass.agent.trace.TraceReplay;
import io.packpass.core.passport.NegativeEvent;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Feeds a pack's history through the estimator ({@code agent estimate}): either a simulated pack run
 * for a span of simulated time, polled through its real protocol path on a clock that jumps from poll
 * to poll, or a recorded trace replayed through the profile's driver.
 */
public final class History {
  /** Events kept in a result; more are counted, not kept (a broken pack can flap for months). */
  public static final int MAX_EVENTS = 1000;

  /** Where a run got to, for progress reports. */
  @FunctionalInterface
  public interface Progress {
    void at(Instant time, long polls);
  }

  /**
   * What the estimator made of a history.
   *
   * @param report the estimator's report after the last reading
   * @param events the negative events it raised, oldest first (at most {@link #MAX_EVENTS})
   * @param eventCount all events raised, kept or not
   * @param polls readings fed to the estimator
   * @param failedPolls polls that got no reading at all
   * @param first time of the first reading
   * @param last the last reading
   */
  public record Result(EstimatorReport report, List<NegativeEvent> events, long eventCount, long polls,
      long failedPolls, Optional<Instant> first, Optional<BatterySnapshot> last) {
    public Result {
      events = List.copyOf(events);
    }
  }

  private final HardwareProfile profile;
  private final Estimator estimator;
  private final List<NegativeEvent> events = new ArrayList<>();
  private long eventCount;
  private long polls;
  private long failedPolls;
  private Instant first;
  private BatterySnapshot last;

  public History(HardwareProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.estimator = new Estimator(ProfileEstimation.config(profile));
  }

  /**
   * Runs a simulated profile for {@code span} of simulated time, polling every {@code every}, after
   * first running it {@code ahead} (physics-model profiles only).
   */
  public Result simulate(Duration span, Duration every, Duration ahead, Progress progress) {
    if (!profile.isSimulated()) {
      throw new EstimatorException("profile " + profile.id() + " is real hardware: estimate a history from a"
          + " recorded trace (--trace) instead");
    }
    if (every.isNegative() || every.isZero()) {
      throw new EstimatorException("the time between polls must be positive, got " + every);
    }
    ManualClock clock = new ManualClock();
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    clock.set(start);
    long total = span.dividedBy(every) + 1;
    long step = Math.max(1, total / 20);
    try (BmsConnection connection = ahead.isZero() ? BmsConnection.open(profile, clock)
        : BmsConnection.openAhead(profile, clock, ahead, BusTap.NONE)) {
      for (long n = 0; n < total; n++) {
        clock.set(start.plus(every.multipliedBy(n)));
        try {
          accept(connection.driver().read());
        } catch (BusException e) {
          failedPolls++;
        }
        if ((n + 1) % step == 0) {
          progress.at(last == null ? clock.instant() : last.time(), polls);
        }
      }
    }
    return result();
  }

  /** Replays a recorded trace into the estimator; bad lines go to {@code onBadLine}. */
  public Result replay(Reader trace, Consumer<BadLine> onBadLine) {
    new TraceReplay(profile).replay(trace, this::accept, onBadLine);
    return result();
  }

  private void accept(BatterySnapshot s) {
    estimator.accept(s);
    polls++;
    if (first == null) {
      first = s.time();
    }
    last = s;
    for (NegativeEvent e : estimator.drainEvents()) {
      eventCount++;
      if (events.size() < MAX_EVENTS) {
        events.add(e);
      }
    }
  }

  private Result result() {
    return new Result(estimator.report(), events, eventCount, polls, failedPolls, Optional.ofNullable(first),
        Optional.ofNullable(last));
  }
}
