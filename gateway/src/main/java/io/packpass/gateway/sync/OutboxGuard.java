package io.packpass.gateway.sync;

import io.packpass.gateway.store.Outbox;
import io.packpass.gateway.store.OutboxStatus;
import io.packpass.gateway.verify.BackpressureException;
import io.packpass.gateway.verify.IntakeGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link OutboxLimits} on intake: refuses a batch that would take the outbox over its item
 * bound, or any batch while the oldest pending item is over its age bound, and logs the alarm once
 * per episode (ERROR when it starts, INFO when intake resumes). The outbox is counted at most once a
 * second; a batch in between is judged on that count plus what was admitted since.
 */
public final class OutboxGuard implements IntakeGate {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxGuard.class);
  static final Duration RECOUNT = Duration.ofSeconds(1);

  private final Outbox outbox;
  private final OutboxLimits limits;
  private final Clock clock;
  private OutboxStatus counted;
  private Instant countedAt = Instant.MIN;
  private long admittedSince;
  private Optional<String> alarm = Optional.empty();

  public OutboxGuard(Outbox outbox, OutboxLimits limits, Clock clock) {
    this.outbox = outbox;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public synchronized void admit(int count) {
    Instant now = clock.instant();
    if (Duration.between(countedAt, now).compareTo(RECOUNT) >= 0 || alarm.isPresent()) {
      counted = outbox.outboxStatus();
      countedAt = now;
      admittedSince = 0;
    }
    long total = counted.total() + admittedSince;
    Optional<String> problem = Optional.empty();
    if (total + count > limits.maxItems()) {
      problem = Optional.of("the outbox holds " + total + " updates (" + counted.parked() + " parked); " + count
          + " more would pass its bound of " + limits.maxItems());
    } else if (counted.oldestPending().isPresent()
        && Duration.between(counted.oldestPending().get(), now).compareTo(limits.maxAge()) > 0) {
      problem = Optional.of("the oldest update in the outbox waits since " + counted.oldestPending().get()
          + ", longer than its bound of " + limits.maxAge());
    }
    if (problem.isPresent()) {
      if (alarm.isEmpty()) {
        LOG.error("ALARM: not accepting updates: {}; nothing is dropped, agents keep theirs until the registry is"
            + " reachable again (or parked items are dealt with: 'packpass gateway outbox')", problem.get());
      }
      alarm = problem;
      throw new BackpressureException("not accepting updates: " + problem.get());
    }
    if (alarm.isPresent()) {
      LOG.info("the outbox is below its bounds again: accepting updates");
      alarm = Optional.empty();
    }
    admittedSince += count;
  }

  /** Why intake is refused, while it is. */
  public synchronized Optional<String> alarm() {
    return alarm;
  }
}
