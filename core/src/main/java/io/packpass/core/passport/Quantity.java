package io.packpass.core.passport;

/**
 * The dynamic Annex VII / Annex XIII 4 quantities a passport's condition can hold, each with its
 * CBOR key in the condition map and its fixed unit. Values are integers in that unit: no floating
 * point is ever signed. Unit names: {@code cpct} = 0.01 %, {@code mAh}, {@code Wh}, {@code W},
 * {@code uOhm} = micro-ohm, {@code cpct/month}, {@code ccycle} = 0.01 full equivalent cycle,
 * {@code count}, {@code min} = minutes, {@code dC} = 0.1 degree Celsius.
 */
public enum Quantity {
  /** Capacity-based state of health: remaining capacity / rated capacity. */
  STATE_OF_HEALTH(1, "cpct", "state of health (capacity)"),
  /** SOCE, EV only: usable energy now / certified usable energy (UN GTR 22). */
  STATE_OF_CERTIFIED_ENERGY(2, "cpct", "state of certified energy"),
  REMAINING_CAPACITY(3, "mAh", "remaining capacity"),
  REMAINING_ENERGY(4, "Wh", "remaining usable energy"),
  CAPACITY_FADE(5, "cpct", "capacity fade"),
  /** At 80 % state of charge (Annex IV Part B (4)). */
  REMAINING_POWER_CAPABILITY(6, "W", "remaining power capability"),
  POWER_FADE(7, "cpct", "power fade"),
  /** Pack ohmic resistance. */
  INTERNAL_RESISTANCE(8, "uOhm", "internal resistance (pack)"),
  INTERNAL_RESISTANCE_INCREASE(9, "cpct", "internal resistance increase"),
  ROUND_TRIP_EFFICIENCY(10, "cpct", "remaining round-trip efficiency"),
  ROUND_TRIP_EFFICIENCY_FADE(11, "cpct", "round-trip efficiency fade"),
  SELF_DISCHARGE_RATE(12, "cpct/month", "current self-discharge rate"),
  FULL_EQUIVALENT_CYCLES(13, "ccycle", "full equivalent charge-discharge cycles"),
  ENERGY_THROUGHPUT(14, "Wh", "energy throughput"),
  CAPACITY_THROUGHPUT(15, "mAh", "capacity throughput"),
  DEEP_DISCHARGE_EVENTS(16, "count", "deep-discharge events"),
  OVERCHARGE_EVENTS(17, "count", "overcharge events"),
  TIME_EXTREME_HIGH_TEMPERATURE(18, "min", "time above the upper idle temperature boundary"),
  TIME_EXTREME_LOW_TEMPERATURE(19, "min", "time below the lower idle temperature boundary"),
  TIME_CHARGING_EXTREME_HIGH_TEMPERATURE(20, "min", "time charging above the upper boundary"),
  TIME_CHARGING_EXTREME_LOW_TEMPERATURE(21, "min", "time charging below the lower boundary"),
  STATE_OF_CHARGE(22, "cpct", "state of charge"),
  TEMPERATURE(23, "dC", "pack temperature"),
  /** Change of the self-discharge rate against the initial rate (Annex VII Part A (4)). */
  EVOLUTION_OF_SELF_DISCHARGE(24, "cpct", "evolution of self-discharge rate"),
  /** At 20 % state of charge, the second point of Annex IV Part B (4); key 6 is the 80 % point. */
  REMAINING_POWER_CAPABILITY_AT_20_SOC(25, "W", "remaining power capability at 20 % SoC"),
  /** Ohmic resistance of the highest-resistance (weakest) cell. */
  CELL_INTERNAL_RESISTANCE(26, "uOhm", "internal resistance (highest cell)"),
  /** {@link #CELL_INTERNAL_RESISTANCE} against the initial cell resistance of the model. */
  CELL_INTERNAL_RESISTANCE_INCREASE(27, "cpct", "cell internal resistance increase");

  private final int key;
  private final String unit;
  private final String label;

  Quantity(int key, String unit, String label) {
    this.key = key;
    this.unit = unit;
    this.label = label;
  }

  /** Key in the condition map of {@code docs/passport.cddl}. */
  public int key() {
    return key;
  }

  public String unit() {
    return unit;
  }

  public String label() {
    return label;
  }

  /** Counters that may never decrease between signed updates (passport.md §7 DYN-4). */
  public boolean isMonotonic() {
    switch (this) {
      case FULL_EQUIVALENT_CYCLES:
      case ENERGY_THROUGHPUT:
      case CAPACITY_THROUGHPUT:
      case DEEP_DISCHARGE_EVENTS:
      case OVERCHARGE_EVENTS:
      case TIME_EXTREME_HIGH_TEMPERATURE:
      case TIME_EXTREME_LOW_TEMPERATURE:
      case TIME_CHARGING_EXTREME_HIGH_TEMPERATURE:
      case TIME_CHARGING_EXTREME_LOW_TEMPERATURE:
        return true;
      default:
        return false;
    }
  }

  /** Percent-type values must lie in [0, 100 %] (passport.md §7 DYN-2). */
  boolean isPercentage() {
    return unit.equals("cpct") && this != INTERNAL_RESISTANCE_INCREASE && this != EVOLUTION_OF_SELF_DISCHARGE
        && this != CELL_INTERNAL_RESISTANCE_INCREASE;
  }

  static Quantity fromKey(long key) {
    for (Quantity q : values()) {
      if (q.key == key) {
        return q;
      }
    }
    throw new IllegalArgumentException("unknown condition quantity key " + key);
  }

  /** Renders a value in its unit for people, e.g. 9123 cpct as "91.23 %". */
  public String format(long value) {
    switch (unit) {
      case "cpct":
        return decimal(value, 2) + " %";
      case "cpct/month":
        return decimal(value, 2) + " %/month";
      case "mAh":
        return decimal(value, 3) + " Ah";
      case "Wh":
        return value + " Wh";
      case "W":
        return value + " W";
      case "uOhm":
        return decimal(value, 3) + " mOhm";
      case "ccycle":
        return decimal(value, 2) + " cycles";
      case "min":
        return value + " min";
      case "dC":
        return decimal(value, 1) + " \u00b0C";
      default:
        return Long.toString(value);
    }
  }

  static String decimal(long value, int scale) {
    return java.math.BigDecimal.valueOf(value, scale).toPlainString();
  }
}
