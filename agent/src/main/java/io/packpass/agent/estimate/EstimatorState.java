package io.packpass.agent.estimate;

import io.packpass.core.passport.NegativeEvent;
import java.time.Instant;
import java.util.List;

/**
 * Everything an {@link Estimator} needs to resume after a restart exactly where it stopped: numbers,
 * instants and lists of numbers, so the journal can store it as plain CBOR. A {@code null} instant
 * means "none yet". Resuming with a different {@link EstimatorConfig} is allowed (thresholds may be
 * corrected) as long as the histogram edges keep their number of bins.
 *
 * <p>Integrals are doubles (mAh, mWh) so no rounding accumulates; they are rounded only when reported.
 *
 * @param lastTime time of the last accepted snapshot
 * @param channels the last value of each integrated signal, the left end of the next interval
 * @param usage lifetime counters and histograms
 * @param coulomb the coulomb count since the last full/empty anchor
 * @param capacity recent segment estimates
 * @param resistance recent dV/dI steps and the resistance baseline
 * @param events hysteresis latches, event counts and the events not yet drained
 * @param crossCheck BMS SOH history needed by the flags
 * @param input rejection counters
 * @param ocv rest-voltage anchors, the continuous charge count they are paired over and the rest in
 *     progress ({@code null} when read from a state saved before anchors existed: starts empty)
 */
