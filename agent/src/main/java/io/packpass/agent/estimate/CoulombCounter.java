package io.packpass.agent.estimate;

import io.packpass.agent.estimate.EstimatorState.Anchor;
import java.time.Instant;

/**
 * Coulomb counting between voltage anchors. The count is reset ("drift correction") whenever the pack
 * is seen full or empty, so a current-sensor offset can only accumulate within one segment:
 *
 * <ul>
 *   <li><b>full</b>: pack voltage at least cells x {@link EstimatorConfig#cellFullMv()} while the current
 *       lies between -deadband and {@link EstimatorConfig#fullTaperMa()} (the CV phase has tapered);
 *   <li><b>empty</b>: lowest cell below {@link EstimatorConfig#cellEmptyMv()} (pack voltage / cells
 *       when the BMS gives no cells) while not charging (current at most the deadband).
 * </ul>
 *
 * <p>A segment from empty to full yields a capacity (net charge in); a segment from full to empty yields
 * a capacity (net charge out) and, if the pack voltage was known throughout, an energy (net energy out,
 * used for SOCE; charge energy would include the charging losses). Only complete anchor-to-anchor
 * segments are used here. Partial swings are scaled by a SoC difference only in {@link OcvAnchors},
 * with the SoC read from the rest voltage: never the BMS's SoC, which is what the estimate checks.
 * A gap in the current readings, or a clock jump, drops the anchor: the charge moved while the agent
 * was not looking is unknown.
 *
 * <p>Per-segment uncertainty, accumulated interval by interval: one current-resolution step for the
 * whole interval (a systematic offset within the resolution) plus half the current change over the
 * interval (the bound on the trapezoid rule's error when the current stepped between readings).
 */
final class CoulombCounter {
  private static final double MA_MS_PER_MAH = 3_600_000.0;

  private final EstimatorConfig config;
  private Anchor anchor;
  private Instant anchorTime;
  private double netMah;
  private double uncertaintyMah;
  private double netMwh;
  private double uncertaintyMwh;
  private boolean energyValid;

  CoulombCounter(EstimatorConfig config, EstimatorState.Coulomb saved) {
    this.config = config;
    anchor = saved.anchor();
    anchorTime = saved.anchorTime();
    netMah = saved.netMah();
    uncertaintyMah = saved.uncertaintyMah();
    netMwh = saved.netMwh();
    uncertaintyMwh = saved.uncertaintyMwh();
    energyValid = saved.energyValid();
  }

  /** Adds the charge of one interval (+ = into the pack). */
  void addCharge(double mah, double uncertainty) {
    netMah += mah;
    uncertaintyMah += uncertainty;
  }

  void addEnergy(double mwh, double uncertainty) {
    netMwh += mwh;
    uncertaintyMwh += uncertainty;
  }

  /** The pack voltage was unknown over an interval: this segment yields no energy. */
  void loseEnergy() {
    energyValid = false;
  }

  /** The charge over some interval is unknown: no SoC and no segment until the next anchor. */
  void loseAnchor() {
    anchor = Anchor.NONE;
  }

  /** Checks for full and empty after the interval up to {@code r} has been added. */
  void observe(Reading r, Instant time, CapacityLearner learner, PlausibilityFilter filter) {
    if (!r.hasCurrent) {
      return;
    }
    long deadband = config.currentDeadbandMa();
    boolean full = r.hasVoltage && r.voltageMv >= config.packFullMv() && r.currentMa >= -deadband
        && r.currentMa <= config.fullTaperMa();
    long lowest = r.lowestCellMv(config.seriesCells());
    boolean empty = !full && lowest >= 0 && lowest < config.cellEmptyMv() && r.currentMa <= deadband;
    if (full) {
      if (anchor == Anchor.EMPTY) {
        finishSegment(netMah, time, learner, filter);
      }
      reanchor(Anchor.FULL, time);
    } else if (empty) {
      if (anchor == Anchor.FULL) {
        boolean counted = finishSegment(-netMah, time, learner, filter);
        if (counted && energyValid && netMwh < 0) {
          learner.addEnergy(-netMwh, uncertaintyMwh, time);
        }
      }
      reanchor(Anchor.EMPTY, time);
    }
  }

  private boolean finishSegment(double mah, Instant time, CapacityLearner learner, PlausibilityFilter filter) {
    if (!learner.plausible(mah)) {
      filter.count(InputField.SEGMENT_CAPACITY);
      return false;
    }
    learner.addCapacity(mah, uncertaintyMah, time);
    return true;
  }

  private void reanchor(Anchor to, Instant time) {
    anchor = to;
    anchorTime = time;
    netMah = 0;
    uncertaintyMah = 0;
    netMwh = 0;
    uncertaintyMwh = 0;
    energyValid = true;
  }

  /** Own SoC needs an anchor and a capacity to scale the count by. */
  boolean hasSoc(CapacityLearner learner) {
    return anchor != Anchor.NONE && learner.hasCapacity();
  }

  long socCpct(CapacityLearner learner) {
    double capacity = learner.capacityMah();
    double fraction = (anchor == Anchor.FULL ? capacity + netMah : netMah) / capacity;
    return Math.max(0, Math.min(10_000, Math.round(fraction * 10_000)));
  }

  /** Count uncertainty plus the charge counted so far times the capacity's relative uncertainty. */
  long socUncertaintyCpct(CapacityLearner learner) {
    double capacity = learner.capacityMah();
    double relative = learner.capacityUncertaintyMah() / capacity;
    return (long) Math.ceil((uncertaintyMah + Math.abs(netMah) * relative) / capacity * 10_000);
  }

  Anchor anchor() {
    return anchor;
  }

  EstimatorState.Coulomb saved() {
    return new EstimatorState.Coulomb(anchor, anchorTime, netMah, uncertaintyMah, netMwh, uncertaintyMwh,
        energyValid);
  }

  static double mah(double milliampMillis) {
    return milliampMillis / MA_MS_PER_MAH;
  }
}
