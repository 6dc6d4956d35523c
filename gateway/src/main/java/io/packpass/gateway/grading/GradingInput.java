package io.packpass.gateway.grading;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the rules look at: the passport's history as the registry holds it, the fresh reading laid
 * over its condition, and what the grader measured or saw on site.
 *
 * @param readings signed readings the registry held before the fresh one (traceability)
 * @param minCellMv lowest cell voltage measured at rest (open-circuit), if measured
 * @param cellSpreadMv highest minus lowest cell voltage at rest, if measured
 * @param findings what a physical inspection found (swelling, leakage, ...)
 * @param calendarExpiry manufacturing date plus expected lifetime, when the passport gives both
 */
public record GradingInput(Category category, Chemistry chemistry, long readings, Optional<Measured> soh,
    OptionalLong resistanceIncreaseCpct, OptionalLong cellResistanceIncreaseCpct, OptionalLong selfDischargeCpctPerMonth,
    long deepDischarges, long extremeTemperatureMin, List<NegativeEvent> events, boolean bmsDisagrees,
    long imbalanceEvents, OptionalLong minCellMv, OptionalLong cellSpreadMv, Set<String> findings,
    Optional<LocalDate> calendarExpiry, Instant now) {
  /** The agent's BMS cross-check flag, as its signed BMS-fault event names it. */
  static final String BMS_DISAGREES = "BMS_SOH_DISAGREES";

  public GradingInput {
    events = List.copyOf(events);
    findings = Set.copyOf(findings);
  }

  /**
   * @param history the passport as the registry holds it (grader view), before the fresh reading
   * @param fresh the fresh reading's condition
   */
  public static GradingInput of(Passport history, long readings, Condition fresh, OptionalLong minCellMv,
      OptionalLong cellSpreadMv, Set<String> findings, Instant now) {
    Condition c = history.condition().map(h -> h.mergedWith(fresh)).orElse(fresh);
    OptionalLong resistance = value(c, Quantity.INTERNAL_RESISTANCE_INCREASE);
    if (resistance.isEmpty()) {
      long initial = history.model().performance().initialPackResistanceMicroOhm();
      OptionalLong now_ = value(c, Quantity.INTERNAL_RESISTANCE);
      if (now_.isPresent() && initial > 0) {
        resistance = OptionalLong.of((now_.getAsLong() - initial) * 10_000 / initial);
      }
    }
    long deep = Math.max(value(c, Quantity.DEEP_DISCHARGE_EVENTS).orElse(0),
        history.events().stream().filter(e -> e.type() == EventType.DEEP_DISCHARGE).count());
    long extreme = value(c, Quantity.TIME_EXTREME_HIGH_TEMPERATURE).orElse(0)
        + value(c, Quantity.TIME_EXTREME_LOW_TEMPERATURE).orElse(0)
        + value(c, Quantity.TIME_CHARGING_EXTREME_HIGH_TEMPERATURE).orElse(0)
        + value(c, Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE).orElse(0);
    boolean disagrees = history.events().stream().anyMatch(e -> e.type() == EventType.BMS_FAULT
        && e.description().filter(d -> d.startsWith(BMS_DISAGREES)).isPresent());
    long imbalance = history.events().stream().filter(e -> e.type() == EventType.CELL_IMBALANCE).count();
    Optional<LocalDate> expiry = history.model().performance().expectedLifetimeYears()
        .map(y -> history.item().manufacturingDate().plusYears(y));
    return new GradingInput(history.model().category(), history.model().chemistry(), readings,
        c.get(Quantity.STATE_OF_HEALTH), resistance, value(c, Quantity.CELL_INTERNAL_RESISTANCE_INCREASE),
        value(c, Quantity.SELF_DISCHARGE_RATE), deep, extreme, history.events(), disagrees, imbalance, minCellMv,
        cellSpreadMv, findings, expiry, now);
  }

  private static OptionalLong value(Condition c, Quantity q) {
    return c.get(q).map(m -> OptionalLong.of(m.value())).orElse(OptionalLong.empty());
  }

  LocalDate today() {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }
}
