package io.packpass.agent.estimate;

import java.time.Instant;
import java.util.List;

/**
 * Combines the capacities counted over single full/empty segments and over pairs of rest-OCV anchors
 * ({@link OcvAnchors}) (and, from full-to-empty discharges only, the energies) into one estimate: the median of the last {@link EstimatorConfig#capacityWindow()}
 * segments. The median because one segment spoilt by an unnoticed sensor glitch must not move the
 * passport value; a short window so that the estimate follows a pack that is really losing capacity
 * (it lags by about half the window).
 *
 * <p>Uncertainty: the larger of the median segment uncertainty (current resolution x time plus the
 * trapezoid rule's bound, see {@link CoulombCounter}) and half the range of the segments used.
 * Limitation: segments are not normalised to a reference temperature or rate (TI gauges do, packbus.md
 * 8.1); a pack cycled cold or at high rate reads low.
 */
final class CapacityLearner {
  private final EstimatorConfig config;
  private final RecentWindow capacities;
  private final RecentWindow capacityUncertainties;
  private final RecentWindow energies;
  private final RecentWindow energyUncertainties;
  private long capacitySegments;
  private long energySegments;
  private Instant lastCapacityTime;
  private Instant lastEnergyTime;
  private double cachedCapacityMah;
  /** Parallel to {@link #capacities}: whether each entry came from a rest-OCV anchor pair. */
  private final boolean[] fromOcv;
  private int fromOcvNext;
  private int fromOcvSize;

  CapacityLearner(EstimatorConfig config, EstimatorState.Capacity saved) {
    this.config = config;
    int window = config.capacityWindow();
    capacities = new RecentWindow(window, saved.capacitiesMah());
    capacityUncertainties = new RecentWindow(window, saved.capacityUncertaintiesMah());
    energies = new RecentWindow(window, saved.energiesMwh());
    energyUncertainties = new RecentWindow(window, saved.energyUncertaintiesMwh());
    capacitySegments = saved.capacitySegments();
    energySegments = saved.energySegments();
    lastCapacityTime = saved.lastCapacityTime();
    lastEnergyTime = saved.lastEnergyTime();
    cachedCapacityMah = capacities.size() == 0 ? 0 : capacities.median();
    fromOcv = new boolean[window];
    // aligned with the capacities kept: the last min(window, n) entries; older states had none (segments)
    int n = saved.capacitiesMah().size();
    List<Boolean> kinds = saved.capacityFromOcv();
    for (int i = Math.max(0, n - window); i < n; i++) {
      int k = i - (n - kinds.size());
      pushKind(k >= 0 && k < kinds.size() && kinds.get(k));
    }
  }

  private void pushKind(boolean ocv) {
    fromOcv[fromOcvNext] = ocv;
    fromOcvNext = (fromOcvNext + 1) % fromOcv.length;
    if (fromOcvSize < fromOcv.length) {
      fromOcvSize++;
    }
  }

  /** Whether a counted segment capacity lies in the plausible range; the caller counts rejects. */
  boolean plausible(double mah) {
    double design = config.designCapacityMah();
    return mah >= design * config.minCapacityRatio() && mah <= design * config.maxCapacityRatio();
  }

  /** A full/empty segment's capacity. */
  void addCapacity(double mah, double uncertaintyMah, Instant time) {
    add(mah, uncertaintyMah, time, false);
    capacitySegments++;
  }

  /** A capacity from a pair of rest-OCV anchors ({@link OcvAnchors}). */
  void addOcvCapacity(double mah, double uncertaintyMah, Instant time) {
    add(mah, uncertaintyMah, time, true);
  }

  private void add(double mah, double uncertaintyMah, Instant time, boolean ocv) {
    capacities.add(mah);
    capacityUncertainties.add(uncertaintyMah);
    pushKind(ocv);
    lastCapacityTime = time;
    cachedCapacityMah = capacities.median();
  }

  void addEnergy(double mwh, double uncertaintyMwh, Instant time) {
    energies.add(mwh);
    energyUncertainties.add(uncertaintyMwh);
    energySegments++;
    lastEnergyTime = time;
  }

  boolean hasCapacity() {
    return capacities.size() > 0;
  }

  boolean hasEnergy() {
    return energies.size() > 0;
  }

  double capacityMah() {
    return cachedCapacityMah;
  }

  double capacityUncertaintyMah() {
    return Math.max(capacityUncertainties.median(), capacities.halfRange());
  }

  double energyMwh() {
    return energies.median();
  }

  double energyUncertaintyMwh() {
    return Math.max(energyUncertainties.median(), energies.halfRange());
  }

  /** Segments in the current median (at most the window), for the method text. */
  int capacitySamples() {
    return capacities.size();
  }

  /** Of {@link #capacitySamples()}, how many came from rest-OCV anchor pairs. */
  int ocvSamples() {
    int n = 0;
    for (int i = 0; i < fromOcvSize; i++) {
      if (fromOcv[i]) {
        n++;
      }
    }
    return n;
  }

  int energySamples() {
    return energies.size();
  }

  long capacitySegments() {
    return capacitySegments;
  }

  Instant lastCapacityTime() {
    return lastCapacityTime;
  }

  Instant lastEnergyTime() {
    return lastEnergyTime;
  }

  EstimatorState.Capacity saved() {
    return new EstimatorState.Capacity(capacities.saved(), capacityUncertainties.saved(), energies.saved(),
        energyUncertainties.saved(), capacitySegments, energySegments, lastCapacityTime, lastEnergyTime,
        savedKinds());
  }

  private List<Boolean> savedKinds() {
    Boolean[] out = new Boolean[fromOcvSize];
    int start = fromOcvSize < fromOcv.length ? 0 : fromOcvNext;
    for (int i = 0; i < fromOcvSize; i++) {
      out[i] = fromOcv[(start + i) % fromOcv.length];
    }
    return List.of(out);
  }
}
