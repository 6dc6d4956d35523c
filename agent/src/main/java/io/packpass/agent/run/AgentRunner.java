package io.packpass.agent.run;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.estimate.Estimator;
import io.packpass.agent.estimate.EstimatorReport;
import io.packpass.agent.estimate.Flag;
import io.packpass.agent.estimate.FlagType;
import io.packpass.agent.journal.JournalException;
import io.packpass.agent.poll.Poller;
import io.packpass.agent.poll.Reading;
import io.packpass.agent.poll.RetryPolicy;
import io.packpass.agent.records.EstimatorStateFile;
import io.packpass.agent.records.PassportLog;
import io.packpass.agent.records.RecordsException;
import io.packpass.agent.records.SigningStoppedException;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's main loop, one poll at a time: read the pack (with retries), feed the estimator, sign
 * negative events at once (and each newly raised BMS flag as a {@code bms-fault} event), and sign a
 * reading when the {@link UpdatePolicy} says so; save the estimator's state with every signed
 * reading. {@link #fresh} signs a reading on demand with a verifier's nonce. Thread-safe: the loop and
 * CoAP requests share one lock.
 *
 * <p>While the journal refuses appends (disk full, I/O error) the loop goes on: nothing is signed
 * that is not journalled, readings are not queued (the estimator keeps integrating, so the first
 * reading signed afterwards carries all it learned), events wait in memory up to
 * {@link #MAX_HELD_EVENTS} (beyond that they are dropped and counted), and each poll tries again;
 * {@link JournalOutage} logs the outage once, with a reminder an hour.
 */
public final class AgentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
  /** Events kept in memory while the journal refuses appends: one update of them stays far below 64 KiB. */
  static final int MAX_HELD_EVENTS = 256;
  static final Duration OUTAGE_REMINDER = Duration.ofHours(1);

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
  /** The monotonic clock when this run signed its last reading: the update policy counts time from it. */
  private final LongSupplier monotonicNanos;
  private OptionalLong lastReadingNanos = OptionalLong.empty();
  private Optional<BatterySnapshot> lastSnapshot = Optional.empty();
  private final Deque<NegativeEvent> heldEvents = new ArrayDeque<>();
  private long droppedEvents;
  private final JournalOutage outage;
  private boolean signingStopped;

  /**
   * @param monotonicNanos a clock wall-clock steps do not move ({@code System::nanoTime}): readings stay
   *     due every {@code updates.every} while the wall clock is stepped back
   */
  public AgentRunner(BmsDriver driver, Estimator estimator, PassportLog log, UpdatePolicy policy,
      EstimatorStateFile stateFile, Clock clock, LongSupplier monotonicNanos, Duration interval) {
    this.outage = new JournalOutage(OUTAGE_REMINDER);
    this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
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
    log.observeClock();
    Reading reading = poller.poll();
    List<SignedUpdate> signed = new ArrayList<>();
    if (reading.isCurrent()) {
      BatterySnapshot s = reading.snapshot().orElseThrow();
      estimator.accept(s);
      lastSnapshot = Optional.of(s);
    }
    List<NegativeEvent> events = new ArrayList<>(estimator.drainEvents());
    EstimatorReport report = estimator.report();
    for (Flag f : report.flags()) {
      if (signedFlags.add(f.type())) {
        events.add(new NegativeEvent(EventType.BMS_FAULT, f.bmsTime(), Optional.of(f.type().name() + ": " + f.detail())));
      }
    }
    hold(events);
    Instant now = clock.instant();
    if (!heldEvents.isEmpty()) {
      List<NegativeEvent> batch = List.copyOf(heldEvents);
      tryAppend(now, batch.size(), () -> log.appendEvents(batch)).ifPresent(u -> {
        heldEvents.clear();
        signed.add(u);
      });
    }
    Optional<UpdatePolicy.Reason> due = policy.due(policyNow(now), report, log.passport().condition(),
        lastReadingTime);
    if (due.isPresent()) {
      tryAppend(now, 0, () -> signReading(report, Optional.empty())).ifPresent(u -> {
        signed.add(u);
        LOG.debug("signed a reading ({})", due.get());
      });
    }
    return new Cycle(reading, signed);
  }

  /**
   * The time the update policy judges by: once this run signed a reading, that reading's time plus the
   * monotonic time since, so a wall clock stepped back (or ahead) neither stops nor hurries readings.
   */
  private Instant policyNow(Instant wall) {
    if (lastReadingNanos.isEmpty() || lastReadingTime.isEmpty()) {
      return wall;
    }
    return lastReadingTime.get().plusNanos(monotonicNanos.getAsLong() - lastReadingNanos.getAsLong());
  }

  private void hold(List<NegativeEvent> events) {
    for (NegativeEvent e : events) {
      if (heldEvents.size() < MAX_HELD_EVENTS) {
        heldEvents.add(e);
      } else {
        droppedEvents++; // the oldest are kept: the first deep discharge matters more than the hundredth
      }
    }
  }

  /** Runs an append; when the journal refuses it, says so (once per outage) and returns empty. */
  private Optional<SignedUpdate> tryAppend(Instant now, int events, Supplier<SignedUpdate> append) {
    try {
      SignedUpdate u = append.get();
      outage.appended(now, events, droppedEvents);
      if (signingStopped) {
        signingStopped = false;
        LOG.warn("the device certificate lets the agent sign again: signing resumed");
      }
      droppedEvents = 0;
      return Optional.of(u);
    } catch (JournalException e) {
      if (e.kind() != JournalException.Kind.NO_SPACE && e.kind() != JournalException.Kind.IO) {
        throw e; // a chain or size refusal is a bug, not the disk
      }
      outage.refused(e, now, heldEvents.size(), droppedEvents);
      return Optional.empty();
    } catch (SigningStoppedException e) {
      if (!signingStopped) {
        signingStopped = true;
        LOG.error("{}: the agent signs nothing more (no readings, no events) and keeps serving the {} updates in"
            + " its journal; install a valid device certificate ('packpass provision') and restart it", e.getMessage(),
            log.head().payload().seq() + 1);
      }
      return Optional.empty();
    }
  }

  /** Whether the journal refused the last append (disk full, I/O error) and has taken none since. */
  public synchronized boolean journalRefusing() {
    return outage.ongoing();
  }

  /** Events waiting for the journal to take them (while it refuses appends). */
  public synchronized int heldEvents() {
    return heldEvents.size();
  }

  /** Events dropped in the current journal outage because {@link #MAX_HELD_EVENTS} were already waiting. */
  public synchronized long droppedEvents() {
    return droppedEvents;
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
    try {
      return signReading(estimator.report(), Optional.of(nonce.clone()));
    } catch (JournalException e) {
      outage.refused(e, clock.instant(), heldEvents.size(), droppedEvents);
      throw e;
    }
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
    lastReadingTime = Optional.of(u.payload().time());
    lastReadingNanos = OptionalLong.of(monotonicNanos.getAsLong());
    try {
      stateFile.save(estimator.state());
    } catch (RecordsException e) {
      // The reading is signed and journalled; the state is saved again with the next one. A restart
      // before then resumes older counters, which the reading leaves out until they catch up.
      LOG.warn("{}; the signed reading seq {} stands", e.getMessage(), u.payload().seq());
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
