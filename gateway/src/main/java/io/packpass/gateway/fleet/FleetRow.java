package io.packpass.gateway.fleet;

import io.packpass.core.id.PassportId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One pack in the fleet view.
 *
 * @param sohCpct newest state of health, 1/100 %
 * @param trendCpctPer30Days how fast the SOH moves, in 1/100 % per 30 days, over the trend window
 * @param lastSeen the newest of: last contact by the collector, last accepted update
 * @param syncPending accepted updates not yet held by the registry
 * @param syncLag how long the oldest of those has waited
 */
public record FleetRow(PassportId passport, long headSeq, Optional<Long> sohCpct, Optional<Long> trendCpctPer30Days,
    Instant lastSeen, Set<Flag> flags, long syncPending, long syncParked, Optional<Duration> syncLag) {

  public enum Flag {
    /** The agent found the BMS's SOH and its own estimate far apart. */
    BMS_DISAGREEMENT("bms-disagreement"),
    DEEP_DISCHARGE("deep-discharge"),
    OVER_TEMPERATURE("over-temperature");

    private final String id;

    Flag(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public FleetRow {
    flags = Set.copyOf(flags);
  }
}
