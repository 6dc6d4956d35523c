package io.packpass.agent.estimate;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Quantity;
import java.time.Instant;
import java.util.Map;

/**
 * Turns the trackers' doubles into the passport's integer {@link Measured} values. Rounding rule:
 * counters round down (never claim what was not seen), estimates round to nearest, uncertainties round
 * up. Method texts fit {@link Measured#MAX_METHOD} and say what was done, with the sample count where
 * one exists.
 */
final class ConditionWriter {
  private final EstimatorConfig config;
  private final Instant now;
  private final Map<Quantity, Measured> values;

  ConditionWriter(EstimatorConfig config, Instant now, Map<Quantity, Measured> values) {
    this.config = config;
    this.now = now;
    this.values = values;
  }

  ConditionWriter counters(UsageCounters usage, EventDetector events) {
    long design = config.designCapacityMah();
    put(Quantity.CAPACITY_THROUGHPUT, (long) Math.floor(usage.capacityThroughputMah), now,
        "coulomb count of |I|, trapezoid", usage.capacityThroughputUncertaintyMah);
    put(Quantity.ENERGY_THROUGHPUT, (long) Math.floor(usage.energyThroughputMwh / 1000), now,
        "integral of |V*I|, trapezoid", usage.energyThroughputUncertaintyMwh / 1000);
    put(Quantity.FULL_EQUIVALENT_CYCLES, (long) Math.floor(usage.capacityThroughputMah * 100 / (2.0 * design)), now,
        "capacity throughput / (2 x rated capacity)", usage.capacityThroughputUncertaintyMah * 100 / (2.0 * design));
    values.put(Quantity.DEEP_DISCHARGE_EVENTS, Measured.exact(events.deepDischargeCount(), now,
        "lowest cell below floor, with hysteresis"));
    values.put(Quantity.OVERCHARGE_EVENTS, Measured.exact(events.overchargeCount(), now,
        "highest cell above limit, with hysteresis"));
    minutes(Quantity.TIME_EXTREME_LOW_TEMPERATURE, usage.lowMs, usage.lowUncertaintyMs, "coldest sensor below");
    minutes(Quantity.TIME_EXTREME_HIGH_TEMPERATURE, usage.highMs, usage.highUncertaintyMs, "hottest sensor above");
    minutes(Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE, usage.chargingLowMs, usage.chargingLowUncertaintyMs,
        "charging, coldest sensor below");
    minutes(Quantity.TIME_CHARGING_EXTREME_HIGH_TEMPERATURE, usage.chargingHighMs,
        usage.chargingHighUncertaintyMs, "charging, hottest sensor above");
    return this;
  }

  private void minutes(Quantity quantity, long ms, long uncertaintyMs, String rule) {
    long boundary = quantity == Quantity.TIME_EXTREME_LOW_TEMPERATURE
        || quantity == Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE ? config.temperatureLowDc()
        : config.temperatureHighDc();
    put(quantity, ms / 60_000, now, rule + " " + Quantity.TEMPERATURE.format(boundary), uncertaintyMs / 60_000.0);
  }

  ConditionWriter capacity(CapacityLearner capacity) {
    if (!capacity.hasCapacity()) {
      return this;
    }
    long design = config.designCapacityMah();
    Instant time = capacity.lastCapacityTime();
    double mah = capacity.capacityMah();
    double uncertainty = capacity.capacityUncertaintyMah();
    String method = capacityMethod(capacity.capacitySamples(), capacity.ocvSamples());
    put(Quantity.REMAINING_CAPACITY, Math.round(mah), time, method, uncertainty);
    long soh = Math.round(mah * 10_000 / design);
    double sohUncertainty = uncertainty * 10_000 / design;
    put(Quantity.STATE_OF_HEALTH, Math.min(10_000, soh), time, soh > 10_000 ? method + ", capped 100%" : method,
        sohUncertainty);
    put(Quantity.CAPACITY_FADE, Math.max(0, 10_000 - soh), time, soh > 10_000 ? method + ", floored 0" : method,
        sohUncertainty);
    if (capacity.hasEnergy()) {
      Instant energyTime = capacity.lastEnergyTime();
      double wh = capacity.energyMwh() / 1000;
      double whUncertainty = capacity.energyUncertaintyMwh() / 1000;
      String energyMethod = "energy count full-to-empty, median n=" + capacity.energySamples();
      put(Quantity.REMAINING_ENERGY, Math.round(wh), energyTime, energyMethod, whUncertainty);
      if (config.category() == Category.EV) {
        long soce = Math.round(wh * 10_000 / config.certifiedEnergyWh());
        put(Quantity.STATE_OF_CERTIFIED_ENERGY, Math.min(10_000, soce), energyTime,
            soce > 10_000 ? energyMethod + ", capped 100%" : energyMethod,
            whUncertainty * 10_000 / config.certifiedEnergyWh());
      }
    }
    return this;
  }

  /**
   * Which methods the median was taken over: "coulomb count full/empty, median n=5", "coulomb count
   * between rest-OCV anchors, median n=5" or "full/empty n=2 + rest-OCV anchors n=3, median" (short
   * enough for a ", capped 100%" suffix within {@link Measured#MAX_METHOD}).
   */
  static String capacityMethod(int samples, int ocvSamples) {
    if (ocvSamples == 0) {
      return "coulomb count full/empty, median n=" + samples;
    }
    if (ocvSamples == samples) {
      String m = "coulomb count between rest-OCV anchors, median n=" + samples;
      return m.length() + ", capped 100%".length() <= Measured.MAX_METHOD ? m : m.substring("coulomb count ".length());
    }
    return "full/empty n=" + (samples - ocvSamples) + " + rest-OCV anchors n=" + ocvSamples + ", median";
  }

  ConditionWriter resistance(ResistanceTracker resistance) {
    if (!resistance.hasEstimate()) {
      return this;
    }
    Instant time = resistance.lastTime();
    double r = resistance.resistanceUohm();
    double u = resistance.uncertaintyUohm();
    put(Quantity.INTERNAL_RESISTANCE, Math.round(r), time, "dV/dI current steps, median n=" + resistance.samples(), u);
    if (resistance.hasBaseline()) {
      double r0 = resistance.baselineUohm();
      double relative = u / r0 + resistance.baselineUncertaintyUohm() * r / (r0 * r0);
      String base = config.initialResistanceUohm() > 0 ? "configured initial" : "first stable estimate";
      put(Quantity.INTERNAL_RESISTANCE_INCREASE, Math.round((r - r0) / r0 * 10_000), time, "dV/dI vs " + base,
          relative * 10_000);
    }
    return this;
  }

  private void put(Quantity quantity, long value, Instant time, String method, double uncertainty) {
    values.put(quantity, new Measured(value, time, method, (long) Math.ceil(uncertainty - 1e-9)));
  }
}
