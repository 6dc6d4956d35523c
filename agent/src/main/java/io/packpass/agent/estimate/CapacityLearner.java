package io.packpass.agent.estimate;

import java.time.Instant;

/**
 * Combines the capacities (and, from full-to-empty discharges, the energies) counted over single
 * full/empty segments into one estimate: the median of the last {@link EstimatorConfig#capacityWindow()}
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
  }

  /** Whether a counted segment capacity lies in the plausible range; the caller counts rejects. */
  boolean plausible(double mah) {
    double design = config.designCapacityMah();
    return mah >= design * config.minCapacityRatio() && mah <= design * config.maxCapacityRatio();
  }

  void addCapacity(double mah, double uncertaintyMah, Instant time) {
    capacities.add(mah);
    capacityUncertainties.add(uncertaintyMah);
    capacitySegments++;
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
        energyUncertainties.saved(), capacitySegments, energySegments, lastCapacityTime, lastEnergyTime);
  }
}
