package io.packpass.agent.bus.sim.pack;

import java.util.Arrays;
import java.util.Objects;

/**
 * The physics of one pack: cell groups in series, each with its own capacity, state of charge,
 * resistance and self-discharge (so that cells can drift apart), a lumped thermal model and
 * semi-empirical ageing. It has no clock and no randomness: {@link #step(double, double)} advances it
 * by a time step under a given current, deterministically; the caller ({@link PackSimulation}) owns time.
 *
 * <p>Sign convention as everywhere in PackPass: current + = charging. A cell's terminal voltage is
 * therefore {@code OCV(SoC) + I·R}: above OCV while charging, below while discharging (the textbook
 * {@code OCV − I·R} with discharge-positive current).
 *
 * <p>Model, per step {@code dt} with current {@code I}:
 * <ul>
 *   <li>charge: {@code SoC_i += (I − I_bleed,i)·dt / C_i − k_sd·f_i·A_sd(T)·dt} with {@code C_i} the
 *       cell's present capacity, {@code I_bleed} passive balancing, {@code k_sd} the chemistry's
 *       self-discharge and {@code f_i} the cell's self-discharge factor (1 unless injected);</li>
 *   <li>resistance: {@code R_i = R_0·s_i·(1 + g·fade)·exp(Ea_R/R·(1/T − 1/298.15 K))};</li>
 *   <li>heat: {@code m·c·dT/dt = Σ I²R_i + P_extra − h·(T − T_ambient)} (explicit Euler; the step is
 *       far below the thermal time constant);</li>
 *   <li>calendar fade {@code q_cal = k_cal·A(T)·σ(SoC)·sqrt(t)}, integrated with the equivalent-time
 *       method so that varying temperature and SoC accumulate correctly, {@code A(T)} Arrhenius with
 *       {@link PackParameters#calendarActivationJPerMol()};</li>
 *   <li>cycle fade {@code q_cyc += k_cyc·ΔEFC·(1 + 0.5·max(0, C-rate − 1) + 0.05·max(0, 15 °C − T))}: charge
 *       throughput in equivalent full cycles, more for fast charge and for cycling cold (lithium
 *       plating); the stress terms are assumptions;</li>
 *   <li>capacity {@code C_i = C_0·c_i·(1 − q_cal − q_cyc − q_damage)}.</li>
 * </ul>
 * Not modelled: diffusion/relaxation (RC branches), hysteresis, the ageing knee, lithium plating as
 * such. Not thread-safe.
 */
public final class PackModel {
  private static final double GAS_CONSTANT = 8.314;
  private static final double T_REF_K = 298.15;
  private static final double KELVIN = 273.15;
  private static final double SECONDS_PER_DAY = 86_400;
  private static final double DAYS_PER_YEAR = 365.25;
  /** Balancing starts above this fraction of the way from cutoff to charge voltage (top balancing). */
  private static final double BALANCE_START = 0.8;
  /** A cell bleeds while it is this far (V) above the lowest cell. */
  private static final double BALANCE_THRESHOLD_V = 0.015;

  private final PackParameters p;
  private final Chemistry chem;
  private final int n;
  private final double[] capacityScale;
  private final double[] resistanceScale;
  private final double[] selfDischargeFactor;
  private final double[] soc;
  private final double[] ocv;
  private final boolean[] balancing;
  private final double balanceStartV;
  private double temperatureC;
  private double ambientC;
  private double extraHeatW;
  private double currentA;
  private double calendarFade;
  private double cycleFade;
  private double damageFade;
  private double equivalentCycles;
  /** Group resistance at the present temperature and age, Ω, before each cell's own scale; refreshed per step. */
  private double resistanceFactor;

  /**
   * @param startSoc every cell's initial state of charge (fraction)
   * @param temperatureC initial pack temperature, also the ambient
   */
  public PackModel(PackParameters parameters, double startSoc, double temperatureC) {
    this.p = Objects.requireNonNull(parameters, "parameters");
    this.chem = parameters.chemistry();
    this.n = parameters.seriesCells();
    this.capacityScale = filled(1);
    this.resistanceScale = filled(1);
    this.selfDischargeFactor = filled(1);
    this.soc = filled(startSoc);
    this.ocv = new double[n];
    this.balancing = new boolean[n];
    this.balanceStartV = chem.cutoffVoltageV() + BALANCE_START * (chem.chargeVoltageV() - chem.cutoffVoltageV());
    this.temperatureC = temperatureC;
    this.ambientC = temperatureC;
    refreshOcv();
    refreshResistance();
  }

