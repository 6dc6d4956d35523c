package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bms.Alarm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The BMS on top of a {@link PackModel}: what it measures (with seeded noise), what it believes
 * (coulomb-counted SoC, learned full-charge capacity, cycle count, SOH) and which protections it
 * raises. Its beliefs differ from the model's truth in the ways real BMSs differ:
 * <ul>
 *   <li>SoC is coulomb counted, so self-discharge makes it read high until a correction: to 100 % at the
 *       end of a full CC-CV charge, and from the rest voltage after every {@link #REST_FOR_OCV} without
 *       current when it disagrees by more than 1.5 %, but only where the OCV curve is steep enough to
 *       tell SoC (not on the LFP plateau);</li>
 *   <li>the learned capacity follows the true capacity as a first-order lag with time constant
 *       {@link #LEARNING_TIME_CONSTANT} (an assumption: real gauges update on qualified cycles, roughly
 *       weekly to monthly); SOH = learned capacity / design, capped at 100 %;</li>
 *   <li>{@link #freezeSoh()} stops the learning (a BMS whose SOH is stuck); {@link #jumpSoh(double)} moves
 *       the learned capacity at once (a bad recalibration), after which it drifts back.</li>
 * </ul>
 * Protection thresholds: cell under-voltage at {@link Chemistry#underVoltageAlarmV()}, over-voltage 50 mV
 * above the charge voltage, charge over-temperature above 55 °C, discharge over-temperature above
 * 60 °C, charge under-temperature below 0 °C (common datasheet values), imbalance above 100 mV spread.
 */
public final class PackBms {
  /** Rest after which the BMS re-reads SoC from cell voltages. */
  public static final Duration REST_FOR_OCV = Duration.ofHours(2);
  /** Time constant of capacity learning. */
  public static final Duration LEARNING_TIME_CONSTANT = Duration.ofDays(30);
  /** Charge over-temperature threshold, °C. */
  public static final double CHARGE_OVER_TEMPERATURE_C = 55;
  /** Discharge over-temperature threshold, °C. */
  public static final double DISCHARGE_OVER_TEMPERATURE_C = 60;
  /** Imbalance alarm threshold (max − min cell), V. */
  public static final double IMBALANCE_V = 0.100;
  /** Cell voltage measurement noise, 1 σ, V (typical AFE accuracy is a few mV). */
  public static final double CELL_NOISE_V = 0.002;
  /** Current measurement noise, 1 σ, relative. */
  public static final double CURRENT_NOISE = 0.002;
  /** Temperature measurement noise, 1 σ, °C. */
  public static final double TEMPERATURE_NOISE_C = 0.2;
  /** OCV slope below which the curve cannot tell SoC, V per unit SoC (3 mV per %). */
  private static final double MIN_SLOPE_FOR_OCV = 0.3;
  /** Disagreement (SoC fraction) below which the BMS keeps its coulomb count: avoids jitter from noise. */
  private static final double OCV_DEADBAND = 0.015;

  private final PackModel model;
  private final Chemistry chem;
  private final double designAh;
  private final int sensors;
  private final SplittableRandom noise;
  private double remainingAh;
  private double learnedAh;
  private double startCycles;
  private double dischargedAh;
  private double restSeconds;
  private boolean learning = true;

  /**
   * @param sensors how many temperature sensors the BMS has
   * @param seed seed of the measurement noise
   * @param startCycles the cycle counter at the start (a pre-aged pack)
   */
  public PackBms(PackModel model, int sensors, long seed, double startCycles) {
    this.model = Objects.requireNonNull(model, "model");
    this.chem = model.parameters().chemistry();
    this.designAh = model.parameters().capacityAh();
    if (sensors < 1) {
      throw new IllegalArgumentException("a BMS needs at least one temperature sensor, got " + sensors);
    }
    this.sensors = sensors;
    this.noise = new SplittableRandom(seed);
    this.learnedAh = model.capacityAh();
    this.remainingAh = Math.max(0, model.minSoc()) * learnedAh;
    this.startCycles = startCycles;
  }

  /** Follows the model over its last step of {@code dtSeconds}. */
  public void update(double dtSeconds) {
    double current = model.currentA();
    remainingAh = Math.max(0, Math.min(learnedAh, remainingAh + current * dtSeconds / 3600));
    if (current < 0) {
      dischargedAh -= current * dtSeconds / 3600;
    }
    if (learning) {
      learnedAh += (model.capacityAh() - learnedAh) * dtSeconds / LEARNING_TIME_CONSTANT.toSeconds();
    }
    if (Math.abs(current) < designAh / 50) {
      restSeconds += dtSeconds;
      if (restSeconds >= REST_FOR_OCV.toSeconds()) {
        restSeconds = 0; // look again after the next rest period
        correctFromRestVoltage();
      }
    } else {
      restSeconds = 0;
    }
  }

  /** Re-reads SoC from the lowest cell's rest voltage, where the curve is steep enough and the error large. */
  private void correctFromRestVoltage() {
    double minOcv = Double.MAX_VALUE;
    for (int i = 0; i < model.cellCount(); i++) {
      minOcv = Math.min(minOcv, model.cellOcv(i));
    }
    double soc = Math.max(0, Math.min(1, chem.socAtOcv(minOcv)));
    if (chem.ocvSlope(soc) >= MIN_SLOPE_FOR_OCV && Math.abs(soc - stateOfCharge()) > OCV_DEADBAND) {
      remainingAh = soc * learnedAh;
    }
  }

  /** A CC-CV charge ended at the charge voltage: the BMS calls the pack full. */
  public void markFull() {
    remainingAh = learnedAh;
  }

  /** From now on the BMS keeps its learned capacity, hence its SOH, whatever happens to the cells. */
  public void freezeSoh() {
    learning = false;
  }

  /** Moves the learned capacity by {@code percentPoints} of the design capacity at once. */
  public void jumpSoh(double percentPoints) {
    learnedAh = Math.max(0.01 * designAh, learnedAh + percentPoints / 100 * designAh);
    remainingAh = Math.min(remainingAh, learnedAh);
  }

  /** SoC as the BMS computes it, fraction. */
  public double stateOfCharge() {
    return learnedAh <= 0 ? 0 : remainingAh / learnedAh;
  }

  /** The learned capacity, Ah. */
  public double learnedCapacityAh() {
    return learnedAh;
  }

  /** The protections the BMS raises now (from true values; noise of a few mV does not move them). */
  public Set<Alarm> alarms() {
    Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < model.cellCount(); i++) {
      double v = model.cellVoltage(i);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min < chem.underVoltageAlarmV()) {
      alarms.add(Alarm.CELL_UNDER_VOLTAGE);
    }
    if (max > chem.chargeVoltageV() + 0.05) {
      alarms.add(Alarm.CELL_OVER_VOLTAGE);
    }
    double t = model.temperatureC();
    if (t > CHARGE_OVER_TEMPERATURE_C) {
      alarms.add(Alarm.CHARGE_OVER_TEMPERATURE);
    }
    if (t > DISCHARGE_OVER_TEMPERATURE_C) {
      alarms.add(Alarm.DISCHARGE_OVER_TEMPERATURE);
    }
    if (t < 0) {
      alarms.add(Alarm.CHARGE_UNDER_TEMPERATURE);
    }
    if (max - min > IMBALANCE_V) {
      alarms.add(Alarm.CELL_IMBALANCE);
    }
    return alarms;
  }

  /** Whether the BMS lets current in. */
  public static boolean chargeAllowed(Set<Alarm> alarms) {
    return !alarms.contains(Alarm.CELL_OVER_VOLTAGE) && !alarms.contains(Alarm.CHARGE_OVER_TEMPERATURE)
        && !alarms.contains(Alarm.CHARGE_UNDER_TEMPERATURE);
  }

  /** Whether the BMS lets current out. */
  public static boolean dischargeAllowed(Set<Alarm> alarms) {
    return !alarms.contains(Alarm.CELL_UNDER_VOLTAGE) && !alarms.contains(Alarm.DISCHARGE_OVER_TEMPERATURE);
  }

  /** A reading at {@code time}: measurements with noise, the BMS's estimates and protections. */
  public BmsReading read(Instant time) {
    int n = model.cellCount();
    List<Long> cells = new ArrayList<>(n);
    long balance = 0;
    for (int i = 0; i < n; i++) {
      cells.add(Math.round((model.cellVoltage(i) + noise.nextGaussian() * CELL_NOISE_V) * 1000));
      if (model.isBalancing(i) && i < 64) {
        balance |= 1L << i;
      }
    }
    List<Long> temperatures = new ArrayList<>(sensors);
    for (int k = 0; k < sensors; k++) {
      double offset = 0.3 * (k - (sensors - 1) / 2.0); // sensors sit at different spots in the pack
      temperatures.add(Math.round((model.temperatureC() + offset + noise.nextGaussian() * TEMPERATURE_NOISE_C) * 10));
    }
    double current = model.currentA() * (1 + noise.nextGaussian() * CURRENT_NOISE);
    Set<Alarm> alarms = alarms();
    boolean charge = chargeAllowed(alarms);
    boolean discharge = dischargeAllowed(alarms);
    long design = Math.round(designAh * 1000);
    long fcc = Math.round(learnedAh * 1000);
    long soh = Math.min(10_000, Math.round(learnedAh / designAh * 10_000));
    long cycles = (long) Math.floor(startCycles + dischargedAh / designAh);
    return new BmsReading(time, Math.round(model.packVoltage() * 1000), Math.round(current * 1000), cells,
        temperatures, Math.round(stateOfCharge() * 10_000), Math.round(remainingAh * 1000), fcc, design, cycles, soh,
        alarms, balance, charge, discharge, Math.round(n * chem.chargeVoltageV() * 1000),
        charge ? Math.round(designAh * 500) : 0, discharge ? Math.round(designAh * 1000) : 0,
        Math.round(n * chem.cutoffVoltageV() * 1000));
  }
}
