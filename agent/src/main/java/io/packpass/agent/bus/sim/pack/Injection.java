package io.packpass.agent.bus.sim.pack;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault or abuse scheduled at {@code at} after the start of a {@link PackSimulation}, for testing
 * that the agent notices what a real pack would show.
 *
 * @param at when, relative to the simulation start
 * @param kind what happens
 * @param duration how long it lasts (deep discharge: how long the drained pack is left; over-temperature:
 *     how long the heat lasts); ignored by the others
 * @param cell cell (group) number, 1-based, for {@link Kind#CELL_IMBALANCE}
 * @param magnitude over-temperature: ambient °C; cell imbalance: capacity loss in %; SOH jump: points of
 *     SOH (signed); ignored by the others
 */
public record Injection(Duration at, Kind kind, Duration duration, int cell, double magnitude) {
  /** Default hold of a deep discharge. */
  public static final Duration DEFAULT_DEEP_DISCHARGE_HOLD = Duration.ofDays(14);
  /** Default length of an over-temperature episode. */
  public static final Duration DEFAULT_OVER_TEMPERATURE = Duration.ofHours(6);
  /** Default ambient of an over-temperature episode, °C: a battery box in the sun, or a fire next door. */
  public static final double DEFAULT_OVER_TEMPERATURE_C = 75;
  /** Default capacity loss of the weak cell, %. */
  public static final double DEFAULT_IMBALANCE_LOSS_PERCENT = 10;
  /** Self-discharge multiplier of the weak cell: a soft internal short (an assumption). */
  public static final double IMBALANCE_SELF_DISCHARGE_FACTOR = 5;
  /** Default SOH jump, points: a recalibration that suddenly reports more than is there. */
  public static final double DEFAULT_SOH_JUMP_POINTS = 8;

  /** What an injection does. */
  public enum Kind {
    /**
     * A load the BMS cannot disconnect (its own supply, a forgotten accessory) drains the pack at C/20
     * until the weakest cell is below {@link Chemistry#floorVoltageV()}; then it is left alone for
     * {@code duration}; usage resumes afterwards. Crossing the floor costs
     * {@link PackParameters#deepDischargeFade()} of capacity for good.
     */
    DEEP_DISCHARGE("deep-discharge"),
    /** The ambient is {@code magnitude} °C for {@code duration}; usage goes on as far as the BMS allows. */
    OVER_TEMPERATURE("over-temperature"),
    /**
     * Cell {@code cell} loses {@code magnitude} % of capacity and self-discharges
     * {@link #IMBALANCE_SELF_DISCHARGE_FACTOR} times faster from now on.
     */
    CELL_IMBALANCE("cell-imbalance"),
    /** The BMS stops learning capacity: its SOH stays where it is while the cells age on. */
    BMS_SOH_STUCK("bms-soh-stuck"),
    /** The BMS's learned capacity jumps by {@code magnitude} SOH points, then drifts back with its lag. */
    BMS_SOH_JUMP("bms-soh-jump");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The spelling in YAML ({@code simulation.events[].event}). */
    public String key() {
      return key;
    }
  }

  public Injection {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(duration, "duration");
    if (at.isNegative() || duration.isNegative()) {
      throw new IllegalArgumentException("injection " + kind.key() + ": at and duration must not be negative");
    }
  }

  /** An injection with the defaults of its kind. */
  public static Injection of(Duration at, Kind kind) {
    return switch (kind) {
      case DEEP_DISCHARGE -> new Injection(at, kind, DEFAULT_DEEP_DISCHARGE_HOLD, 0, 0);
      case OVER_TEMPERATURE -> new Injection(at, kind, DEFAULT_OVER_TEMPERATURE, 0, DEFAULT_OVER_TEMPERATURE_C);
      case CELL_IMBALANCE -> new Injection(at, kind, Duration.ZERO, 1, DEFAULT_IMBALANCE_LOSS_PERCENT);
      case BMS_SOH_STUCK -> new Injection(at, kind, Duration.ZERO, 0, 0);
      case BMS_SOH_JUMP -> new Injection(at, kind, Duration.ZERO, 0, DEFAULT_SOH_JUMP_POINTS);
    };
  }
}
