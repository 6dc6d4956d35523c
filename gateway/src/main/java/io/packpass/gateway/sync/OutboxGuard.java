package io.packpass.gateway.sync;

import io.packpass.gateway.store.Outbox;
import io.packpass.gateway.store.OutboxStatus;
import io.packpass.gateway.verify.BackpressureException;
import io.packpass.gateway.verify.IntakeGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link OutboxLimits} on intake: refuses a batch that would take the outbox over its item
 * bound, or any batch while the oldest pending item is over its age bound, and logs the alarm once
 * per episode (ERROR when it starts, INFO when intake resumes). The outbox is counted at most once a
 * second of monotonic time (a wall clock stepped back would otherwise leave a stale count standing
 * for as long as the step, refusing intake on updates long delivered); a batch in between is judged
 * on that count plus what was admitted since. The age bound compares the wall clock with the stored
 * enqueue time, as it must across restarts: a step forward by more than the bound raises the alarm.
 */
public final class OutboxGuard implements IntakeGate {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxGuard.class);
  static final long RECOUNT_NANOS = Duration.ofSeconds(1).toNanos();

  private final Outbox outbox;
  private final OutboxLimits limits;
  private final Clock clock;
  private final LongSupplier nanos;
  private OutboxStatus counted;
  private long countedAt;
  private long admittedSince;
  private Optional<String> alarm = Optional.empty();

  public OutboxGuard(Outbox outbox, OutboxLimits limits, Clock clock) {
    this(outbox, limits, clock, System::nanoTime);
  }

  OutboxGuard(Outbox outbox, OutboxLimits limits, Clock clock, LongSupplier nanos) {
    this.outbox = outbox;
    this.limits = limits;
    this.clock = clock;
    this.nanos = nanos;
  }

  @Override
  public synchronized void admit(int count) {
    Instant now = clock.instant();
    long tick = nanos.getAsLong();
    if (counted == null || tick - countedAt >= RECOUNT_NANOS || alarm.isPresent()) {
      counted = outbox.outboxStatus();
      countedAt = tick;
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