  private double[] filled(double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /**
   * Ages the pack as if it had been stored {@code days} at {@code temperatureC} and state of charge
   * {@code storageSoc}, and cycled {@code cycles} equivalent full cycles at 25 °C, before the start.
   */
  public void preAge(double days, double storageSoc, double temperatureC, double cycles) {
    if (days < 0 || cycles < 0) {
      throw new IllegalArgumentException("pre-ageing needs non-negative days and cycles, got " + days + ", " + cycles);
    }
    double s = calendarRatePerSqrtDay(temperatureC, storageSoc);
    double tEq = Math.pow(calendarFade / s, 2);
    calendarFade = s * Math.sqrt(tEq + days);
    cycleFade += chem.cycleFadePerCycle() * cycles;
    equivalentCycles += cycles;
    refreshResistance();
  }

  /** Advances the model by {@code dtSeconds} with pack current {@code current} (A, + = charging). */
  public void step(double dtSeconds, double current) {
    if (!(dtSeconds > 0)) {
      throw new IllegalArgumentException("time step must be positive, got " + dtSeconds);
    }
    this.currentA = current;
    double tK = temperatureC + KELVIN;
    double fade = fade();
    double rFactor = resistanceFactor;
    double arrhenius = Math.exp(p.calendarActivationJPerMol() / GAS_CONSTANT * (1 / T_REF_K - 1 / tK));
    double selfDischargePerSecond = chem.selfDischargePerMonth() / (30 * SECONDS_PER_DAY) * arrhenius;
    double capacityFactor = p.capacityAh() * (1 - fade) * 3600;
    double heatW = extraHeatW;
    double socSum = 0;
    for (int i = 0; i < n; i++) {
      double bleed = balancing[i] ? p.balanceCurrentA() : 0;
      soc[i] += (current - bleed) * dtSeconds / (capacityFactor * capacityScale[i])
          - selfDischargePerSecond * selfDischargeFactor[i] * dtSeconds;
      heatW += current * current * rFactor * resistanceScale[i];
      socSum += soc[i];
    }
    temperatureC += dtSeconds * (heatW - p.coolingWPerK() * (temperatureC - ambientC)) / p.thermalMassJPerK();

    double meanSoc = socSum / n;
    double s = calendarRatePerSqrtDay(temperatureC, meanSoc);
    double tEq = Math.pow(calendarFade / s, 2);
    calendarFade = s * Math.sqrt(tEq + dtSeconds / SECONDS_PER_DAY);
    double efc = Math.abs(current) * dtSeconds / 3600 / (2 * p.capacityAh());
    double cRate = Math.abs(current) / p.capacityAh();
    double stress = 1 + 0.5 * Math.max(0, cRate - 1) + 0.05 * Math.max(0, 15 - temperatureC);
    cycleFade += chem.cycleFadePerCycle() * efc * stress;
    equivalentCycles += efc;
    refreshOcv();
    refreshResistance();
    updateBalancing(current);
  }

  private double calendarRatePerSqrtDay(double tC, double meanSoc) {
    double tK = tC + KELVIN;
    double arrhenius = Math.exp(p.calendarActivationJPerMol() / GAS_CONSTANT * (1 / T_REF_K - 1 / tK));
    return chem.calendarFadePerSqrtYear() / Math.sqrt(DAYS_PER_YEAR) * arrhenius * chem.socStress(meanSoc);
  }

  private void refreshResistance() {
    double tK = temperatureC + KELVIN;
    resistanceFactor = p.groupResistanceOhm() * (1 + p.resistanceGrowthPerFade() * fade())
        * Math.exp(p.resistanceActivationJPerMol() / GAS_CONSTANT * (1 / tK - 1 / T_REF_K));
  }

  private void refreshOcv() {
    for (int i = 0; i < n; i++) {
      ocv[i] = chem.ocv(soc[i]);
    }
  }

  /** Top balancing: while charging near full, bleed every cell that sits above the lowest one. */
  private void updateBalancing(double current) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, ocv[i]);
      max = Math.max(max, ocv[i]);
    }
    boolean active = current > 0 && max > balanceStartV;
    for (int i = 0; i < n; i++) {
      balancing[i] = active && ocv[i] > min + BALANCE_THRESHOLD_V;
    }
  }

  // ---- injections

  /** Sets the ambient temperature the pack cools (or heats) towards, °C. */
  public void setAmbientC(double c) {
    this.ambientC = c;
  }

  /** Heat from outside the cells (sun on the box, a neighbouring fault), W. */
  public void setExtraHeatW(double w) {
    this.extraHeatW = w;
  }

  /**
   * Makes cell {@code index} (0-based) weaker: its capacity is multiplied by {@code 1 − capacityLoss}
   * and its self-discharge by {@code selfDischargeMultiplier} (a cell with a soft internal short).
   */
  public void weakenCell(int index, double capacityLoss, double selfDischargeMultiplier) {
    Objects.checkIndex(index, n);
    if (capacityLoss < 0 || capacityLoss >= 1 || selfDischargeMultiplier < 0) {
      throw new IllegalArgumentException("cell weakening needs capacity loss in [0, 1) and a non-negative factor");
    }
    capacityScale[index] *= 1 - capacityLoss;
    selfDischargeFactor[index] *= selfDischargeMultiplier;
    resistanceScale[index] *= 1 + capacityLoss;
  }

  /** Adds permanent capacity loss (fraction of the new capacity), e.g. after a deep discharge. */
  public void addDamage(double fade) {
    damageFade += fade;
    refreshResistance();
  }

  // ---- state

  public PackParameters parameters() {
    return p;
  }

  public int cellCount() {
    return n;
  }

  /** Total capacity fade so far (fraction of the new capacity). */
  public double fade() {
    return Math.min(0.95, calendarFade + cycleFade + damageFade);
  }

  public double calendarFade() {
    return calendarFade;
  }

  public double cycleFade() {
    return cycleFade;
  }

  /** Charge throughput so far in equivalent full cycles (half the Ah in and out, over the design capacity). */
  public double equivalentCycles() {
    return equivalentCycles;
  }

  /** Present capacity of cell {@code i}, Ah. */
  public double cellCapacityAh(int i) {
    return p.capacityAh() * capacityScale[i] * (1 - fade());
  }

  /** What the series string can deliver from full: the weakest cell's capacity, Ah. */
  public double capacityAh() {
    double min = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, capacityScale[i]);
    }
    return p.capacityAh() * min * (1 - fade());
  }

  /** State of charge of cell {@code i} (fraction of its own capacity). */
  public double cellSoc(int i) {
    return soc[i];
  }

  /** Lowest cell SoC: what limits discharge. */
  public double minSoc() {
    double min = Double.MAX_VALUE;
    for (double s : soc) {
      min = Math.min(min, s);
    }
    return min;
  }

  /** Highest cell SoC: what limits charge. */
  public double maxSoc() {
    double max = -Double.MAX_VALUE;
    for (double s : soc) {
      max = Math.max(max, s);
    }
    return max;
  }

  public double cellOcv(int i) {
    return ocv[i];
  }

  /** DC resistance of cell {@code i} now (age and temperature), Ω. */
  public double cellResistanceOhm(int i) {
    return resistanceFactor * resistanceScale[i];
  }

  /** Pack DC resistance now, Ω (what the agent's SOH_R estimate would see). */
  public double resistanceOhm() {
    double r = 0;
    for (int i = 0; i < n; i++) {
      r += cellResistanceOhm(i);
    }
    return r;
  }

  /** Terminal voltage of cell {@code i} under the last step's current, V. */
  public double cellVoltage(int i) {
    return ocv[i] + currentA * cellResistanceOhm(i);
  }

  /** Terminal voltage of cell {@code i} if {@code current} flowed now, V. */
  public double cellVoltageAt(int i, double current) {
    return ocv[i] + current * cellResistanceOhm(i);
  }

  /** Pack terminal voltage under the last step's current, V. */
  public double packVoltage() {
    double v = 0;
    double r = resistanceOhm();
    for (int i = 0; i < n; i++) {
      v += ocv[i];
    }
    return v + currentA * r;
  }

  /** Sum of cell OCVs, V. */
  public double packOcv() {
    double v = 0;
    for (int i = 0; i < n; i++) {
      v += ocv[i];
    }
    return v;
  }

  /** The last step's current, A, + = charging. */
  public double currentA() {
    return currentA;
  }

  public double temperatureC() {
    return temperatureC;
  }

  public double ambientC() {
    return ambientC;
  }

  /** Whether cell {@code i} is bleeding for balance. */
  public boolean isBalancing(int i) {
    return balancing[i];
  }
}
