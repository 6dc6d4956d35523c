package io.packpass.agent.estimate;

import io.packpass.agent.bms.BatterySnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Turns a snapshot into a {@link Reading}, dropping values no working pack can produce and counting
 * them per field. A dropped value is treated exactly like a missing one: it is never replaced by a
 * guess, and the integrals bridge it only as far as {@link EstimatorConfig#maxGap()} allows.
 *
 * <p>Plausible ranges: pack voltage 1 mV .. cells x 5 V; |current| up to 10 C; each temperature sensor
 * -50 .. +120 degrees Celsius (an out-of-range sensor is dropped alone); cell voltages 1 .. 5000 mV (one
 * absurd cell drops the cell list, because min/max over the rest would be biased); SoC 0 .. 100 %;
 * full-charge capacity design x minCapacityRatio .. design x maxCapacityRatio (so an FCC of twice the
 * design capacity is counted and ignored); BMS SOH 0 .. maxCapacityRatio x 100 %.
 */
final class PlausibilityFilter {
  static final long MIN_TEMPERATURE_DC = -500;
  static final long MAX_TEMPERATURE_DC = 1200;
  static final long MAX_CELL_MV = 5000;

  private final EstimatorConfig config;
  private final long[] rejected = new long[InputField.values().length];

  PlausibilityFilter(EstimatorConfig config, List<Long> rejectedCounts) {
    this.config = config;
    for (int i = 0; i < rejected.length && i < rejectedCounts.size(); i++) {
      rejected[i] = rejectedCounts.get(i);
    }
  }

  void load(BatterySnapshot s, Reading r) {
    r.clear();
    r.timeMs = s.time().toEpochMilli();
    Optional<Long> voltage = s.packVoltageMv();
    if (voltage.isPresent()) {
      long v = voltage.get();
      if (v > 0 && v <= MAX_CELL_MV * config.seriesCells()) {
        r.hasVoltage = true;
        r.voltageMv = v;
      } else {
        count(InputField.PACK_VOLTAGE);
      }
    }
    Optional<Long> current = s.currentMa();
    if (current.isPresent()) {
      long i = current.get();
      if (Math.abs(i) <= 10 * config.designCapacityMah()) {
        r.hasCurrent = true;
        r.currentMa = i;
      } else {
        count(InputField.CURRENT);
      }
    }
    loadTemperatures(s.temperaturesDc(), r);
    loadCells(s.cellVoltagesMv(), r);
    Optional<Long> soc = s.stateOfChargeCpct();
    if (soc.isPresent()) {
      long v = soc.get();
      if (v >= 0 && v <= 10_000) {
        r.hasSoc = true;
        r.socCpct = v;
      } else {
        count(InputField.STATE_OF_CHARGE);
      }
    }
    loadBmsSoh(s, r);
  }

  private void loadTemperatures(List<Long> temperatures, Reading r) {
    for (int i = 0; i < temperatures.size(); i++) {
      long t = temperatures.get(i);
      if (t < MIN_TEMPERATURE_DC || t > MAX_TEMPERATURE_DC) {
        count(InputField.TEMPERATURE);
        continue;
      }
      if (!r.hasTemperature) {
        r.hasTemperature = true;
        r.temperatureMinDc = t;
        r.temperatureMaxDc = t;
      } else {
        r.temperatureMinDc = Math.min(r.temperatureMinDc, t);
        r.temperatureMaxDc = Math.max(r.temperatureMaxDc, t);
      }
      r.temperatureSumDc += t;
      r.temperatureSensors++;
    }
  }

  private void loadCells(List<Long> cells, Reading r) {
    if (cells.isEmpty()) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < cells.size(); i++) {
      long c = cells.get(i);
      if (c <= 0 || c > MAX_CELL_MV) {
        count(InputField.CELL_VOLTAGES);
        return;
      }
      min = Math.min(min, c);
      max = Math.max(max, c);
    }
    r.hasCells = true;
    r.cellMinMv = min;
    r.cellMaxMv = max;
  }

  private void loadBmsSoh(BatterySnapshot s, Reading r) {
    long design = config.designCapacityMah();
    Optional<Long> fcc = s.fullChargeCapacityMah();
    boolean fccPlausible = false;
    if (fcc.isPresent()) {
      long v = fcc.get();
      fccPlausible = v >= design * config.minCapacityRatio() && v <= design * config.maxCapacityRatio();
      if (!fccPlausible) {
        count(InputField.FULL_CHARGE_CAPACITY);
      }
    }
    Optional<Long> soh = s.bmsStateOfHealthCpct();
    if (soh.isPresent()) {
      long v = soh.get();
      if (v > 0 && v <= 10_000 * config.maxCapacityRatio()) {
        r.hasBmsSoh = true;
        r.bmsSohCpct = v;
      } else {
        count(InputField.BMS_STATE_OF_HEALTH);
      }
    } else if (fccPlausible) {
      // packbus.md 8.1: SOH_C = FullChargeCapacity / DesignCapacity, against the configured design.
      r.hasBmsSoh = true;
      r.bmsSohFromFcc = true;
      r.bmsSohCpct = Math.round(fcc.get() * 10_000.0 / design);
    }
  }

  void count(InputField field) {
    rejected[field.ordinal()]++;
  }

  long rejected(InputField field) {
    return rejected[field.ordinal()];
  }

  List<Long> saved() {
    Long[] copy = new Long[rejected.length];
    for (int i = 0; i < rejected.length; i++) {
      copy[i] = rejected[i];
    }
    return List.of(copy);
  }
}
