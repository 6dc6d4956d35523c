package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bus.sim.JbdUartPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a {@link BmsReading} into the {@link JbdUartPeer.State} a JBD BMS would answer with
 * (packbus.md §2.3–2.5): 10 mV, 10 mA (s16, + = charging), 10 mAh, % and 0.1 K.
 *
 * <p>Limits of the JBD fields, checked for the pack up front ({@link #checkFits}) and for every value
 * ({@link #encode}), never silently wrapped: pack voltage and capacities are u16 in 10 mV / 10 mAh, so at
 * most 655.35 V and 655.35 Ah; current is s16 in 10 mA, so at most ±327.67 A; at most 32 cells (0x04
 * payload ≤ 64 bytes, two balance words); cell voltages u16 mV. Fields JBD lacks are dropped: the
 * learned capacity and the BMS SOH (§2.9), and the imbalance alarm (no protection bit for it).
 */
public final class JbdStateEncoder {
  /** Largest value of a u16 field. */
  static final int U16_MAX = 0xFFFF;
  /** Most cells the 0x04 reply and the two balance words can carry. */
  public static final int MAX_CELLS = 32;

  private final int productionDate;
  private final String model;

  /**
   * @param productionDate packed production date (day | month &lt;&lt; 5 | (year − 2000) &lt;&lt; 9)
   * @param model the 0x05 model string, ≤ 31 ASCII characters
   */
  public JbdStateEncoder(int productionDate, String model) {
    this.productionDate = productionDate;
    this.model = Objects.requireNonNull(model, "model");
    if (model.length() > 31) {
      throw new SimulationException("JBD model name longer than 31 characters: " + model);
    }
  }

  /** Refuses a pack whose design values cannot be expressed in JBD fields. */
  public static void checkFits(PackParameters p) {
    double maxVoltage = p.seriesCells() * p.chemistry().chargeVoltageV() * 1.05;
    if (p.seriesCells() > MAX_CELLS) {
      throw new SimulationException("a JBD BMS reports at most " + MAX_CELLS + " cells, pack has " + p.seriesCells());
    }
    if (maxVoltage * 100 > U16_MAX) {
      throw new SimulationException(String.format(Locale.ROOT,
          "pack voltage up to %.1f V does not fit JBD's u16 10 mV field (max 655.35 V)", maxVoltage));
    }
    if (p.capacityAh() * 100 > U16_MAX) {
      throw new SimulationException(String.format(Locale.ROOT,
          "capacity %.1f Ah does not fit JBD's u16 10 mAh field (max 655.35 Ah)", p.capacityAh()));
    }
  }

  /** The peer state for {@code r}. */
  public JbdUartPeer.State encode(BmsReading r) {
    if (r.cellVoltagesMv().size() > MAX_CELLS) {
      throw new SimulationException("a JBD BMS reports at most " + MAX_CELLS + " cells, got "
          + r.cellVoltagesMv().size());
    }
    int voltage = u16("pack voltage (10 mV)", Math.round(r.packVoltageMv() / 10.0));
    long current = Math.round(r.currentMa() / 10.0);
    if (current < Short.MIN_VALUE || current > Short.MAX_VALUE) {
      throw new SimulationException("current " + r.currentMa() + " mA does not fit JBD's s16 10 mA field (±327.67 A)");
    }
    int remaining = u16("remaining capacity (10 mAh)", Math.round(r.remainingCapacityMah() / 10.0));
    int nominal = u16("nominal capacity (10 mAh)", Math.round(r.designCapacityMah() / 10.0));
    int cycles = u16("cycle count", r.cycleCount());
    List<Integer> cells = new ArrayList<>(r.cellVoltagesMv().size());
    for (long mv : r.cellVoltagesMv()) {
      cells.add(u16("cell voltage (mV)", Math.max(0, mv)));
    }
    List<Integer> ntc = new ArrayList<>(r.temperaturesDc().size());
    for (long dc : r.temperaturesDc()) {
      ntc.add(u16("temperature (0.1 K)", dc + 2731));
    }
    int rsoc = (int) Math.max(0, Math.min(100, Math.round(r.stateOfChargeCpct() / 100.0)));
    int fet = (r.chargeEnabled() ? 1 : 0) | (r.dischargeEnabled() ? 2 : 0);
    return new JbdUartPeer.State(voltage, (int) current, remaining, nominal, cycles, productionDate,
        (int) (r.balanceBits() & 0xFFFF), (int) ((r.balanceBits() >> 16) & 0xFFFF), protection(r), 0x10, rsoc, fet,
        cells, ntc, model);
  }

  /** Alarms to protection bits (§2.4); the inverse of {@code JbdDriver.alarms}. */
  static int protection(BmsReading r) {
    int bits = 0;
    bits |= bit(r, Alarm.CELL_OVER_VOLTAGE, 0);
    bits |= bit(r, Alarm.CELL_UNDER_VOLTAGE, 1);
    bits |= bit(r, Alarm.PACK_OVER_VOLTAGE, 2);
    bits |= bit(r, Alarm.PACK_UNDER_VOLTAGE, 3);
    bits |= bit(r, Alarm.CHARGE_OVER_TEMPERATURE, 4);
    bits |= bit(r, Alarm.CHARGE_UNDER_TEMPERATURE, 5);
    bits |= bit(r, Alarm.DISCHARGE_OVER_TEMPERATURE, 6);
    bits |= bit(r, Alarm.DISCHARGE_UNDER_TEMPERATURE, 7);
    bits |= bit(r, Alarm.CHARGE_OVER_CURRENT, 8);
    bits |= bit(r, Alarm.DISCHARGE_OVER_CURRENT, 9);
    bits |= bit(r, Alarm.SHORT_CIRCUIT, 10);
    bits |= bit(r, Alarm.BMS_FAULT, 11);
    return bits;
  }

  private static int bit(BmsReading r, Alarm alarm, int bit) {
    return r.alarms().contains(alarm) ? 1 << bit : 0;
  }

  private static int u16(String field, long value) {
    if (value < 0 || value > U16_MAX) {
      throw new SimulationException(field + " " + value + " does not fit a JBD u16 field (0.." + U16_MAX + ")");
    }
    return (int) value;
  }
}
