package io.packpass.agent.bus.sim.pack;

import java.util.Optional;

/**
 * Cell chemistries the pack model knows: open-circuit voltage curve, voltage limits and the ageing
 * coefficients that differ between them. Values are literature-scale, not fitted to one cell; where a
 * number is an assumption it says so.
 *
 * <p>OCV tables: state of charge (fraction, 0 = the usable empty point, 1 = full after a CC-CV charge
 * to {@link #chargeVoltageV()}) to cell voltage in V, linearly interpolated. Points below 0 describe a
 * cell drained past its usable window (needed for the deep-discharge injection); points above 1 the
 * steep overcharge rise. Both curves are strictly increasing. Shapes follow typical published curves:
 * NMC slopes steadily from about 3.4 to 4.2 V; LFP sits on a plateau near 3.3 V (about 20 % to 90 %
 * SoC varies by under 80 mV) with knees at both ends, which is why an LFP BMS cannot correct its SoC
 * from voltage in the middle.
 */
public enum Chemistry {
  /**
   * NMC (LiNiMnCoO2 / graphite), EV and e-bike cells. Window 3.0–4.2 V, nominal about 3.65–3.7 V.
   * Calendar fade 3 %/sqrt(year) at 25 °C and 50 % SoC and cycle fade 0.012 %/equivalent full cycle
   * are assumptions of the order seen in Schmalstieg et al. (J. Power Sources 257, 2014) and in EV fleet
   * data (about 2–3 % SOH loss in the first year).
   */
  NMC(new double[] {-0.12, -0.06, 0.00, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60,
      0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 1.00, 1.05},
      new double[] {1.50, 2.40, 3.00, 3.40, 3.50, 3.55, 3.59, 3.62, 3.64, 3.66, 3.68, 3.70, 3.73, 3.76, 3.80,
          3.84, 3.88, 3.92, 3.96, 4.00, 4.05, 4.11, 4.20, 4.40},
      4.20, 3.00, 2.80, 2.50, 0.03, 0.5, 1.0, 1.2e-4, 0.02),
  /**
   * LFP (LiFePO4 / graphite), stationary storage. Window 2.6–3.55 V under load (16S: 56.8 V charge voltage, as
   * Pylontech-style packs), nominal 3.2 V. Lower calendar (2 %/sqrt(year)) and much lower cycle fade
   * (4e-5 per cycle, 20 % after about 5000 cycles) than NMC: assumptions of the order reported by
   * Naumann et al. (J. Energy Storage 17, 2018; J. Power Sources 451, 2020) and vendor cycle ratings.
   */
  LFP(new double[] {-0.12, -0.06, 0.00, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60,
      0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 1.00, 1.05},
      new double[] {1.50, 2.00, 2.50, 3.00, 3.20, 3.24, 3.26, 3.275, 3.285, 3.290, 3.293, 3.295, 3.297, 3.300,
          3.305, 3.315, 3.325, 3.330, 3.332, 3.335, 3.340, 3.360, 3.55, 3.80},
      3.55, 2.60, 2.50, 2.00, 0.02, 0.7, 0.6, 4.0e-5, 0.015);

  private final double[] soc;
  private final double[] volts;
  private final double chargeVoltageV;
  private final double cutoffVoltageV;
  private final double underVoltageAlarmV;
  private final double floorVoltageV;
  private final double calendarFadePerSqrtYear;
  private final double socStressOffset;
  private final double socStressSlope;
  private final double cycleFadePerCycle;
  private final double selfDischargePerMonth;

  Chemistry(double[] soc, double[] volts, double chargeVoltageV, double cutoffVoltageV, double underVoltageAlarmV,
      double floorVoltageV, double calendarFadePerSqrtYear, double socStressOffset, double socStressSlope,
      double cycleFadePerCycle, double selfDischargePerMonth) {
    this.soc = soc;
    this.volts = volts;
    this.chargeVoltageV = chargeVoltageV;
    this.cutoffVoltageV = cutoffVoltageV;
    this.underVoltageAlarmV = underVoltageAlarmV;
    this.floorVoltageV = floorVoltageV;
    this.calendarFadePerSqrtYear = calendarFadePerSqrtYear;
    this.socStressOffset = socStressOffset;
    this.socStressSlope = socStressSlope;
    this.cycleFadePerCycle = cycleFadePerCycle;
    this.selfDischargePerMonth = selfDischargePerMonth;
  }

  /** The chemistry a profile's {@code pack.chemistry} code names, or empty when the model has none for it. */
  public static Optional<Chemistry> ofCode(String code) {
    for (Chemistry c : values()) {
      if (c.name().equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Open-circuit voltage in V at state of charge {@code s} (fraction; clamped to the table's ends). */
  public double ocv(double s) {
    if (s <= soc[0]) {
      return volts[0];
    }
    int last = soc.length - 1;
    if (s >= soc[last]) {
      return volts[last];
    }
    int lo = 0;
    int hi = last;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (soc[mid] <= s) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return volts[lo] + (volts[hi] - volts[lo]) * (s - soc[lo]) / (soc[hi] - soc[lo]);
  }

  /** Inverse of {@link #ocv(double)}: the state of charge at which the rest voltage is {@code v}. */
  public double socAtOcv(double v) {
    if (v <= volts[0]) {
      return soc[0];
    }
    int last = volts.length - 1;
    if (v >= volts[last]) {
      return soc[last];
    }
    int i = 1;
    while (volts[i] < v) {
      i++;
    }
    return soc[i - 1] + (soc[i] - soc[i - 1]) * (v - volts[i - 1]) / (volts[i] - volts[i - 1]);
  }

  /** Slope of the OCV curve at {@code s}, V per unit SoC (central difference over 2 %). */
  public double ocvSlope(double s) {
    return (ocv(s + 0.01) - ocv(s - 0.01)) / 0.02;
  }

  /** CV voltage of a full charge, V per cell; OCV at SoC 1. */
  public double chargeVoltageV() {
    return chargeVoltageV;
  }

  /** Where a load stops discharging (usable empty), V per cell under load. */
  public double cutoffVoltageV() {
    return cutoffVoltageV;
  }

  /** Below this a BMS raises cell under-voltage, V per cell. */
  public double underVoltageAlarmV() {
    return underVoltageAlarmV;
  }

  /** Below this a cell is damaged (copper dissolution, SEI breakdown): the deep-discharge injection goes here. */
  public double floorVoltageV() {
    return floorVoltageV;
  }

  /** Calendar capacity loss (fraction) after one year at 25 °C and 50 % SoC; grows with sqrt(time). */
  public double calendarFadePerSqrtYear() {
    return calendarFadePerSqrtYear;
  }

  /**
   * Calendar stress factor at state of charge {@code s}: 1 at 50 %, higher when stored full (higher
   * anode potential drop, faster SEI growth), lower when stored empty. Linear: an assumption.
   */
  public double socStress(double s) {
    return socStressOffset + socStressSlope * Math.max(0, Math.min(1, s));
  }

  /** Cycle capacity loss per equivalent full cycle at 25 °C and up to 1C (fraction). */
  public double cycleFadePerCycle() {
    return cycleFadePerCycle;
  }

  /** Self-discharge at 25 °C, fraction of capacity per 30 days (cell leakage plus BMS quiescent drain). */
  public double selfDischargePerMonth() {
    return selfDischargePerMonth;
  }
}
