package io.packpass.gateway.web;

import io.packpass.core.id.PassportId;
import io.packpass.core.label.Hazard;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Performance;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.Role;
import io.packpass.core.passport.StatusRecord;
import io.packpass.core.passport.Substance;
import io.packpass.core.passport.Tier;
import io.packpass.gateway.registry.RecordState;
import io.packpass.gateway.store.PassportRecord;
import io.packpass.gateway.store.SohSample;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the passport page shows, already decided and formatted. Built only from the passport
 * as the reader's role may see it ({@code PassportView.forRole}), so a field the role may not read is
 * not here to be rendered by mistake. Public facts come first (Annex VI Part A and Annex XIII 1),
 * then the role-gated sections, the SOH and capacity history, the decisions and the label.
 */
public record PassportPage(String title, String elementString, String digitalLink, String roleName,
    Optional<String> signedInAs, String recordState, Optional<String> recordNotice, List<Fact> publicFacts,
    List<String> hazards, List<Section> sections, Optional<SohChart> chart, boolean historyVisible,
    List<DecisionView> decisions, boolean decisionsVisible, List<Fact> lineage, String labelUrl, String signInUrl,
    String jsonUrl) {

  public static final String WHO_MAY = "Shown to persons with a legitimate interest (dismantlers, repairers, graders,"
      + " recyclers and the owner) who sign in with their role certificate or token.";

  /**
   * @param view the record's passport as {@code role} may read it
   * @param soh the SOH history, already empty for a role that may not read condition data
   */
  public static PassportPage of(PassportRecord record, Passport view, Role role, Optional<String> subject,
      List<SohSample> soh, String digitalLink, String labelUrl, String jsonUrl) {
    Model m = view.model();
    boolean li = role.mayRead(Tier.LEGITIMATE_INTEREST);
    List<Fact> facts = new ArrayList<>();
    facts.add(Fact.of("Manufacturer", m.manufacturer().name()));
    facts.add(Fact.of("Model", m.modelName()));
    facts.add(Fact.of("Category", m.category().label()));
    facts.add(Fact.of("Chemistry", m.chemistry().label()));
    facts.add(Fact.of("Mass", String.format(Locale.ROOT, "%.1f kg", m.massGrams() / 1000.0)));
    Performance p = m.performance();
    facts.add(Fact.of("Rated capacity", String.format(Locale.ROOT, "%.1f Ah", p.ratedCapacityMah() / 1000.0)));
    facts.add(Fact.of("Rated energy", String.format(Locale.ROOT, "%.2f kWh", p.ratedEnergyWh() / 1000.0)));
    facts.add(Fact.of("Nominal voltage", String.format(Locale.ROOT, "%.1f V", p.nominalVoltageMv() / 1000.0)));
    facts.add(Fact.of("Extinguishing agent", m.extinguishingAgents().isEmpty() ? "not declared"
        : String.join(", ", m.extinguishingAgents())));
    facts.add(Fact.of("Hazardous substances", m.hazardousSubstances().isEmpty() ? "none declared"
        : m.hazardousSubstances().stream().map(Substance::name).collect(Collectors.joining(", "))));
    if (!m.criticalRawMaterials().isEmpty()) {
      facts.add(Fact.of("Critical raw materials", String.join(", ", m.criticalRawMaterials())));
    }
    facts.add(Fact.of("Manufactured", view.item().manufacturingDate() + " in " + view.item().manufacturingPlace()));
    m.carbonFootprintGramsPerKwh().ifPresent(g -> facts.add(Fact.of("Carbon footprint",
        String.format(Locale.ROOT, "%.1f kg CO2e per kWh", g / 1000.0) + m.carbonFootprintClass().map(c -> ", class " + c)
            .orElse(""))));
    m.declarationOfConformity().ifPresent(u -> facts.add(Fact.link("EU declaration of conformity", u)));
    m.endOfLifeInformation().ifPresent(u -> facts.add(Fact.link("End-of-life information", u)));

    List<String> hazards = new ArrayList<>();
    for (Hazard h : Hazard.of(m)) {
      hazards.add(switch (h) {
        case OTHER_HAZARDOUS_SUBSTANCES -> "Contains hazardous substances: handle as dangerous goods.";
        case CADMIUM_MARK -> "Contains more than 0.002 % cadmium (Cd).";
        case LEAD_MARK -> "Contains more than 0.004 % lead (Pb).";
      });
    }

    List<Section> sections = new ArrayList<>();
    sections.add(new Section("status", "Battery status", li, status(view), WHO_MAY));
    sections.add(new Section("composition", "Composition", li, composition(m), WHO_MAY));
    sections.add(new Section("dismantling", "Dismantling", li, dismantling(view), WHO_MAY));
    sections.add(new Section("safety", "Safety measures", li, safety(view), WHO_MAY));
    sections.add(new Section("condition", "Condition (Annex VII)", li, condition(view.condition()), WHO_MAY));
    sections.add(new Section("events", "Negative events", li, events(view.events()), WHO_MAY));

    List<DecisionView> decisions = new ArrayList<>();
    for (int i = view.decisions().size() - 1; i >= 0; i--) {
      decisions.add(decision(view.decisions().get(i)));
    }
    List<Fact> lineage = new ArrayList<>();
    view.predecessors().forEach(id -> lineage.add(Fact.link("Predecessor", digitalLinkOf(digitalLink, record.id(), id))));
    view.successors().forEach(id -> lineage.add(Fact.link("Successor", digitalLinkOf(digitalLink, record.id(), id))));

    return new PassportPage(m.manufacturer().name() + " " + m.modelName(), record.id().elementString(), digitalLink,
        role == Role.ANONYMOUS ? "public" : role.id(), subject, recordStateText(record),
        recordNotice(record.state()), facts, hazards, sections,
        li ? SohChart.of(soh, p.ratedCapacityMah()) : Optional.empty(), li, decisions, li, lineage, labelUrl,
        "/session?next=" + urlEncode(pathOf(digitalLink)), jsonUrl);
  }

  private static String recordStateText(PassportRecord record) {
    String since = record.stateSince().map(t -> " since " + day(t)).orElse("");
    return switch (record.state()) {
      case ACTIVE -> "Active";
      case SUCCEEDED -> "Succeeded by a new passport" + since;
      case CLOSED -> "Closed: recycled" + since;
    };
  }

  private static Optional<String> recordNotice(RecordState state) {
    return switch (state) {
      case ACTIVE -> Optional.empty();
      case SUCCEEDED -> Optional.of("This battery was repurposed or remanufactured and has a new passport. This page"
          + " is its history.");
      case CLOSED -> Optional.of("This battery was recycled. The passport is closed and kept as history.");
    };
  }

  private static List<Fact> status(Passport view) {
    List<Fact> out = new ArrayList<>();
    for (StatusRecord s : view.statusHistory()) {
      out.add(Fact.of(s.status().value(), day(s.time()) + ", declared by " + s.actor()));
    }
    return out;
  }

  private static List<Fact> composition(Model m) {
    List<Fact> out = new ArrayList<>();
    for (Substance s : m.composition()) {
      out.add(Fact.of(s.component().orElse("material"), s.name() + s.casNumber().map(c -> " (CAS " + c + ")").orElse("")
          + s.shareCpct().map(c -> String.format(Locale.ROOT, ", %.2f %%", c / 100.0)).orElse("")));
    }
    return out;
  }

  private static List<Fact> dismantling(Passport view) {
    List<Fact> out = new ArrayList<>();
    view.model().dismantlingInformation().forEach(u -> out.add(Fact.link("Dismantling information", u)));
    view.model().sparePartSources().forEach(u -> out.add(Fact.of("Spare parts", u)));
    view.item().cellCount().ifPresent(c -> out.add(Fact.of("Cells", Long.toString(c))));
    view.item().cellLayout().ifPresent(c -> out.add(Fact.of("Cell layout", c)));
    view.item().partNumbers().forEach(n -> out.add(Fact.of("Part number", n)));
    return out;
  }

  private static List<Fact> safety(Passport view) {
    List<Fact> out = new ArrayList<>();
    view.model().safetyMeasures().ifPresent(s -> out.add(Fact.of("Safety measures", s)));
    Performance p = view.model().performance();
    out.add(Fact.of("Voltage limits", String.format(Locale.ROOT, "%.1f V to %.1f V", p.minVoltageMv() / 1000.0,
        p.maxVoltageMv() / 1000.0)));
    return out;
  }

  private static List<Fact> condition(Optional<Condition> condition) {
    List<Fact> out = new ArrayList<>();
    condition.ifPresent(c -> {
      for (Map.Entry<Quantity, Measured> e : c.values().entrySet()) {
        Measured v = e.getValue();
        Quantity q = e.getKey();
        out.add(Fact.of(capitalise(q.label()), q.format(v.value())
            + (v.uncertainty() > 0 ? " \u00b1 " + q.format(v.uncertainty()) : "") + " (" + day(v.time()) + ", "
            + v.method() + ")"));
      }
    });
    return out;
  }

  private static List<Fact> events(List<NegativeEvent> events) {
    List<Fact> out = new ArrayList<>();
    for (NegativeEvent e : events) {
      out.add(Fact.of(e.type().id(), day(e.time()) + e.description().map(d -> ": " + d).orElse("")));
    }
    return out;
  }

  private static DecisionView decision(Decision d) {
    List<Fact> reasons = d.reasons().stream().map(r -> Fact.of(r.rule(), r.text())).toList();
    return new DecisionView(d.route().id(), d.grade(), DateTimeFormatter.ISO_INSTANT.format(d.time()), d.grader(),
        d.ruleSet(), d.stateOfHealthCpct().map(SohChart::percent).orElse("not recorded"), reasons);
  }

  private static String day(Instant t) {
    return DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC).format(t);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String digitalLinkOf(String ownLink, PassportId own, PassportId other) {
    String base = ownLink.substring(0, ownLink.indexOf("/01/"));
    return other.digitalLink(base);
  }

  private static String pathOf(String digitalLink) {
    return digitalLink.substring(digitalLink.indexOf("/01/"));
  }

  static String urlEncode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
