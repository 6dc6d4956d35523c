package io.packpass.agent.estimate;

import io.packpass.core.passport.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares the SOH the BMS reports (its SOH register, or else full-charge capacity / configured design
 * capacity as packbus.md 8.1 defines it) with itself over time and with the estimator's own
 * capacity-based SOH. A used pack's SOH must not be taken on trust: a BMS that was reset, replaced or
 * tampered with shows one of these patterns.
 *
 * <ul>
 *   <li><b>jump</b>: |change| between consecutive BMS readings above {@code jumpCpct} (default 3 %
 *       points). Latched with the latest such pair as evidence.
 *   <li><b>rising</b>: a BMS reading more than {@code risingCpct} (default 2 % points) above the lowest
 *       earlier reading. Capacity does not recover materially; a small temperature-driven wobble stays
 *       below the threshold. Latched with the first such pair.
 *   <li><b>stuck</b>: the BMS value bit-identical for at least {@code stuckDuration} (default 90 days) or
 *       {@code stuckCycles} full equivalent cycles (default 50), while the own SOH moved by more than
 *       its own uncertainty since the BMS value last changed. Without an own estimate a constant value
 *       is indistinguishable from a healthy young pack, so it is not flagged. Evaluated on each report.
 *   <li><b>disagrees</b>: |latest BMS SOH - own SOH| above {@code disagreementCpct} (default 5 % points)
 *       plus the own uncertainty, once an own estimate exists. Evaluated on each report.
 * </ul>
 */
final class BmsCrossCheck {
  private final EstimatorConfig config;
  private boolean hasLast;
  private long lastCpct;
  private Instant lastTime;
  private boolean lastFromFcc;
  private long minCpct;
  private Instant minTime;
  private Instant unchangedSince;
  private double cyclesAtChange;
  private long ownAtChangeCpct;
  private Instant ownAtChangeTime;
  private Flag jump;
  private Flag rising;

  BmsCrossCheck(EstimatorConfig config, EstimatorState.CrossCheck saved) {
    this.config = config;
    hasLast = saved.lastTime() != null;
    lastCpct = saved.lastCpct();
    lastTime = saved.lastTime();
    lastFromFcc = saved.lastFromFcc();
    minCpct = saved.minCpct();
    minTime = saved.minTime();
    unchangedSince = saved.unchangedSince();
    cyclesAtChange = saved.cyclesAtChange();
    ownAtChangeCpct = saved.ownAtChangeCpct();
    ownAtChangeTime = saved.ownAtChangeTime();
    jump = saved.jump();
    rising = saved.rising();
  }

  /**
   * @param ownCpct own SOH (uncapped) or -1 when there is no own estimate yet
   */
  void observe(Reading r, Instant time, double cycles, long ownCpct, Instant ownTime) {
    if (!r.hasBmsSoh) {
      return;
    }
    long v = r.bmsSohCpct;
    String source = r.bmsSohFromFcc ? "BMS FCC/design" : "BMS SOH";
    if (!hasLast) {
      markChange(time, cycles, ownCpct, ownTime);
      minCpct = v;
      minTime = time;
    } else {
      if (Math.abs(v - lastCpct) > config.jumpCpct()) {
        jump = new Flag(FlagType.BMS_SOH_JUMP, v, time, lastCpct, lastTime, source + " jumped from "
            + percent(lastCpct) + " to " + percent(v) + ", more than " + percent(config.jumpCpct()) + " in one step");
      }
      if (v != lastCpct) {
        markChange(time, cycles, ownCpct, ownTime);
      }
      if (rising == null && v > minCpct + config.risingCpct()) {
        rising = new Flag(FlagType.BMS_SOH_RISING, v, time, minCpct, minTime, source + " rose to " + percent(v)
            + " from its lowest " + percent(minCpct) + ", more than " + percent(config.risingCpct()));
      }
      if (v < minCpct) {
        minCpct = v;
        minTime = time;
      }
    }
    if (ownAtChangeCpct < 0 && ownCpct >= 0) {
      ownAtChangeCpct = ownCpct;
      ownAtChangeTime = ownTime;
    }
    hasLast = true;
    lastCpct = v;
    lastTime = time;
    lastFromFcc = r.bmsSohFromFcc;
  }

  private void markChange(Instant time, double cycles, long ownCpct, Instant ownTime) {
    unchangedSince = time;
    cyclesAtChange = cycles;
    ownAtChangeCpct = ownCpct;
    ownAtChangeTime = ownCpct >= 0 ? ownTime : null;
  }

  /** Latched and currently true flags, in {@link FlagType} order. */
  List<Flag> flags(Instant now, double cycles, long ownCpct, long ownUncertaintyCpct, Instant ownTime) {
    List<Flag> flags = new ArrayList<>(4);
    if (hasLast && ownCpct >= 0 && ownAtChangeCpct >= 0) {
      Duration unchanged = Duration.between(unchangedSince, now);
      double cyclesUnchanged = cycles - cyclesAtChange;
      long moved = Math.abs(ownCpct - ownAtChangeCpct);
      if ((unchanged.compareTo(config.stuckDuration()) >= 0 || cyclesUnchanged >= config.stuckCycles())
          && moved > ownUncertaintyCpct) {
        flags.add(new Flag(FlagType.BMS_SOH_STUCK, lastCpct, unchangedSince, ownCpct, ownTime,
            String.format(Locale.ROOT, "%s at %s unchanged for %d days and %.1f cycles while the own "
                + "estimate moved from %s to %s (+/- %s)", lastFromFcc ? "BMS FCC/design" : "BMS SOH",
                percent(lastCpct), unchanged.toDays(), cyclesUnchanged, percent(ownAtChangeCpct), percent(ownCpct),
                percent(ownUncertaintyCpct))));
      }
    }
    if (rising != null) {
      flags.add(rising);
    }
    if (jump != null) {
      flags.add(jump);
    }
    if (hasLast && ownCpct >= 0 && Math.abs(lastCpct - ownCpct) > config.disagreementCpct() + ownUncertaintyCpct) {
      flags.add(new Flag(FlagType.BMS_SOH_DISAGREES, lastCpct, lastTime, ownCpct, ownTime,
          (lastFromFcc ? "BMS FCC/design " : "BMS SOH ") + percent(lastCpct) + " vs own " + percent(ownCpct)
              + " (+/- " + percent(ownUncertaintyCpct) + "), beyond " + percent(config.disagreementCpct())));
    }
    return flags;
  }

  static String percent(long cpct) {
    return Quantity.STATE_OF_HEALTH.format(cpct);
  }

  EstimatorState.CrossCheck saved() {
    return new EstimatorState.CrossCheck(lastCpct, lastTime, lastFromFcc, minCpct, minTime, unchangedSince,
        cyclesAtChange, ownAtChangeCpct, ownAtChangeTime, jump, rising);
  }
}
