package io.packpass.agent.run;

import io.packpass.agent.journal.JournalException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what happens while the journal refuses appends (a full disk, an I/O error), once per outage
 * rather than once per poll: the first refusal at WARN with what the agent does meanwhile, then a
 * reminder at most every {@code remind} with how many appends were refused since, and one line when
 * an append succeeds again (WARN too: the agent logs at WARN and above, and an operator who saw the
 * outage begin must see it end). A Pi polling every 5 s with a full SD card writes a line an hour,
 * not 720.
 */
final class JournalOutage {
  private static final Logger LOG = LoggerFactory.getLogger(JournalOutage.class);

  private final Duration remind;
  private Instant since;
  private Instant lastLogged;
  private long refused;
  private long refusedSinceLogged;

  JournalOutage(Duration remind) {
    this.remind = Objects.requireNonNull(remind, "remind");
  }

  /** An append refused at {@code now}; {@code held} events wait in memory, {@code dropped} did not fit. */
  void refused(JournalException e, Instant now, int held, long dropped) {
    refused++;
    if (since == null) {
      since = now;
      lastLogged = now;
      LOG.warn(e.getMessage() + ". The agent keeps serving the updates it has journalled; readings are not"
          + " signed until the journal takes appends again (the estimator keeps counting, so the first reading"
          + " after carries everything), events wait in memory (up to " + AgentRunner.MAX_HELD_EVENTS + ")");
      return;
    }
    refusedSinceLogged++;
    if (!now.isBefore(lastLogged.plus(remind))) {
      LOG.warn("journal still refuses appends since " + since + ": " + refusedSinceLogged + " more refused, " + held
          + " events waiting" + (dropped > 0 ? ", " + dropped + " dropped (memory bound)" : "") + "; last: "
          + e.getMessage());
      lastLogged = now;
      refusedSinceLogged = 0;
    }
  }

  /** An append succeeded at {@code now}; ends an outage if there was one. */
  void appended(Instant now, int heldSigned, long dropped) {
    if (since == null) {
      return;
    }
    LOG.warn("journal takes appends again at " + now + " after " + refused + " refused since " + since
        + "; signing resumed" + (heldSigned > 0 ? ", " + heldSigned + " held events signed" : "")
        + (dropped > 0 ? ", " + dropped + " events were dropped while it was full" : ""));
    since = null;
    refused = 0;
    refusedSinceLogged = 0;
  }

  /** Whether appends are being refused now. */
  boolean ongoing() {
    return since != null;
  }
}
