package io.packpass.gateway.fleet;

import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.gateway.fleet.FleetRow.Flag;
import io.packpass.gateway.store.FleetRecord;
import io.packpass.gateway.store.FleetSource;
import io.packpass.gateway.store.Outbox;
import io.packpass.gateway.store.OutboxStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gateway fleet}: one row per pack from what the store holds. Flags come from the verified
 * passport only: negative events the agent signed (its BMS cross-check reports as a BMS fault event
 * named {@code BMS_SOH_DISAGREES}) and the Annex VII counters of its readings.
 */
public final class FleetView {
  /** The SOH trend compares the newest reading with the oldest one in this window. */
  public static final Duration TREND_WINDOW = Duration.ofDays(30);
  /** The agent's BMS cross-check flag, as its signed BMS-fault event names it. */
  static final String BMS_DISAGREES = "BMS_SOH_DISAGREES";

  private final FleetSource fleet;
  private final Optional<Outbox> outbox;
  private final Clock clock;

  public FleetView(FleetSource fleet, Optional<Outbox> outbox, Clock clock) {
    this.fleet = fleet;
    this.outbox = outbox;
    this.clock = clock;
  }

  public List<FleetRow> rows() {
    Instant now = clock.instant();
    Map<String, OutboxStatus> sync = outbox.map(Outbox::outboxByPassport).orElse(Map.of());
    List<FleetRow> rows = new ArrayList<>();
    for (FleetRecord r : fleet.fleet(now.minus(TREND_WINDOW))) {
      Passport p = r.passport();
      OutboxStatus s = sync.getOrDefault(p.id().elementString(), new OutboxStatus(0, 0, Optional.empty()));
      Instant seen = r.lastSeen().filter(t -> t.isAfter(r.lastReceived())).orElse(r.lastReceived());
      rows.add(new FleetRow(p.id(), r.headSeq(), r.sohLatest().map(FleetRecord.SohPoint::cpct), trend(r), seen,
          flags(p), s.pending(), s.parked(), s.oldestPending().map(t -> Duration.between(t, now))));
    }
    return rows;
  }

  private static Optional<Long> trend(FleetRecord r) {
    if (r.sohLatest().isEmpty() || r.sohEarlier().isEmpty()) {
      return Optional.empty();
    }
    FleetRecord.SohPoint latest = r.sohLatest().get();
    FleetRecord.SohPoint earlier = r.sohEarlier().get();
    long seconds = Duration.between(earlier.time(), latest.time()).toSeconds();
    if (seconds < Duration.ofHours(1).toSeconds()) {
      return Optional.empty();
    }
    return Optional.of(Math.round((double) (latest.cpct() - earlier.cpct()) * TREND_WINDOW.toSeconds() / seconds));
  }

  static Set<Flag> flags(Passport p) {
    Set<Flag> flags = EnumSet.noneOf(Flag.class);
    for (NegativeEvent e : p.events()) {
      if (e.type() == EventType.DEEP_DISCHARGE) {
        flags.add(Flag.DEEP_DISCHARGE);
      } else if (e.type() == EventType.OVER_TEMPERATURE) {
        flags.add(Flag.OVER_TEMPERATURE);
      } else if (e.type() == EventType.BMS_FAULT && e.description().filter(d -> d.startsWith(BMS_DISAGREES)).isPresent()) {
        flags.add(Flag.BMS_DISAGREEMENT);
      }
    }
    p.condition().ifPresent(c -> {
      if (c.get(Quantity.DEEP_DISCHARGE_EVENTS).map(Measured::value).orElse(0L) > 0) {
        flags.add(Flag.DEEP_DISCHARGE);
      }
      if (c.get(Quantity.TIME_EXTREME_HIGH_TEMPERATURE).map(Measured::value).orElse(0L) > 0) {
        flags.add(Flag.OVER_TEMPERATURE);
      }
    });
    return flags;
  }
}
