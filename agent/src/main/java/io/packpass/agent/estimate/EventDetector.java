package io.packpass.agent.estimate;

import io.packpass.core.passport.EventType;
import io.packpass.core.passport.NegativeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Negative events, each counted once per excursion: a condition raises an event when it starts and
 * must clear past a hysteresis before it can raise the next one, so a pack that sits at the limit for
 * an hour is one event, not one per poll. Rules (cell values fall back to pack voltage / cells when the
 * BMS gives no cell voltages):
 *
 * <ul>
 *   <li>deep discharge: lowest cell below {@code cellDeepDischargeMv}; re-armed when the lowest cell is
 *       back above {@code deepDischargeRearmMv} (default empty threshold + 100 mV, because a deeply
 *       discharged cell recovers a few hundred mV at rest and must not count twice);
 *   <li>overcharge: highest cell above {@code cellOverchargeMv}; re-armed below {@code cellFullMv};
 *   <li>over-temperature: hottest sensor above {@code temperatureHighDc}; re-armed at or below it
 *       minus {@code temperatureHysteresisDc};
 *   <li>charging at extreme temperature: current above {@code chargingThresholdMa} while the coldest
 *       sensor is below {@code temperatureLowDc} or the hottest above {@code temperatureHighDc};
 *       re-armed when charging stops or both are back inside by the hysteresis;
 *   <li>cell imbalance: cell spread above {@code cellImbalanceMv} at quasi-rest (|I| at most
 *       {@code fullTaperMa}, so load-induced spread from unequal cell resistance does not count);
 *       re-armed below three quarters of the threshold.
 * </ul>
 */
final class EventDetector {
  private final EstimatorConfig config;
  private boolean deepDischarge;
  private boolean overcharge;
  private boolean overTemperature;
  private boolean chargingExtreme;
  private boolean imbalance;
  private long deepDischargeCount;
  private long overchargeCount;
  private final List<NegativeEvent> pending;

  EventDetector(EstimatorConfig config, EstimatorState.Events saved) {
    this.config = config;
    deepDischarge = saved.deepDischargeActive();
    overcharge = saved.overchargeActive();
    overTemperature = saved.overTemperatureActive();
    chargingExtreme = saved.chargingExtremeActive();
    imbalance = saved.imbalanceActive();
    deepDischargeCount = saved.deepDischargeCount();
    overchargeCount = saved.overchargeCount();
    pending = new ArrayList<>(saved.pending());
  }

  void observe(Reading r, Instant time) {
    int cells = config.seriesCells();
    long lowest = r.lowestCellMv(cells);
    if (lowest >= 0) {
      if (!deepDischarge && lowest < config.cellDeepDischargeMv()) {
        deepDischarge = true;
        deepDischargeCount++;
        raise(EventType.DEEP_DISCHARGE, time, "lowest cell " + lowest + " mV below " + config.cellDeepDischargeMv()
            + " mV");
      } else if (deepDischarge && lowest > config.deepDischargeRearmMv()) {
        deepDischarge = false;
      }
    }
    long highest = r.highestCellMv(cells);
    if (highest >= 0) {
      if (!overcharge && highest > config.cellOverchargeMv()) {
        overcharge = true;
        overchargeCount++;
        raise(EventType.OVERCHARGE, time, "highest cell " + highest + " mV above " + config.cellOverchargeMv()
            + " mV");
      } else if (overcharge && highest < config.cellFullMv()) {
        overcharge = false;
      }
    }
    if (r.hasTemperature) {
      observeTemperature(r, time);
    }
    if (r.hasCells && r.hasCurrent && Math.abs(r.currentMa) <= config.fullTaperMa()) {
      long spread = r.cellMaxMv - r.cellMinMv;
      if (!imbalance && spread > config.cellImbalanceMv()) {
        imbalance = true;
        raise(EventType.CELL_IMBALANCE, time, "cell spread " + spread + " mV above " + config.cellImbalanceMv()
            + " mV at rest");
      } else if (imbalance && spread * 4 < config.cellImbalanceMv() * 3) {
        imbalance = false;
      }
    }
  }

  private void observeTemperature(Reading r, Instant time) {
    long high = config.temperatureHighDc();
    long low = config.temperatureLowDc();
    long hysteresis = config.temperatureHysteresisDc();
    if (!overTemperature && r.temperatureMaxDc > high) {
      overTemperature = true;
      raise(EventType.OVER_TEMPERATURE, time, "hottest sensor " + r.temperatureMaxDc + " dC above " + high + " dC");
    } else if (overTemperature && r.temperatureMaxDc <= high - hysteresis) {
      overTemperature = false;
    }
    if (!r.hasCurrent) {
      return;
    }
    boolean charging = r.currentMa > config.chargingThresholdMa();
    boolean outside = r.temperatureMinDc < low || r.temperatureMaxDc > high;
    boolean inside = r.temperatureMinDc >= low + hysteresis && r.temperatureMaxDc <= high - hysteresis;
    if (!chargingExtreme && charging && outside) {
      chargingExtreme = true;
      raise(EventType.CHARGING_AT_EXTREME_TEMPERATURE, time, "charging at " + r.currentMa + " mA with sensors "
          + r.temperatureMinDc + ".." + r.temperatureMaxDc + " dC outside " + low + ".." + high + " dC");
    } else if (chargingExtreme && (!charging || inside)) {
      chargingExtreme = false;
    }
  }

  private void raise(EventType type, Instant time, String description) {
    pending.add(new NegativeEvent(type, time, Optional.of(description)));
  }

  long deepDischargeCount() {
    return deepDischargeCount;
  }

  long overchargeCount() {
    return overchargeCount;
  }

  List<NegativeEvent> pending() {
    return List.copyOf(pending);
  }

  List<NegativeEvent> drain() {
    List<NegativeEvent> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  EstimatorState.Events saved() {
    return new EstimatorState.Events(deepDischarge, overcharge, overTemperature, chargingExtreme, imbalance,
        deepDischargeCount, overchargeCount, List.copyOf(pending));
  }
}
