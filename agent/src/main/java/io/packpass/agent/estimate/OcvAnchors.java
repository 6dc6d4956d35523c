package io.packpass.agent.estimate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity from rest-voltage (OCV) anchors, the second capacity method beside full/empty segments
 * ({@link CoulombCounter}), for packs that never go from full to empty.
 *
 * <p><b>Anchor.</b> A rest is a run of readings, each with current and pack voltage, |I| within the
 * deadband, the temperature (when known) within the extreme-temperature boundaries the 25 degree table
 * is trusted in, and no gap or clock jump. Once a rest has lasted {@link EstimatorConfig#ocvRest()} the
 * voltage is taken as the open-circuit voltage; the last reading of the rest (the most relaxed) becomes
 * the anchor when the rest ends (or the timeline breaks). Its SoC is read from
 * {@link EstimatorConfig#ocvTable()} at the <i>mean cell voltage</i> (pack voltage / series cells):
 * always available, and the series current moves the mean cell's SoC by exactly delta Q / cell capacity,
 * whereas the lowest or highest cell would follow one cell's imbalance. Its SoC uncertainty is the
 * voltage error ({@link EstimatorConfig#ocvErrorMv()}: pack voltage resolution / cells + relaxation
 * allowance) mapped through the local slope of the table ({@link OcvTable#socUncertaintyCpct}); an
 * anchor above {@link EstimatorConfig#ocvMaxSocUncertaintyCpct()} is rejected, which is what excludes
 * LFP's plateau. The anchor keeps the charge count at that moment.
 *
 * <p><b>Pair.</b> A new anchor is paired with the most recent earlier anchor of the same unbroken
 * count (no gap, no clock jump between them), at most {@link EstimatorConfig#ocvMaxSpan()} older, whose
 * SoC differs by at least {@link EstimatorConfig#ocvMinSwingCpct()}: capacity = |delta Q| / |delta SoC|.
 * The charge must have moved the way the SoC did (charge in, SoC up), else the pair is discarded as
 * inconsistent. Uncertainty, as the rest of the estimator, a bound: (count uncertainty between the
 * anchors + capacity x (u1 + u2)) / |delta SoC|. Linear, not root-sum-square, because the relaxation
 * error is systematic: after a discharge the voltage is still below OCV, after a charge above it.
 *
 * <p>Implausible pair capacities are counted under {@link InputField#SEGMENT_CAPACITY} like segments.
 * Energy (SOCE) is not derived from anchors: the energy between two partial SoCs depends on where on
 * the voltage curve the swing lies and would need the OCV table integrated, a model not a measurement.
 * No allocation except when an anchor is accepted or a capacity added.
 */
final class OcvAnchors {
  /** Anchors kept for pairing; the newest suffice since pairs are at most {@code ocvMaxSpan} apart. */
  static final int CAPACITY = 16;
  private static final long NONE = Long.MIN_VALUE;

  private final EstimatorConfig config;
  private final long restMs;
  private final long maxSpanMs;
  private final double errorMv;

  private double netMah;
  private double uncertaintyMah;
  private long epoch;
  private long restStartMs = NONE;
  private long pendingMs = NONE;
  private double pendingCellMv;
  private double pendingNetMah;
  private double pendingUncertaintyMah;
  private long accepted;
  private long rejected;
  private long pairs;

  // ring of accepted anchors
  private final long[] timeMs = new long[CAPACITY];
  private final double[] socCpct = new double[CAPACITY];
  private final double[] socUncertaintyCpct = new double[CAPACITY];
  private final double[] anchorNetMah = new double[CAPACITY];
  private final double[] anchorUncertaintyMah = new double[CAPACITY];
  private final long[] anchorEpoch = new long[CAPACITY];
  private int size;
  private int next;

  OcvAnchors(EstimatorConfig config, EstimatorState.Ocv saved) {
    this.config = config;
    restMs = config.ocvRest().toMillis();
    maxSpanMs = config.ocvMaxSpan().toMillis();
    errorMv = config.ocvErrorMv();
    EstimatorState.Ocv s = saved == null ? EstimatorState.Ocv.initial() : saved;
    netMah = s.netMah();
    uncertaintyMah = s.uncertaintyMah();
    epoch = s.epoch();
    restStartMs = millis(s.restStart());
    pendingMs = millis(s.pendingTime());
    pendingCellMv = s.pendingCellMv();
    pendingNetMah = s.pendingNetMah();
    pendingUncertaintyMah = s.pendingUncertaintyMah();
    accepted = s.accepted();
    rejected = s.rejected();
    pairs = s.pairs();
    List<EstimatorState.OcvAnchor> list = s.anchors();
    for (int i = Math.max(0, list.size() - CAPACITY); i < list.size(); i++) {
      EstimatorState.OcvAnchor a = list.get(i);
      push(a.time().toEpochMilli(), a.socCpct(), a.socUncertaintyCpct(), a.netMah(), a.uncertaintyMah(), a.epoch());
    }
  }

  /** Adds the charge of one interval (+ = into the pack), the same as the coulomb counter's. */
  void addCharge(double mah, double uncertainty) {
    netMah += mah;
    uncertaintyMah += uncertainty;
  }

  /**
   * The charge count broke (gap, clock jump): a rest in progress ends, its anchor (if it had rested long
   * enough) is kept, and no later anchor pairs with an earlier one.
   */
  void breakCount(CapacityLearner learner, PlausibilityFilter filter) {
    commit(learner, filter);
    restStartMs = NONE;
    epoch++;
    netMah = 0;
    uncertaintyMah = 0;
  }

  /**
   * Looks at a reading before its interval is integrated. {@code continuous}: the previous current
   * reading is at most the maximum gap back on an unbroken timeline.
   */
  void observe(Reading r, boolean continuous, CapacityLearner learner, PlausibilityFilter filter) {
    if (!r.hasCurrent) {
      return;
    }
    boolean rest = r.hasVoltage && Math.abs(r.currentMa) <= config.currentDeadbandMa()
        && (!r.hasTemperature || (r.temperatureMinDc >= config.temperatureLowDc()
            && r.temperatureMaxDc <= config.temperatureHighDc()));
    if (!rest || !continuous) {
      commit(learner, filter);
      restStartMs = NONE;
    }
    if (!rest) {
      return;
    }
    if (restStartMs == NONE) {
      restStartMs = r.timeMs;
    } else if (r.timeMs - restStartMs >= restMs) {
      pendingMs = r.timeMs;
      pendingCellMv = r.voltageMv / (double) config.seriesCells();
      pendingNetMah = netMah;
      pendingUncertaintyMah = uncertaintyMah;
    }
  }

  private void commit(CapacityLearner learner, PlausibilityFilter filter) {
    if (pendingMs == NONE) {
      return;
    }
    long t = pendingMs;
    pendingMs = NONE;
    OcvTable table = config.ocvTable();
    double soc = table.socCpctAt(pendingCellMv);
    double u = table.socUncertaintyCpct(pendingCellMv, errorMv);
    if (u > config.ocvMaxSocUncertaintyCpct()) {
      rejected++;
      return;
    }
    accepted++;
    pair(t, soc, u, learner, filter);
    push(t, soc, u, pendingNetMah, pendingUncertaintyMah, epoch);
  }

  private void pair(long t, double soc, double u, CapacityLearner learner, PlausibilityFilter filter) {
    for (int k = 0; k < size; k++) {
      int i = Math.floorMod(next - 1 - k, CAPACITY);
      if (anchorEpoch[i] != epoch || t - timeMs[i] > maxSpanMs) {
        return; // older anchors are further back still
      }
      double dSoc = soc - socCpct[i];
      if (Math.abs(dSoc) < config.ocvMinSwingCpct()) {
        continue;
      }
      double dq = pendingNetMah - anchorNetMah[i];
      if (Math.signum(dq) != Math.signum(dSoc)) {
        return; // charge and SoC moved in opposite directions: something is off, use neither
      }
      double swing = Math.abs(dSoc) / 10_000;
      double mah = Math.abs(dq) / swing;
      if (!learner.plausible(mah)) {
        filter.count(InputField.SEGMENT_CAPACITY);
        return;
      }
      double countUncertainty = pendingUncertaintyMah - anchorUncertaintyMah[i];
      double uncertainty = (countUncertainty + mah * (u + socUncertaintyCpct[i]) / 10_000) / swing;
      learner.addOcvCapacity(mah, uncertainty, Instant.ofEpochMilli(t));
      pairs++;
      return;
    }
  }

  private void push(long t, double soc, double u, double net, double netUncertainty, long ep) {
    timeMs[next] = t;
    socCpct[next] = soc;
    socUncertaintyCpct[next] = u;
    anchorNetMah[next] = net;
    anchorUncertaintyMah[next] = netUncertainty;
    anchorEpoch[next] = ep;
    next = (next + 1) % CAPACITY;
    if (size < CAPACITY) {
      size++;
    }
  }

  long accepted() {
    return accepted;
  }

  long rejected() {
    return rejected;
  }

  long pairs() {
    return pairs;
  }

  EstimatorState.Ocv saved() {
    List<EstimatorState.OcvAnchor> anchors = new ArrayList<>(size);
    int start = size < CAPACITY ? 0 : next;
    for (int k = 0; k < size; k++) {
      int i = (start + k) % CAPACITY;
      anchors.add(new EstimatorState.OcvAnchor(Instant.ofEpochMilli(timeMs[i]), socCpct[i], socUncertaintyCpct[i],
          anchorNetMah[i], anchorUncertaintyMah[i], anchorEpoch[i]));
    }
    return new EstimatorState.Ocv(netMah, uncertaintyMah, epoch, instant(restStartMs), instant(pendingMs),
        pendingCellMv, pendingNetMah, pendingUncertaintyMah, anchors, accepted, rejected,
        pairs);
  }

  private static long millis(Instant time) {
    return time == null ? NONE : time.toEpochMilli();
  }

  private static Instant instant(long ms) {
    return ms == NONE ? null : Instant.ofEpochMilli(ms);
  }
}
