package io.packpass.cli;

import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.StatusRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A passport as lines of text for terminals. Rows are taken from a reference passport (the full
 * one), so a restricted view shows what it withholds instead of silently dropping the row.
 */
final class PassportText {
  private record Row(String label, Function<Passport, Optional<String>> value) {
  }

  private static final String WITHHELD = "(withheld)";

  private PassportText() {
  }

  static List<String> render(Passport reference, Passport view) {
    List<String> lines = new ArrayList<>();
    for (Row row : rows()) {
      if (row.value() == null) {
        lines.add(row.label());
        continue;
      }
      Optional<String> shown = row.value().apply(view);
      if (shown.isEmpty() && row.value().apply(reference).isEmpty()) {
        continue;
      }
      lines.add("  " + row.label() + ": " + shown.orElse(WITHHELD));
    }
    return lines;
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(section("Identity (public)"));
    rows.add(new Row("passport", p -> Optional.of(p.id().elementString())));
    rows.add(new Row("model", p -> Optional.of(p.model().modelName())));
    rows.add(new Row("manufacturer", p -> Optional.of(p.model().manufacturer().name())));
    rows.add(new Row("category", p -> Optional.of(p.model().category().name())));
    rows.add(new Row("chemistry", p -> Optional.of(p.model().chemistry().label())));
    rows.add(new Row("made", p -> Optional.of(p.item().manufacturingDate() + ", " + p.item().manufacturingPlace())));
    rows.add(new Row("mass", p -> Optional.of(decimal(p.model().massGrams(), 3) + " kg")));
    rows.add(new Row("rated capacity", p -> Optional.of(Quantity.REMAINING_CAPACITY.format(
        p.model().performance().ratedCapacityMah()))));
    rows.add(new Row("rated energy", p -> Optional.of(decimal(p.model().performance().ratedEnergyWh(), 3) + " kWh")));
    rows.add(new Row("extinguishing", p -> p.model().extinguishingAgents().isEmpty() ? Optional.empty()
        : Optional.of(String.join(", ", p.model().extinguishingAgents()))));
    rows.add(new Row("hazardous", p -> p.model().hazardousSubstances().isEmpty() ? Optional.empty()
        : Optional.of(p.model().hazardousSubstances().get(0).name())));
    rows.add(new Row("last update", p -> p.lastUpdate().map(Object::toString)));
    rows.add(section("Legitimate interest"));
    rows.add(new Row("status", p -> p.status().map(PassportText::status)));
    rows.add(new Row("cell layout", p -> p.item().cellLayout()));
    rows.add(new Row("dismantling", p -> p.model().dismantlingInformation().stream().findFirst()));
    rows.add(new Row("negative events", p -> p.events().isEmpty() && p.condition().isEmpty() ? Optional.empty()
        : Optional.of(Integer.toString(p.events().size()))));
    for (Quantity quantity : new Quantity[] {Quantity.STATE_OF_HEALTH, Quantity.STATE_OF_CERTIFIED_ENERGY,
        Quantity.REMAINING_CAPACITY, Quantity.FULL_EQUIVALENT_CYCLES, Quantity.INTERNAL_RESISTANCE,
        Quantity.DEEP_DISCHARGE_EVENTS}) {
      rows.add(new Row(shortLabel(quantity), p -> p.condition().flatMap(c -> value(c, quantity))));
    }
    rows.add(section("Authorities"));
    rows.add(new Row("test reports", p -> p.model().testReports().isEmpty() ? Optional.empty()
        : Optional.of(p.model().testReports().size() + " document(s)")));
    return rows;
  }

  private static Optional<String> value(Condition condition, Quantity quantity) {
    return condition.get(quantity).map(m -> quantity.format(m.value()) + uncertainty(quantity, m));
  }

  private static String uncertainty(Quantity quantity, Measured m) {
    return m.uncertainty() == 0 ? "" : " \u00b1 " + quantity.format(m.uncertainty());
  }

  private static String shortLabel(Quantity quantity) {
    switch (quantity) {
      case STATE_OF_HEALTH:
        return "state of health";
      case STATE_OF_CERTIFIED_ENERGY:
        return "SOCE";
      case FULL_EQUIVALENT_CYCLES:
        return "full cycles";
      case INTERNAL_RESISTANCE:
        return "resistance";
      default:
        return quantity.label();
    }
  }

  private static String status(StatusRecord status) {
    return status.status().value() + " since " + status.time().toString().substring(0, 10);
  }

  private static Row section(String title) {
    return new Row(title, null);
  }

  private static String decimal(long value, int scale) {
    return java.math.BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
  }
}
