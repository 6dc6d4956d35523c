package io.packpass.gateway.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Route;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled rule file as a table: inputs in, route, grade and the rules that fired out. */
class GraderTest {
  private static final RuleSet RULES = RuleSetLoader.bundled();
  private static final Instant NOW = Instant.parse("2027-06-01T12:00:00Z");

  private static OptionalLong opt(String s) {
    return s.equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
  }

  private static Category category(String key) {
    return Arrays.stream(Category.values()).filter(c -> RuleSetLoader.categoryKey(c).equals(key)).findFirst()
        .orElseThrow();
  }

  private static Chemistry chemistry(String label) {
    return Arrays.stream(Chemistry.values()).filter(c -> c.label().equals(label)).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0} {1} soh {2}: {11} {12} [{13}]")
  @CsvSource(delimiter = '|', value = {
      // category | chemistry | soh | sohUnc | resistance+ | deep | extreme min | min cell mV | spread mV | event/finding | readings || route | grade | fired
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 3600 | 10 | - | 10 | reuse | A | soh-band",
      "EV | Li-ion NMC | 8500 | 150 | 1000 | 0 | 0 | 3600 | 10 | - | 10 | reuse | B | soh-band",
      "EV | Li-ion NMC | 7500 | 150 | 1000 | 0 | 0 | 3600 | 10 | - | 10 | repurpose | C | soh-band",
      "EV | Li-ion NMC | 6500 | 150 | 1000 | 0 | 0 | 3600 | 10 | - | 10 | repurpose | D | soh-band",
      "EV | Li-ion NMC | 5500 | 150 | 1000 | 0 | 0 | 3600 | 10 | - | 10 | recycle | E | soh-band",
      // LMT has no D band; stationary keeps reuse down to 75 %
      "LMT | Li-ion NMC | 6500 | 150 | 1000 | 0 | 0 | 3600 | 10 | - | 10 | recycle | E | soh-band",
      "stationary | Li-ion LFP | 7800 | 150 | 1000 | 0 | 0 | 3300 | 10 | - | 10 | reuse | B | soh-band",
      // safety first: events and inspection findings recycle a healthy pack
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 3600 | 10 | event:accident | 10 | recycle | E | soh-band safety-events",
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 3600 | 10 | finding:swelling | 10 | recycle | E | soh-band safety-events",
      // cell voltage floor per chemistry: 2.2 V is below NMC's floor (2.5 V) but only in LFP's caution band
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 2200 | 10 | - | 10 | recycle | E | cell-voltage-floor soh-band",
      "EV | Li-ion LFP | 9500 | 150 | 1000 | 0 | 0 | 2200 | 10 | - | 10 | repurpose | D | cell-voltage-floor soh-band",
      // resistance growth: +55 % caps NMC at repurpose, the EV/LFP override allows +60 %; +150 % recycles
      "EV | Li-ion NMC | 9500 | 150 | 5500 | 0 | 0 | 3600 | 10 | - | 10 | repurpose | A | soh-band resistance-growth",
      "EV | Li-ion LFP | 9500 | 150 | 5500 | 0 | 0 | 3300 | 10 | - | 10 | reuse | A | soh-band",
      "EV | Li-ion NMC | 9500 | 150 | 15000 | 0 | 0 | 3600 | 10 | - | 10 | recycle | E | soh-band resistance-growth",
      // deep discharge and temperature history
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 2 | 0 | 3600 | 10 | - | 10 | repurpose | A | soh-band deep-discharge-history",
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 5 | 0 | 3600 | 10 | - | 10 | recycle | E | soh-band deep-discharge-history",
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 900 | 3600 | 10 | - | 10 | repurpose | A | soh-band extreme-temperature-history",
      // BMS disagreement and a wide SOH estimate: repurpose at best, grade C at best
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 3600 | 10 | event:bms-disagrees | 10 | repurpose | C | soh-band bms-disagreement",
      "EV | Li-ion NMC | 9500 | 800 | 1000 | 0 | 0 | 3600 | 10 | - | 10 | repurpose | C | soh-band bms-disagreement",
      // cell imbalance: remanufacture (replace or rebalance modules)
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 3600 | 80 | - | 10 | remanufacture | A | soh-band cell-imbalance",
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 3600 | 10 | event:cell-imbalance | 10 | remanufacture | A | soh-band cell-imbalance",
      // no traceability record, no second life (IEC 63338)
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | 3600 | 10 | - | 0 | recycle | E | traceability soh-band",
      // not measured is said, not guessed
      "EV | Li-ion NMC | 9500 | 150 | 1000 | 0 | 0 | - | - | - | 10 | reuse | A | soh-band",
  })
  void the_rule_chain_routes_and_grades_as_the_rule_file_says(String category, String chemistry, long soh,
      long uncertainty, long resistance, long deep, long extreme, String minCell, String spread, String extra,
      long readings, String route, String grade, String fired) {
    List<NegativeEvent> events = new ArrayList<>();
    Set<String> findings = Set.of();
    boolean disagrees = false;
    if (extra.startsWith("event:bms-disagrees")) {
      disagrees = true;
    } else if (extra.startsWith("event:")) {
      EventType type = Arrays.stream(EventType.values()).filter(t -> t.id().equals(extra.substring(6))).findFirst()
          .orElseThrow();
      events.add(new NegativeEvent(type, NOW.minusSeconds(86_400), Optional.of("test")));
    } else if (extra.startsWith("finding:")) {
      findings = Set.of(extra.substring(8));
    }
    long imbalance = events.stream().filter(e -> e.type() == EventType.CELL_IMBALANCE).count();
    GradingInput in = new GradingInput(category(category), chemistry(chemistry), readings,
        Optional.of(new Measured(soh, NOW, "coulomb-counting/1", uncertainty)), OptionalLong.of(resistance),
        OptionalLong.empty(), OptionalLong.of(100), deep, extreme, events, disagrees, imbalance, opt(minCell),
        opt(spread), findings, Optional.of(LocalDate.of(2036, 1, 1)), NOW);
    GradingResult result = Grader.evaluate(RULES, in);
    assertThat(result.route()).isEqualTo(Route.valueOf(route.toUpperCase(java.util.Locale.ROOT)));
    assertThat(result.grade()).isEqualTo(grade);
    assertThat(result.fired()).extracting(GradingResult.Finding::rule)
        .containsExactlyInAnyOrder(fired.split(" "));
    assertThat(result.findings()).as("every rule of the chain is reported, in order").extracting(GradingResult.Finding::rule)
        .containsExactly("traceability", "safety-events", "cell-voltage-floor", "calendar-expiry", "soh-band",
            "resistance-growth", "cell-resistance", "self-discharge", "deep-discharge-history",
            "extreme-temperature-history", "bms-disagreement", "cell-imbalance");
    assertThat(result.ruleSet()).isEqualTo("packpass-grading/2026.1");
  }

