package io.packpass.agent.estimate;

/**
 * The Annex VII Part B lifetime counters, integrated over valid intervals only.
 *
 * <ul>
 *   <li>capacity throughput: integral of |I| dt, charge and discharge both (trapezoid of |I|);
 *   <li>energy throughput: integral of |V I| dt, likewise;
 *   <li>full equivalent cycles: capacity throughput / (2 x design capacity). One definition had to be
 *       fixed (passport.md DYN-9): a full cycle moves the rated capacity out and back in, and the rated,
 *       not the estimated, capacity keeps the counter monotonic and independent of later estimates;
 *   <li>time at extreme temperatures: an interval counts as low when the coldest sensor at its start
 *       was below the lower boundary, high when the hottest was above the upper one, and as charging
 *       when the current at its start was above the charging threshold. The uncertainty of each time
 *       counter is the total length of the intervals whose two ends disagree about the condition: the
 *       crossing happened somewhere inside, unseen.
 * </ul>
 *
 * <p>Counter uncertainties are worst-case bounds for a systematic error of one resolution step held
 * for the whole time: current resolution x time for charge; (current resolution x V + voltage
 * resolution x |I|) x time for energy. Currents within the deadband count as zero.
 */
final class UsageCounters {
  double capacityThroughputMah;
  double capacityThroughputUncertaintyMah;
  double energyThroughputMwh;
  double energyThroughputUncertaintyMwh;
  long lowMs;
  long highMs;
  long chargingLowMs;
  long chargingHighMs;
  /** Per time counter: total length of the intervals in which its condition changed (crossing unknown). */
  long lowUncertaintyMs;
  long highUncertaintyMs;
  long chargingLowUncertaintyMs;
  long chargingHighUncertaintyMs;
  final HistogramCounter socHistogram;
  final HistogramCounter temperatureHistogram;

  UsageCounters(EstimatorConfig config, EstimatorState.Usage saved) {
    capacityThroughputMah = saved.capacityThroughputMah();
    capacityThroughputUncertaintyMah = saved.capacityThroughputUncertaintyMah();
    energyThroughputMwh = saved.energyThroughputMwh();
    energyThroughputUncertaintyMwh = saved.energyThroughputUncertaintyMwh();
    lowMs = saved.lowTemperatureMs();
    highMs = saved.highTemperatureMs();
    chargingLowMs = saved.chargingLowTemperatureMs();
    chargingHighMs = saved.chargingHighTemperatureMs();
    lowUncertaintyMs = saved.lowUncertaintyMs();
    highUncertaintyMs = saved.highUncertaintyMs();
    chargingLowUncertaintyMs = saved.chargingLowUncertaintyMs();
    chargingHighUncertaintyMs = saved.chargingHighUncertaintyMs();
    socHistogram = new HistogramCounter(config.socEdgesCpct(), saved.socHistogramMs());
    temperatureHistogram = new HistogramCounter(config.temperatureEdgesDc(), saved.temperatureHistogramMs());
  }

  double fullEquivalentCycles(long designCapacityMah) {
    return capacityThroughputMah / (2.0 * designCapacityMah);
  }

  EstimatorState.Usage saved() {
    return new EstimatorState.Usage(capacityThroughputMah, capacityThroughputUncertaintyMah, energyThroughputMwh,
        energyThroughputUncertaintyMwh, lowMs, highMs, chargingLowMs, chargingHighMs, lowUncertaintyMs, highUncertaintyMs,
        chargingLowUncertaintyMs, chargingHighUncertaintyMs, socHistogram.saved(),
        temperatureHistogram.saved());
  }
}
