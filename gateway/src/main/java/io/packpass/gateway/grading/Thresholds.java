package io.packpass.gateway.grading;

import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Route;
import java.util.List;
import java.util.Set;

/** The thresholds for one category and chemistry, resolved from the rule file's layers. */
public record Thresholds(List<Band> sohBands, int minHistoryReadings, Set<EventType> safetyEvents,
    Set<String> inspectionFindings, long cellVoltageFloorMv, long cellVoltageCautionMv,
    long resistanceIncreaseReuseMaxCpct, long resistanceIncreaseRepurposeMaxCpct, long cellResistanceIncreaseMaxCpct,
    long selfDischargeMaxCpctPerMonth, long deepDischargeReuseMax, long deepDischargeRepurposeMax,
    long extremeTemperatureReuseMaxMin, long extremeTemperatureRepurposeMaxMin, long sohUncertaintyMaxCpct,
    long cellSpreadMaxMv, long cellImbalanceEventsMax) {

  /** An SOH band: from {@code minCpct} up (to the next better band), this route and grade. */
  public record Band(long minCpct, Route route, String grade) {
  }

  public Thresholds {
    sohBands = List.copyOf(sohBands);
    safetyEvents = Set.copyOf(safetyEvents);
    inspectionFindings = Set.copyOf(inspectionFindings);
  }
}
