package io.packpass.gateway.store;

import io.packpass.core.passport.Passport;
import java.time.Instant;
import java.util.Optional;

/**
 * What the store knows of one pack for the fleet view.
 *
 * @param headSeq seq of the newest accepted update
 * @param lastReceived when the newest accepted update arrived here
 * @param lastSeen when the collector last reached the pack's agent (empty if never)
 * @param sohEarlier the oldest SOH reading within the trend window, to compare the newest with
 */
public record FleetRecord(Passport passport, long headSeq, Instant lastReceived, Optional<Instant> lastSeen,
    Optional<SohPoint> sohLatest, Optional<SohPoint> sohEarlier) {

  /** One state-of-health reading: 1/100 % at a signed time. */
  public record SohPoint(Instant time, long cpct) {
  }
}
