package io.packpass.agent.coap;

import io.packpass.agent.journal.JournalException;
import io.packpass.agent.records.PassportLog;
import io.packpass.agent.records.SigningStoppedException;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Passport;
import io.packpass.core.update.SignedUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PassportSource} of a running agent: the {@link PassportLog} (journal, device key,
 * passport) plus the estimator's newest reading and active flag count. {@code /fresh} signs the
 * newest reading again, now, with the caller's nonce, and journals it like any other update.
 */
public final class PassportLogSource implements PassportSource {
  private static final Logger LOG = LoggerFactory.getLogger(PassportLogSource.class);
  /** How long a caller of /fresh should wait when there is no reading yet. */
  static final Duration NO_READING_RETRY = Duration.ofSeconds(10);
  /** How long a caller should wait when the journal cannot take the update (disk full). */
  static final Duration JOURNAL_RETRY = Duration.ofSeconds(60);
  /** How long a caller should wait when the device certificate no longer lets the agent sign. */
  static final Duration STOPPED_RETRY = Duration.ofHours(1);

  private final PassportLog log;
  private final FreshReadings fresh;
  private final Supplier<Optional<Condition>> currentReading;
  private final IntSupplier activeFlags;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param currentReading the estimator's newest condition values (empty before the first reading)
   * @param activeFlags how many estimator flags are active now
   */
  public PassportLogSource(PassportLog log, Supplier<Optional<Condition>> currentReading, IntSupplier activeFlags) {
    this(log, currentReading, activeFlags, null);
  }

  /** Who signs a fresh reading: the agent's runner, which polls the pack first. */
  @FunctionalInterface
  public interface FreshReadings {
    /** Takes a reading now and signs it with {@code nonce}; journalled like any update. */
    SignedUpdate sign(byte[] nonce) throws InterruptedException;
  }

  /**
   * @param fresh takes a new reading for {@code /fresh}; null signs the newest reading again instead
   */
  public PassportLogSource(PassportLog log, Supplier<Optional<Condition>> currentReading, IntSupplier activeFlags,
      FreshReadings fresh) {
    this.log = Objects.requireNonNull(log, "log");
    this.fresh = fresh;
    this.currentReading = Objects.requireNonNull(currentReading, "currentReading");
    this.activeFlags = Objects.requireNonNull(activeFlags, "activeFlags");
    log.addListener(update -> {
      for (Runnable l : listeners) {
        try {
          l.run();
        } catch (RuntimeException e) {
          LOG.warn("CoAP update listener failed: {}", e.toString());
        }
      }
    });
  }

  @Override
  public Passport passport() {
    return log.passport();
  }

  @Override
  public byte[] latestSigned() {
    return log.head().encoded();
  }

  @Override
  public long headSeq() {
    return log.head().payload().seq();
  }

  @Override
  public long firstSeq() {
    return Math.max(0, log.journal().firstSeq());
  }

  @Override
  public List<byte[]> since(long seq, int max) {
    return log.journal().since(seq, max);
  }

  @Override
  public void acknowledge(long seq) {
    try {
      log.journal().acknowledge(seq);
    } catch (JournalException e) {
      throw unavailable(e);
    }
  }

  /**
   * A journal that cannot write now (disk full): 5.03 with Max-Age, not a 5.00 bug. A fresh reading the
   * agent cannot keep is not handed out: it would fork the chain after a restart.
   */
  private static RuntimeException unavailable(JournalException e) {
    if (e.kind() == JournalException.Kind.NO_SPACE || e.kind() == JournalException.Kind.IO) {
      return new SourceUnavailableException("journal: " + e.getMessage(), JOURNAL_RETRY);
    }
    return e;
  }

  @Override
  public SohSummary soh() {
    // Flags first, outside the log's lock: the agent's runner holds its own lock while it appends to the
    // log, so taking the two in the other order here could deadlock.
    int flags = activeFlags.getAsInt();
    synchronized (log) { // PassportLog's methods lock the log: passport and head from the same moment
      return SohSummary.of(log.passport(), log.head().payload().seq(), flags);
    }
  }

  @Override
  public byte[] fresh(byte[] nonce) {
    if (fresh != null) {
      try {
        return fresh.sign(nonce).encoded();
      } catch (JournalException e) {
        throw unavailable(e);
      } catch (SigningStoppedException e) {
        throw new SourceUnavailableException(e.getMessage(), STOPPED_RETRY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceUnavailableException("the agent is stopping", NO_READING_RETRY);
      }
    }
    Condition reading = currentReading.get()
        .orElseThrow(() -> new SourceUnavailableException("no reading of the pack yet", NO_READING_RETRY));
    try {
      return log.appendReading(reading, Optional.of(nonce)).encoded();
    } catch (JournalException e) {
      throw unavailable(e);
    }
  }

  @Override
  public Subscription subscribe(Runnable onAppend) {
    listeners.add(onAppend);
    return () -> listeners.remove(onAppend);
  }
}
