package io.packpass.agent.poll;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.BusException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one poll: a fresh snapshot (complete or partial), or, when the bus did not answer
 * even after retries, the last good snapshot marked stale with its own (older) time, never a copy
 * passed off as new.
 *
 * @param status what kind of reading this is
 * @param snapshot the snapshot read now, or the last good one when stale (empty if none was ever read)
 * @param polledAt when the poll ran
 * @param failure why the bus did not answer (stale readings only)
 * @param attempts how many reads the poll took (1 = no retry)
 */
public record Reading(Status status, Optional<BatterySnapshot> snapshot, Instant polledAt,
    Optional<BusException> failure, int attempts) {

  /** Kinds of reading. */
  public enum Status {
    /** Every field the driver reads was read and believable. */
    FRESH,
    /** Read now, but some fields are missing (named in the snapshot's {@code missing}). */
    PARTIAL,
    /** The bus did not answer; the snapshot, if any, is the last good one and as old as its time says. */
    STALE
  }

  public Reading {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(polledAt, "polledAt");
    Objects.requireNonNull(failure, "failure");
    if (status != Status.STALE && (snapshot.isEmpty() || failure.isPresent())) {
      throw new IllegalArgumentException(status + " reading needs a snapshot and no failure");
    }
    if (status == Status.STALE && failure.isEmpty()) {
      throw new IllegalArgumentException("a stale reading names the failure");
    }
  }

  static Reading of(BatterySnapshot s, Instant polledAt, int attempts) {
    return new Reading(s.isPartial() ? Status.PARTIAL : Status.FRESH, Optional.of(s), polledAt, Optional.empty(),
        attempts);
  }

  static Reading stale(Optional<BatterySnapshot> lastGood, Instant polledAt, BusException failure, int attempts) {
    return new Reading(Status.STALE, lastGood, polledAt, Optional.of(failure), attempts);
  }

  /** Whether this reading was taken now (fresh or partial). */
  public boolean isCurrent() {
    return status != Status.STALE;
  }
}