public record EstimatorState(Instant lastTime, Channels channels, Usage usage, Coulomb coulomb, Capacity capacity,
    Resistance resistance, Events events, CrossCheck crossCheck, Input input, Ocv ocv) {

  /** Where a coulomb count is anchored. */
  public enum Anchor { NONE, FULL, EMPTY }

  /** The state of an estimator that has seen nothing. */
  public static EstimatorState initial() {
    return new EstimatorState(null,
        new Channels(null, 0, false, 0, Long.MIN_VALUE, null, 0, 0, 0, false, null, 0, false),
        new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of()),
        new Coulomb(Anchor.NONE, null, 0, 0, 0, 0, false),
        new Capacity(List.of(), List.of(), List.of(), List.of(), 0, 0, null, null, List.of()),
        new Resistance(List.of(), List.of(), 0, 0, 0, 0, null),
        new Events(false, false, false, false, false, 0, 0, List.of()),
        new CrossCheck(0, null, false, 0, null, null, 0, -1, null, null, null),
        new Input(List.of(), 0, 0, 0, 0, 0),
        Ocv.initial());
  }

  /**
   * @param currentTime last reading with a current (null: none within the timeline)
   * @param temperatureAtCurrentDc hottest sensor at that reading, {@code Long.MIN_VALUE} if unknown
   * @param temperatureTime last reading with a temperature
   * @param chargingAtTemperature whether the pack was charging at that reading
   * @param socTime last reading with a SoC (own or BMS)
   * @param socOwn whether that SoC was the own coulomb count rather than the BMS's
   */
  public record Channels(Instant currentTime, long currentMa, boolean voltageKnown, long voltageMv,
      long temperatureAtCurrentDc, Instant temperatureTime, long temperatureMinDc, long temperatureMaxDc,
      long temperatureMeanDc, boolean chargingAtTemperature, Instant socTime, long socCpct, boolean socOwn) {
  }

  public record Usage(double capacityThroughputMah, double capacityThroughputUncertaintyMah,
      double energyThroughputMwh, double energyThroughputUncertaintyMwh, long lowTemperatureMs,
      long highTemperatureMs, long chargingLowTemperatureMs, long chargingHighTemperatureMs, long lowUncertaintyMs,
      long highUncertaintyMs, long chargingLowUncertaintyMs, long chargingHighUncertaintyMs, List<Long> socHistogramMs, List<Long> temperatureHistogramMs) {
    public Usage {
      socHistogramMs = List.copyOf(socHistogramMs);
      temperatureHistogramMs = List.copyOf(temperatureHistogramMs);
    }
  }

  public record Coulomb(Anchor anchor, Instant anchorTime, double netMah, double uncertaintyMah, double netMwh,
      double uncertaintyMwh, boolean energyValid) {
  }

  /**
   * Recent capacity estimates, oldest first.
   *
   * @param capacitySegments full/empty segments counted (ever)
   * @param capacityFromOcv per entry of {@code capacitiesMah}: whether it came from a rest-OCV anchor pair
   *     rather than a full/empty segment (missing entries, from older states, read as segments)
   */
  public record Capacity(List<Double> capacitiesMah, List<Double> capacityUncertaintiesMah, List<Double> energiesMwh,
      List<Double> energyUncertaintiesMwh, long capacitySegments, long energySegments, Instant lastCapacityTime,
      Instant lastEnergyTime, List<Boolean> capacityFromOcv) {
    public Capacity {
      capacitiesMah = List.copyOf(capacitiesMah);
      capacityUncertaintiesMah = List.copyOf(capacityUncertaintiesMah);
      energiesMwh = List.copyOf(energiesMwh);
      energyUncertaintiesMwh = List.copyOf(energyUncertaintiesMwh);
      capacityFromOcv = capacityFromOcv == null ? List.of() : List.copyOf(capacityFromOcv);
    }
  }

  /**
   * Rest-voltage anchors ({@link OcvAnchors}).
   *
   * @param netMah charge counted since the count last broke (gap, clock jump), + = into the pack
   * @param uncertaintyMah its accumulated uncertainty
   * @param epoch incremented whenever the count breaks; anchors pair only within one epoch
   * @param restStart first reading of the rest in progress (null: not resting)
   * @param pendingTime last reading of that rest once it has lasted {@link EstimatorConfig#ocvRest()}
   *     (null: none yet); it becomes an anchor when the rest ends
   * @param pendingCellMv mean cell voltage at that reading
   * @param pendingNetMah count at that reading
   * @param pendingUncertaintyMah its uncertainty
   * @param anchors accepted anchors, oldest first (at most {@link OcvAnchors#CAPACITY})
   * @param accepted anchors accepted (ever)
   * @param rejected anchors rejected because the OCV curve is too flat there (ever)
   * @param pairs anchor pairs that gave a plausible capacity (ever)
   */
  public record Ocv(double netMah, double uncertaintyMah, long epoch, Instant restStart, Instant pendingTime,
      double pendingCellMv, double pendingNetMah, double pendingUncertaintyMah, List<OcvAnchor> anchors,
      long accepted, long rejected, long pairs) {
    public Ocv {
      anchors = List.copyOf(anchors);
    }

    static Ocv initial() {
      return new Ocv(0, 0, 0, null, null, 0, 0, 0, List.of(), 0, 0, 0);
    }
  }

  /** One accepted rest-OCV anchor: when, the SoC read from the table and its uncertainty, and the count then. */
  public record OcvAnchor(Instant time, double socCpct, double socUncertaintyCpct, double netMah,
      double uncertaintyMah, long epoch) {
  }

  /** Recent dV/dI results and their |dI|, oldest first; baseline 0 = not learnt yet. */
  public record Resistance(List<Double> recentUohm, List<Double> recentStepsMa, long steps, long rejectedSteps,
      double baselineUohm, double baselineUncertaintyUohm, Instant lastTime) {
    public Resistance {
      recentUohm = List.copyOf(recentUohm);
      recentStepsMa = List.copyOf(recentStepsMa);
    }
  }

  public record Events(boolean deepDischargeActive, boolean overchargeActive, boolean overTemperatureActive,
      boolean chargingExtremeActive, boolean imbalanceActive, long deepDischargeCount, long overchargeCount,
      List<NegativeEvent> pending) {
    public Events {
      pending = List.copyOf(pending);
    }
  }

  /** ownAtChangeCpct -1 = no own estimate yet at the last BMS change; jump / rising null = not raised. */
  public record CrossCheck(long lastCpct, Instant lastTime, boolean lastFromFcc, long minCpct, Instant minTime,
      Instant unchangedSince, double cyclesAtChange, long ownAtChangeCpct, Instant ownAtChangeTime, Flag jump,
      Flag rising) {
  }

  /** @param absurdByField counts in {@link InputField} order */
  public record Input(List<Long> absurdByField, long gaps, long gapMs, long clockBackwards, long duplicateTimes,
      long fieldGaps) {
    public Input {
      absurdByField = List.copyOf(absurdByField);
    }
  }
}
