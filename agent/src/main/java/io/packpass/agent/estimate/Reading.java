package io.packpass.agent.estimate;

/**
 * One snapshot after the plausibility check, flattened to primitives so {@link Estimator#accept} does
 * not allocate: one instance is reused for every snapshot. A {@code has*} flag is false when the BMS
 * did not give the value or gave an absurd one.
 */
final class Reading {
  long timeMs;
  boolean hasVoltage;
  long voltageMv;
  boolean hasCurrent;
  long currentMa;
  boolean hasTemperature;
  long temperatureMinDc;
  long temperatureMaxDc;
  /** Sum over the plausible sensors, with {@link #temperatureSensors}, for the mean. */
  long temperatureSumDc;
  int temperatureSensors;
  boolean hasCells;
  long cellMinMv;
  long cellMaxMv;
  boolean hasSoc;
  long socCpct;
  boolean hasBmsSoh;
  long bmsSohCpct;
  /** True when {@link #bmsSohCpct} was derived from the full-charge capacity, not read as SOH. */
  boolean bmsSohFromFcc;

  void clear() {
    hasVoltage = false;
    hasCurrent = false;
    hasTemperature = false;
    temperatureSumDc = 0;
    temperatureSensors = 0;
    hasCells = false;
    hasSoc = false;
    hasBmsSoh = false;
    bmsSohFromFcc = false;
  }

  /** Lowest cell voltage, or pack voltage / cells when the BMS gives no cells; -1 when neither. */
  long lowestCellMv(int seriesCells) {
    if (hasCells) {
      return cellMinMv;
    }
    return hasVoltage ? voltageMv / seriesCells : -1;
  }

  /** Highest cell voltage, or pack voltage / cells when the BMS gives no cells; -1 when neither. */
  long highestCellMv(int seriesCells) {
    if (hasCells) {
      return cellMaxMv;
    }
    return hasVoltage ? voltageMv / seriesCells : -1;
  }
}
