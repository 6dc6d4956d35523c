package io.packpass.agent.run;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.estimate.Estimator;
import io.packpass.agent.estimate.EstimatorReport;
import io.packpass.agent.estimate.Flag;
import io.packpass.agent.estimate.FlagType;
import io.packpass.agent.poll.Poller;
import io.packpass.agent.poll.Reading;
import io.packpass.agent.poll.RetryPolicy;
import io.packpass.agent.journal.JournalException;
import io.packpass.agent.records.EstimatorStateFile;
import io.packpass.agent.records.PassportLog;
import io.packpass.agent.records.RecordsException;
import io.packpass.agent.records.UpdatePolicy;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Quantity;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's main loop, one poll at a time: read the pack (with retries), feed the estimator, sign
 * negative events at once (and each newly raised BMS flag as a {@code bms-fault} event), and sign a
 * reading when the {@link UpdatePolicy} says so; save the estimator's state with every signed
 * reading. {@link #fresh} signs a reading on demand with a verifier's nonce. Thread-safe: the loop and
 * CoAP requests share one lock.
 */
public final class AgentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

  private final Poller poller;
  private final BmsDriver driver;
  private final Estimator estimator;
  private final PassportLog log;
  private final UpdatePolicy policy;
  private final EstimatorStateFile stateFile;
  private final Clock clock;
  private final Duration interval;
  private final Set<FlagType> signedFlags = EnumSet.noneOf(FlagType.class);
  private Optional<Instant> lastReadingTime = Optional.empty();
  private Optional<BatterySnapshot> lastSnapshot = Optional.empty();
  /** Negative events detected but not yet journalled (the journal refused the write). */
  private final List<NegativeEvent> pendingEvents = new ArrayList<>();
  private final JournalOutage outage = new JournalOutage();
  static final int MAX_PENDING_EVENTS = 256;

  public AgentRunner(BmsDriver driver, Estimator estimator, PassportLog log, UpdatePolicy policy,
      EstimatorStateFile stateFile, Clock clock, Duration interval) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.estimator = Objects.requireNonNull(estimator, "estimator");
    this.log = Objects.requireNonNull(log, "log");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.poller = new Poller(driver, clock, interval, RetryPolicy.DEFAULT);
    SignedUpdate head = log.head();
    if (head.payload().kind() == UpdateKind.READING) {
      lastReadingTime = Optional.of(head.payload().time());
    }
  }

  /** What one poll did. */
  public record Cycle(Reading reading, List<SignedUpdate> signed) {
  }

  /** One poll: read, estimate, sign what is due. */
  public synchronized Cycle pollOnce() throws InterruptedException {
    Reading reading = poller.poll();
    List<SignedUpdate> signed = new ArrayList<>();
    if (reading.isCurrent()) {
      BatterySnapshot s = reading.snapshot().orElseThrow();
      estimator.accept(s);
      lastSnapshot = Optional.of(s);
    }
    pendingEvents.addAll(estimator.drainEvents());
    EstimatorReport report = estimator.report();
    Set<FlagType> raised = EnumSet.noneOf(FlagType.class);
    List<NegativeEvent> flagEvents = new ArrayList<>();
    for (Flag f : report.flags()) {
      if (!signedFlags.contains(f.type())) {
        raised.add(f.type());
        flagEvents.add(new NegativeEvent(EventType.BMS_FAULT, f.bmsTime(),
            Optional.of(f.type().name() + ": " + f.detail())));
      }
    }
    Instant now = clock.instant();
    if (!pendingEvents.isEmpty() || !flagEvents.isEmpty()) {
      List<NegativeEvent> events = new ArrayList<>(pendingEvents);
      events.addAll(flagEvents);
      try {
        signed.add(log.appendEvents(events));
        outage.recovered(now);
        pendingEvents.clear();
        signedFlags.addAll(raised);
      } catch (JournalException e) {
        if (e.kind() != JournalException.Kind.IO) {
          throw e;
        }
        outage.failed(e, now, events.size() + " negative event(s)");
        keepPendingBounded();
        return new Cycle(reading, signed); // the events come first: no reading may overtake them
      }
    }
    if (lastReadingTime.isPresent() && now.isBefore(lastReadingTime.get())) {
      // The clock was set back (a Pi boots without an RTC until NTP steps it): the schedule restarts
      // from the clock's new time, else no reading would fall due until the clock caught up, for days
      // maybe. The log keeps signed times in order (PassportLog signs with the head's time meanwhile).
      LOG.warn("clock {} is before the last signed reading ({}): the reading schedule restarts from now; readings are"
          + " signed with the last update's time until the clock passes it", now, lastReadingTime.get());
      lastReadingTime = Optional.of(now);
    }
    Optional<UpdatePolicy.Reason> due = policy.due(now, report, log.passport().condition(), lastReadingTime);
    if (due.isPresent()) {
      try {
        signed.add(signReading(report, Optional.empty()));
        outage.recovered(now);
        LOG.debug("signed a reading ({})", due.get());
      } catch (JournalException e) {
        if (e.kind() != JournalException.Kind.IO) {
          throw e;
        }
        outage.failed(e, now, "a reading");
      }
    }
    return new Cycle(reading, signed);
  }

  /**
   * Events waiting for the journal are kept in memory, the newest {@link #MAX_PENDING_EVENTS}; the
   * estimator's lifetime counters still count the dropped ones, so the next signed reading says how many.
   */
  private void keepPendingBounded() {
    int excess = pendingEvents.size() - MAX_PENDING_EVENTS;
    if (excess > 0) {
      pendingEvents.subList(0, excess).clear();
      LOG.warn("{} negative event(s) waiting for the journal dropped (kept the newest {}); the counters in the next"
          + " reading still count them", excess, MAX_PENDING_EVENTS);
    }
  }

  /** Whether the journal refuses writes at the moment (the agent then signs nothing). */
  public synchronized boolean journalRefusing() {
    return outage.ongoing();
  }

  /**
   * Takes a reading now and signs it with {@code nonce} in it, so the verifier who chose the nonce
   * knows the reading is fresh ({@code /fresh}).
   */
  public synchronized SignedUpdate fresh(byte[] nonce) throws InterruptedException {
    Reading reading = poller.poll();
    reading.snapshot().filter(s -> reading.isCurrent()).ifPresent(s -> {
      estimator.accept(s);
      lastSnapshot = Optional.of(s);
    });
    return signReading(estimator.report(), Optional.of(nonce.clone()));
  }

  /** Polls every interval until {@code stop} says so or {@code maxPolls} polls are done. */
  public void run(BooleanSupplier stop, long maxPolls) throws InterruptedException {
    for (long n = 0; n < maxPolls && !stop.getAsBoolean(); n++) {
      long started = System.nanoTime();
      pollOnce();
      if (n + 1 == maxPolls) {
        return;
      }
      // wait out the interval in short steps, so a stop request is honoured within a quarter second
      long deadline = started + interval.toNanos();
      while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
        Thread.sleep(Math.max(1, Math.min(250, (deadline - System.nanoTime()) / 1_000_000)));
      }
    }
  }

  /** The last snapshot read, for summaries. */
  public synchronized Optional<BatterySnapshot> lastSnapshot() {
    return lastSnapshot;
  }

  /** The estimator's current report. */
  public synchronized EstimatorReport report() {
    return estimator.report();
  }

  public PassportLog log() {
    return log;
  }

  private SignedUpdate signReading(EstimatorReport report, Optional<byte[]> nonce) {
    Condition condition = withoutDecreasingCounters(report.condition(), log.passport().condition());
    SignedUpdate u = log.appendReading(condition, nonce);
    // the schedule runs on the clock, not on the signed time (held at the head's while the clock is behind)
    lastReadingTime = Optional.of(clock.instant());
    try {
      stateFile.save(estimator.state());
    } catch (RecordsException e) {
      // the reading is journalled; a state file not saved only means the estimator restarts from the last one saved
      LOG.warn("{}", e.getMessage());
    }
    return u;
  }

  /**
   * Monotonic counters never go down in a chain (a verifier refuses it as a rollback). If the
   * estimator is behind the last signed value (its state file was lost), the counter is left out of
   * this reading, so the passport keeps the signed value, rather than invented or rolled back.
   */
  private static Condition withoutDecreasingCounters(Condition now, Optional<Condition> signed) {
    if (signed.isEmpty()) {
      return now;
    }
    Map<Quantity, Measured> kept = new EnumMap<>(Quantity.class);
    kept.putAll(now.values());
    for (Quantity q : Quantity.values()) {
      Optional<Measured> before = signed.get().get(q);
      Measured after = kept.get(q);
      if (q.isMonotonic() && before.isPresent() && after != null && after.value() < before.get().value()) {
        LOG.warn("{} is {} below the signed {}: left out of this reading until the estimate catches up", q.label(),
            after.value(), before.get().value());
        kept.remove(q);
      }
    }
    return new Condition(kept, now.stateOfChargeHistogram(), now.temperatureHistogram());
  }
}