  @Test
  void a_pack_past_its_expected_lifetime_is_not_given_a_second_life() {
    GradingInput in = new GradingInput(Category.EV, Chemistry.LI_ION_NMC, 10,
        Optional.of(new Measured(9_500, NOW, "m", 100)), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        0, 0, List.of(), false, 0, OptionalLong.empty(), OptionalLong.empty(), Set.of(),
        Optional.of(LocalDate.of(2027, 1, 1)), NOW);
    GradingResult r = Grader.evaluate(RULES, in);
    assertThat(r.route()).isEqualTo(Route.RECYCLE);
    assertThat(r.fired()).extracting(GradingResult.Finding::rule).contains("calendar-expiry");
    assertThat(r.fired().stream().filter(f -> f.rule().equals("calendar-expiry")).findFirst().orElseThrow().text())
        .contains("2027-01-01");
  }

  @Test
  void every_fired_rule_says_the_data_it_used() {
    GradingInput in = new GradingInput(Category.EV, Chemistry.LI_ION_NMC, 10,
        Optional.of(new Measured(7_412, NOW, "coulomb-counting/1", 150)), OptionalLong.of(5_500), OptionalLong.empty(),
        OptionalLong.empty(), 2, 0, List.of(), false, 0, OptionalLong.of(3_123), OptionalLong.empty(), Set.of(),
        Optional.empty(), NOW);
    GradingResult r = Grader.evaluate(RULES, in);
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("soh-band")).first()
        .extracting(GradingResult.Finding::text).asString().contains("74.12 %");
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("resistance-growth")).first()
        .extracting(GradingResult.Finding::text).asString().contains("+55.00 %");
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("cell-voltage-floor")).first()
        .extracting(GradingResult.Finding::text).asString().contains("3123 mV");
  }

  @Test
  void a_bad_rule_file_is_refused_at_load_naming_the_key() {
    String base = "ruleSet: t\nversion: '1'\ndefaults:\n  sohBands: [{minCpct: 8000, route: reuse, grade: A}]\n";
    assertThatThrownBy(() -> RuleSetLoader.parse("r.yaml", base)).isInstanceOf(RuleSetException.class)
        .hasMessageContaining("r.yaml: defaults.").hasMessageContaining("required");
    String yaml = bundledText();
    assertThatThrownBy(() -> RuleSetLoader.parse("r.yaml", yaml.replace("minCpct: 8000, route: reuse, grade: B",
        "minCpct: 9500, route: reuse, grade: B"))).hasMessageContaining("defaults.sohBands[1].minCpct");
    assertThatThrownBy(() -> RuleSetLoader.parse("r.yaml", yaml.replace("cellSpreadMaxMv: 40", "cellSpreadMaxMV: 40")))
        .hasMessageContaining("chemistries.Li-ion LFP.cellSpreadMaxMV: unknown key");
    assertThatThrownBy(() -> RuleSetLoader.parse("r.yaml", yaml.replace("Li-ion NCA:", "Li-ion XYZ:")))
        .hasMessageContaining("chemistries.Li-ion XYZ: unknown chemistry");
    assertThatThrownBy(() -> RuleSetLoader.parse("r.yaml", yaml.replace("grade: C}", "grade: F}")))
        .hasMessageContaining("grades are A (best) to E");
  }

  private static String bundledText() {
    try (var in = RuleSetLoader.class.getResourceAsStream(RuleSetLoader.BUNDLED)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
