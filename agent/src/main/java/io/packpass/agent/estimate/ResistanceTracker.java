package io.packpass.agent.estimate;

import java.time.Instant;

/**
 * Pack DC resistance from current steps: between two consecutive readings with pack voltage and
 * current, at most {@link EstimatorConfig#resistanceMaxInterval()} apart, whose current differs by at
 * least {@link EstimatorConfig#resistanceStepMa()} and whose temperature (when both have one) differs by
 * at most {@link EstimatorConfig#resistanceMaxTemperatureChangeDc()}, R = dV / dI. With + = charging,
 * V = OCV + I R, so R is positive; a non-positive result (the BMS sampled V and I at different moments,
 * or the load changed between them) is rejected and counted. The short interval keeps the SoC change,
 * and therefore the OCV change, small; the OCV change is not corrected and biases R by at most
 * (OCV slope x charge moved in one interval) / dI, a few percent at 10 s polling.
 *
 * <p>Reported value: median of the last {@link EstimatorConfig#resistanceWindow()} steps, once at
 * least {@link EstimatorConfig#resistanceMinSamples()} were seen. Uncertainty: the larger of half the
 * interquartile range of those steps and the voltage-resolution bound res_V / median |dI| divided by
 * the square root of the number of steps. The baseline for the increase is
 * {@link EstimatorConfig#initialResistanceUohm()}, or else the first reported median (kept in the
 * state, so a restart does not move it).
 */
final class ResistanceTracker {
  private final EstimatorConfig config;
  private final RecentWindow recent;
  private final RecentWindow recentSteps;
  private long steps;
  private long rejectedSteps;
  private double baselineUohm;
  private double baselineUncertaintyUohm;
  private Instant lastTime;

  ResistanceTracker(EstimatorConfig config, EstimatorState.Resistance saved) {
    this.config = config;
    recent = new RecentWindow(config.resistanceWindow(), saved.recentUohm());
    recentSteps = new RecentWindow(config.resistanceWindow(), saved.recentStepsMa());
    steps = saved.steps();
    rejectedSteps = saved.rejectedSteps();
    baselineUohm = saved.baselineUohm();
    baselineUncertaintyUohm = saved.baselineUncertaintyUohm();
    lastTime = saved.lastTime();
    if (config.initialResistanceUohm() > 0) {
      baselineUohm = config.initialResistanceUohm();
      baselineUncertaintyUohm = 0;
    }
  }

  /**
   * @param previousTemperatureDc temperature at the previous reading, or {@code Long.MIN_VALUE} if unknown
   */
  void observe(long previousMs, long previousCurrentMa, long previousVoltageMv, long previousTemperatureDc,
      Reading r, Instant time) {
    if (!r.hasVoltage || !r.hasCurrent) {
      return;
    }
    long dI = r.currentMa - previousCurrentMa;
    if (Math.abs(dI) < config.resistanceStepMa()
        || r.timeMs - previousMs > config.resistanceMaxInterval().toMillis()) {
      return;
    }
    if (r.hasTemperature && previousTemperatureDc != Long.MIN_VALUE
        && Math.abs(r.temperatureMaxDc - previousTemperatureDc) > config.resistanceMaxTemperatureChangeDc()) {
      return;
    }
    double uohm = (r.voltageMv - previousVoltageMv) * 1e6 / dI;
    if (uohm <= 0) {
      rejectedSteps++;
      return;
    }
    recent.add(uohm);
    recentSteps.add(Math.abs(dI));
    steps++;
    lastTime = time;
    if (baselineUohm == 0 && recent.size() >= config.resistanceMinSamples()) {
      baselineUohm = recent.median();
      baselineUncertaintyUohm = uncertaintyUohm();
    }
  }

  boolean hasEstimate() {
    return recent.size() >= config.resistanceMinSamples();
  }

  double resistanceUohm() {
    return recent.median();
  }

  double uncertaintyUohm() {
    double resolution = config.voltageResolutionMv() * 1e6 / recentSteps.median() / Math.sqrt(recent.size());
    return Math.max(recent.halfInterquartileRange(), resolution);
  }

  boolean hasBaseline() {
    return baselineUohm > 0;
  }

  double baselineUohm() {
    return baselineUohm;
  }

  double baselineUncertaintyUohm() {
    return baselineUncertaintyUohm;
  }

  int samples() {
    return recent.size();
  }

  long rejectedSteps() {
    return rejectedSteps;
  }

  Instant lastTime() {
    return lastTime;
  }

  EstimatorState.Resistance saved() {
    return new EstimatorState.Resistance(recent.saved(), recentSteps.saved(), steps, rejectedSteps, baselineUohm,
        baselineUncertaintyUohm, lastTime);
  }
}
