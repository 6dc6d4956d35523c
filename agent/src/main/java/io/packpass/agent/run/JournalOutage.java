package io.packpass.agent.run;

import io.packpass.agent.journal.JournalException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal refusing writes (a full disk, a failing SD card) while the agent runs. The agent stays
 * up and keeps serving what it has journalled; it signs nothing it cannot keep, tries again at every
 * poll, and says so once when it starts, at most every {@link #REMIND} while it lasts, and once when it
 * ends, rather than at every poll.
 */
final class JournalOutage {
  static final Duration REMIND = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(JournalOutage.class);

  private Optional<Instant> since = Optional.empty();
  private Instant lastSaid = Instant.MIN;
  private long failures;

  /** A write failed at {@code now}. */
  void failed(JournalException e, Instant now, String what) {
    failures++;
    if (since.isEmpty()) {
      since = Optional.of(now);
      lastSaid = now;
      LOG.error("journal: {}; {} not signed. The agent keeps serving its journal and tries again at every poll"
          + " (free space on the journal's file system)", e.getMessage(), what);
    } else if (!now.isBefore(lastSaid.plus(REMIND))) {
      lastSaid = now;
      LOG.warn("journal still refuses writes since {} ({} attempts): {}", since.get(), failures, e.getMessage());
    }
  }

  /** A write went through at {@code now}. */
  void recovered(Instant now) {
    if (since.isPresent()) {
      LOG.info("journal writable again at {} after {} failed attempts since {}", now, failures, since.get());
      since = Optional.empty();
      failures = 0;
    }
  }

  boolean ongoing() {
    return since.isPresent();
  }
}
