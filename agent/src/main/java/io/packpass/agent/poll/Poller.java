package io.packpass.agent.poll;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bus.BusException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Polls one BMS driver the way a gateway must: a read that fails is retried with backoff
 * ({@link RetryPolicy}); a poll that fails completely yields the last good snapshot marked
 * {@link Reading.Status#STALE}, never a new-looking copy; a bus that keeps failing is left alone for
 * exponentially longer between polls; every failed read is counted by kind ({@link PollStats}) and
 * logged at a rate-limited level ({@link FaultLog}); fields a driver could not read or did not
 * believe are counted by name. Never throws for a bus fault. Single-threaded.
 */
public final class Poller {
  /** Sleeps between retries; tests pass one that only advances their clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** How long the same kind of fault stays quiet in the log after it was logged. */
  public static final Duration LOG_QUIET = Duration.ofMinutes(10);

  private final BmsDriver driver;
  private final Clock clock;
  private final Duration interval;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final FaultLog log;
  private final PollStats stats = new PollStats();
  private Optional<BatterySnapshot> lastGood = Optional.empty();
  private int failedPolls;
  private Instant leaveAloneUntil = Instant.MIN;
  private BusException lastFailure;

  public Poller(BmsDriver driver, Clock clock, Duration interval, RetryPolicy policy) {
    this(driver, clock, interval, policy, d -> Thread.sleep(d.toMillis()), new FaultLog(LOG_QUIET));
  }

  Poller(BmsDriver driver, Clock clock, Duration interval, RetryPolicy policy, Sleeper sleeper, FaultLog log) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * One poll.
   *
   * @throws InterruptedException when the thread is interrupted while waiting to retry (shutdown)
   */
  public Reading poll() throws InterruptedException {
    Instant start = clock.instant();
    if (start.isBefore(leaveAloneUntil)) {
      Reading skipped = Reading.stale(lastGood, start, lastFailure, 0);
      stats.count(skipped);
      return skipped;
    }
    BusException failure = null;
    int attempts = 0;
    while (attempts < policy.attempts()) {
      if (attempts > 0) {
        sleeper.sleep(policy.delayBefore(attempts));
      }
      attempts++;
      try {
        return answered(driver.read(), start, attempts);
      } catch (BusException e) {
        failure = e;
        stats.failure(e.kind());
        log.fault(e.kind().name(), clock.instant(), "bus " + e.kind().name().toLowerCase(Locale.ROOT) + " (attempt "
            + attempts + " of " + policy.attempts() + "): " + e.getMessage());
        if (e.kind() == BusException.Kind.ACCESS) {
          break; // permissions or a missing device do not heal within a poll
        }
      }
    }
    failedPolls++;
    lastFailure = failure;
    // Measured from this poll's start, with half an interval of slack for a scheduler that fires early.
    leaveAloneUntil = start.plus(policy.skipAfter(failedPolls, interval)).minus(interval.dividedBy(2));
    Reading stale = Reading.stale(lastGood, start, failure, attempts);
    stats.count(stale);
    return stale;
  }

  private Reading answered(BatterySnapshot s, Instant start, int attempt) {
    if (failedPolls > 0) {
      log.recovered(failedPolls, clock.instant());
    }
    failedPolls = 0;
    leaveAloneUntil = Instant.MIN;
    for (String field : s.missing()) {
      log.fault("missing " + field, s.time(), "poll at " + s.time() + ": " + field + " not read or not believable");
    }
    lastGood = Optional.of(s);
    Reading r = Reading.of(s, start, attempt);
    stats.count(r);
    return r;
  }

  /** The counters so far (a copy). */
  public PollStats stats() {
    return stats.copy();
  }
}
