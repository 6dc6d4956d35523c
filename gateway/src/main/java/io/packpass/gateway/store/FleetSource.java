package io.packpass.gateway.store;

import java.time.Instant;
import java.util.List;

/** Port: what the fleet view reads. */
public interface FleetSource {
  /** One record per passport, by passport id; the SOH trend compares the newest reading with the oldest since {@code trendSince}. */
  List<FleetRecord> fleet(Instant trendSince);
}
