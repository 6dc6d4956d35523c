package io.packpass.gateway.grading;

import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Route;
import io.packpass.gateway.grading.GradingResult.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ordered rule chain (ARCHITECTURE.md §6, registry-labels.md A4): traceability, safety events and
 * inspection, cell voltage floor, calendar expiry, then the SOH band, resistance growth, self-discharge,
 * deep-discharge and extreme-temperature history, BMS/estimate disagreement, cell imbalance. The SOH
 * band sets route and grade; every other rule that fires caps them (route order: reuse, repurpose,
 * remanufacture, recycle; grades A to E). Every rule is reported with its data, fired or not, so the
 * decision can be re-checked. Pure: same input, same result.
 */
public final class Grader {
  private Grader() {
  }

  private static final List<Route> ORDER = List.of(Route.REUSE, Route.REPURPOSE, Route.REMANUFACTURE, Route.RECYCLE);

  public static GradingResult evaluate(RuleSet rules, GradingInput in) {
    Thresholds t = rules.thresholds(in.category(), in.chemistry());
    List<Finding> out = new ArrayList<>();

    // 1. traceability (IEC 63338): no lifetime record, no second life
    boolean untraced = in.readings() < t.minHistoryReadings();
    out.add(finding("traceability", untraced, Route.RECYCLE, "E", "the registry holds " + in.readings()
        + " signed readings of this pack before the fresh one (at least " + t.minHistoryReadings() + " needed)"));

    // 2. safety events and inspection
    List<NegativeEvent> safety = in.events().stream().filter(e -> t.safetyEvents().contains(e.type())).toList();
    Set<String> found = new TreeSet<>(in.findings());
    found.retainAll(t.inspectionFindings());
    Set<String> unknown = new TreeSet<>(in.findings());
    unknown.removeAll(t.inspectionFindings());
    boolean unsafe = !safety.isEmpty() || !found.isEmpty();
    out.add(finding("safety-events", unsafe, Route.RECYCLE, "E", (safety.isEmpty() ? "no safety-critical event"
        : safety.size() + " safety-critical event(s): " + safety.stream().map(e -> e.type().id() + " "
            + e.time()).toList()) + "; inspection: " + (in.findings().isEmpty() ? "nothing reported" : in.findings())
        + (unknown.isEmpty() ? "" : " (" + unknown + " not in the rule file's findings)")));

    // 3. cell voltage floor
    if (in.minCellMv().isPresent()) {
      long mv = in.minCellMv().getAsLong();
      boolean below = mv < t.cellVoltageFloorMv();
      boolean caution = !below && mv < t.cellVoltageCautionMv();
      out.add(new Finding("cell-voltage-floor", below || caution,
          below ? Optional.of(Route.RECYCLE) : caution ? Optional.of(Route.REPURPOSE) : Optional.empty(),
          below ? Optional.of("E") : caution ? Optional.of("D") : Optional.empty(),
          "lowest cell " + mv + " mV at rest; floor " + t.cellVoltageFloorMv() + " mV (recycle below), caution "
              + t.cellVoltageCautionMv() + " mV (repurpose at best below)"));
    } else {
      out.add(notFired("cell-voltage-floor", "not measured (the lowest cell voltage at rest was not given)"));
    }

    // 4. calendar expiry (UL 1974 2nd ed.)
    boolean expired = in.calendarExpiry().map(d -> d.isBefore(in.today())).orElse(false);
    out.add(finding("calendar-expiry", expired, Route.RECYCLE, "E", in.calendarExpiry()
        .map(d -> "expected lifetime ends " + d).orElse("no expected lifetime in the passport")));

    // 5. SOH band: the base route and grade
    Route route;
    String grade;
    if (in.soh().isEmpty()) {
      route = Route.RECYCLE;
      grade = "E";
      out.add(new Finding("soh-band", true, Optional.of(Route.RECYCLE), Optional.of("E"),
          "no state of health: the pack cannot be graded"));
    } else {
      long soh = in.soh().get().value();
      Optional<Thresholds.Band> band = t.sohBands().stream().filter(b -> soh >= b.minCpct()).findFirst();
      route = band.map(Thresholds.Band::route).orElse(Route.RECYCLE);
      grade = band.map(Thresholds.Band::grade).orElse("E");
      out.add(new Finding("soh-band", true, Optional.of(route), Optional.of(grade), "state of health "
          + pct(soh) + " (" + in.soh().get().method() + ", \u00b1" + pct(in.soh().get().uncertainty()) + "): "
          + band.map(b -> "band from " + pct(b.minCpct()) + ", " + b.route().id() + " grade " + b.grade())
              .orElse("below the lowest band " + pct(t.sohBands().get(t.sohBands().size() - 1).minCpct()))));
    }

    // 6. resistance growth
    OptionalLong r = in.resistanceIncreaseCpct();
    boolean rRecycle = r.isPresent() && r.getAsLong() > t.resistanceIncreaseRepurposeMaxCpct();
    boolean rRepurpose = !rRecycle && r.isPresent() && r.getAsLong() > t.resistanceIncreaseReuseMaxCpct();
    out.add(new Finding("resistance-growth", rRecycle || rRepurpose,
        rRecycle ? Optional.of(Route.RECYCLE) : rRepurpose ? Optional.of(Route.REPURPOSE) : Optional.empty(),
        rRecycle ? Optional.of("E") : Optional.empty(), r.isPresent() ? "pack resistance +" + pct(r.getAsLong())
            + " over initial; reuse up to +" + pct(t.resistanceIncreaseReuseMaxCpct()) + ", repurpose up to +"
            + pct(t.resistanceIncreaseRepurposeMaxCpct()) : "no resistance figure"));
    OptionalLong cr = in.cellResistanceIncreaseCpct();
    boolean weakCell = cr.isPresent() && cr.getAsLong() > t.cellResistanceIncreaseMaxCpct();
    out.add(finding("cell-resistance", weakCell, Route.REMANUFACTURE, null, cr.isPresent()
        ? "weakest cell +" + pct(cr.getAsLong()) + " over initial (limit +" + pct(t.cellResistanceIncreaseMaxCpct())
            + ")" : "no cell resistance figure"));

    // 7. self-discharge
    OptionalLong sd = in.selfDischargeCpctPerMonth();
    boolean leaky = sd.isPresent() && sd.getAsLong() > t.selfDischargeMaxCpctPerMonth();
    out.add(finding("self-discharge", leaky, Route.RECYCLE, "E", sd.isPresent() ? "self-discharge "
        + pct(sd.getAsLong()) + "/month (limit " + pct(t.selfDischargeMaxCpctPerMonth()) + "/month)"
        : "no self-discharge figure"));

    // 8. deep-discharge and extreme-temperature history
    long dd = in.deepDischarges();
    out.add(new Finding("deep-discharge-history", dd > t.deepDischargeReuseMax(),
        dd > t.deepDischargeRepurposeMax() ? Optional.of(Route.RECYCLE)
            : dd > t.deepDischargeReuseMax() ? Optional.of(Route.REPURPOSE) : Optional.empty(),
        dd > t.deepDischargeRepurposeMax() ? Optional.of("E") : Optional.empty(), dd + " deep-discharge event(s);"
            + " reuse up to " + t.deepDischargeReuseMax() + ", repurpose up to " + t.deepDischargeRepurposeMax()));
    long et = in.extremeTemperatureMin();
    out.add(new Finding("extreme-temperature-history", et > t.extremeTemperatureReuseMaxMin(),
        et > t.extremeTemperatureRepurposeMaxMin() ? Optional.of(Route.RECYCLE)
            : et > t.extremeTemperatureReuseMaxMin() ? Optional.of(Route.REPURPOSE) : Optional.empty(),
        et > t.extremeTemperatureRepurposeMaxMin() ? Optional.of("E") : Optional.empty(), et
            + " min at or charging at extreme temperature; reuse up to " + t.extremeTemperatureReuseMaxMin()
            + " min, repurpose up to " + t.extremeTemperatureRepurposeMaxMin() + " min"));

    // 9. BMS / estimate disagreement
    long uncertainty = in.soh().map(m -> m.uncertainty()).orElse(0L);
    boolean doubt = in.bmsDisagrees() || uncertainty > t.sohUncertaintyMaxCpct();
    out.add(finding("bms-disagreement", doubt, Route.REPURPOSE, "C", (in.bmsDisagrees()
        ? "the agent flagged the BMS's SOH as disagreeing with its own estimate" : "no BMS disagreement flagged")
        + "; SOH uncertainty \u00b1" + pct(uncertainty) + " (limit \u00b1" + pct(t.sohUncertaintyMaxCpct()) + ")"));

    // 10. cell imbalance
    boolean spread = in.cellSpreadMv().isPresent() && in.cellSpreadMv().getAsLong() > t.cellSpreadMaxMv();
    boolean events = in.imbalanceEvents() > t.cellImbalanceEventsMax();
    out.add(finding("cell-imbalance", spread || events, Route.REMANUFACTURE, null, in.imbalanceEvents()
        + " cell-imbalance event(s) (limit " + t.cellImbalanceEventsMax() + "); spread at rest "
        + (in.cellSpreadMv().isPresent() ? in.cellSpreadMv().getAsLong() + " mV" : "not measured") + " (limit "
        + t.cellSpreadMaxMv() + " mV)"));

    for (Finding f : out) {
      if (f.fired() && f.cap().isPresent() && ORDER.indexOf(f.cap().get()) > ORDER.indexOf(route)) {
        route = f.cap().get();
      }
      if (f.fired() && f.gradeCap().isPresent() && f.gradeCap().get().compareTo(grade) > 0) {
        grade = f.gradeCap().get();
      }
    }
    if (route == Route.RECYCLE) {
      grade = "E";
    }
    return new GradingResult(rules.id(), route, grade, in.soh().map(m -> m.value()), out);
  }

  private static Finding finding(String rule, boolean fired, Route cap, String gradeCap, String text) {
    return new Finding(rule, fired, fired ? Optional.of(cap) : Optional.empty(),
        fired ? Optional.ofNullable(gradeCap) : Optional.empty(), text);
  }

  private static Finding notFired(String rule, String text) {
    return new Finding(rule, false, Optional.empty(), Optional.empty(), text);
  }

  static String pct(long cpct) {
    return String.format(Locale.ROOT, "%.2f %%", cpct / 100.0);
  }
}
