package io.packpass.core.export;

import static io.packpass.core.export.Section.object;

import io.packpass.core.export.Normalisation.Life;
import io.packpass.core.passport.CarbonFootprintStages;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.HeavyMetals;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Party;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Performance;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.Substance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The passport as a Catena-X {@code io.catenax.battery.battery_pass} 6.1.0 aspect (JSON Schema
 * draft-04, {@code urn:samm:io.catenax.battery.battery_pass:6.1.0#BatteryPass}).
 *
 * <p>Exports the passport it is given: pass {@code PassportView.forRole(passport, role)} and the
 * export holds what that role may read and nothing else. Fields the schema requires but the view
 * (or the {@link ExportContext}) does not supply are left out and listed, never made up;
 * {@link #toJson} refuses such a partial document. The field-by-field mapping, every derivation and
 * what Catena-X cannot carry are in {@code docs/exports.md}; units and spellings come from
 * {@link Normalisation}.
 */
public final class CatenaXExport {
  public static final String TARGET = "Catena-X battery_pass 6.1.0";
  public static final String SPEC_VERSION = "urn:io.catenax.battery.battery_pass:6.1.0";

  /** The data carrier every passport battery bears (Art. 13(6)) and what it encodes (ARCHITECTURE §3). */
  static final String CARRIER_LAYOUT = "QR code (ISO/IEC 18004) on the battery encoding the GS1 Digital Link URI";
  static final String ACTIVE_MATERIAL_LOCATION = "active materials";
  static final String PRODUCT_LEVEL_LOCATION = "battery (declared product-level concentration)";

  private static final String URL = "URL";
  private static final String TEXT = "text";

  private CatenaXExport() {
  }

  /** The document and what it could not carry; never throws for missing data. */
  public static ExportResult export(Passport passport, ExportContext context) {
    Objects.requireNonNull(passport, "passport");
    Objects.requireNonNull(context, "context");
    return new Writer(passport, context).write();
  }

  /**
   * The complete document.
   *
   * @throws ExportException naming every required field the passport or context does not supply
   */
  public static String toJson(Passport passport, ExportContext context) {
    return export(passport, context).requireComplete();
  }

  private static final class Writer {
    private final Passport passport;
    private final ExportContext context;
    private final Model model;
    private final Performance performance;
    private final Item item;
    private final List<ExportIssue> issues = new ArrayList<>();
    private final Section root = Section.root("", issues);

    Writer(Passport passport, ExportContext context) {
      this.passport = passport;
      this.context = context;
      this.model = passport.model();
      this.performance = model.performance();
      this.item = passport.item();
    }

    ExportResult write() {
      root.put("specVersion", SPEC_VERSION);
      metadata(root.section("metadata"));
      identification(root.section("identification"));
      operation(root.section("operation"));
      characteristics(root.section("characteristics"));
      root.section("commercial").put("purpose", List.of(Normalisation.catenaXPurpose(model.category())));
      // Spare-part sources are text in PackPass, not BPNLs and part ids: they go to sources[].
      root.section("handling").put("applicable", true)
          .put("content", object("producer", List.of(), "sparePart", List.of()));
      sustainability(root.section("sustainability"));
      materials(root.section("materials"));
      performance(root.section("performance"));
      conformity(root.section("conformity"));
      safety(root.section("safety"));
      List<Object> sources = sources();
      if (!sources.isEmpty()) {
        root.put("sources", sources);
      }
      return new ExportResult(TARGET, root.toJson(), issues);
    }

    private void metadata(Section m) {
      m.put("passportIdentifier", Normalisation.catenaXPassportId(passport.id(), context.resolverBase()));
      m.require("version", passport.lastUpdate().map(Normalisation::dateTime), "Passport.lastUpdate");
      context.passportExpiry()
          .filter(expiry -> Normalisation.date(context.exportTime()).compareTo(Normalisation.date(expiry)) > 0)
          .ifPresent(expired -> m.put("status", "expired"));
      m.require("issueDate", passport.statusHistory().stream().findFirst().map(r -> Normalisation.date(r.time())),
          "Passport.statusHistory[0].time (birth record)");
      m.require("expirationDate", context.passportExpiry().map(Normalisation::date), "ExportContext.passportExpiry",
          "not set");
      bpnl(m, "economicOperatorId", item.economicOperator(), "Item.economicOperator");
      if (legitimateInterestVisible()) {
        m.put("predecessor", passport.predecessors().stream().findFirst()
            .map(p -> Normalisation.catenaXPassportId(p, context.resolverBase()))
            .orElse(Normalisation.NIL_UUID_URN));
      } else {
        m.missing("predecessor", "Passport.predecessors",
            "legitimate-interest data not visible to this reader, so whether there is a predecessor is unknown");
      }
      m.require("backupReference", context.backupReference(), "ExportContext.backupReference", "not set");
      m.putIfPresent("lastModification", passport.lastUpdate().map(Normalisation::date));
    }

    private void identification(Section s) {
      s.put("category", Normalisation.catenaXCategory(model.category()));
      s.put("idDmc", Normalisation.batteryPassReadyPassportId(passport.id(), context.resolverBase()));
      s.put("chemistry", Normalisation.chemistry(model.chemistry()));
      Section id = s.section("identification");
      id.put("serial", List.of(object("key", "partInstanceId", "value", passport.id().serial().value())));
      item.batch().ifPresent(batch -> id.put("batch", List.of(object("key", "batchId", "value", batch))));
      String gtin = passport.id().gtin().digits();
      id.put("type", object("manufacturerPartId", gtin, "nameAtManufacturer", model.modelName()));
      id.put("codes", List.of(object("key", "GTIN", "value", gtin)));
      id.put("dataCarrier", object("carrierType", "QR", "carrierLayout", CARRIER_LAYOUT));
      id.put("classification", List.of());
    }

    private void operation(Section s) {
      s.putIfPresent("intoServiceDate", item.putIntoService().map(Normalisation::date));
      Section manufacturer = s.section("manufacturer");
      manufacturer.put("facility", facilities());
      bpnl(manufacturer, "manufacturer", Optional.of(model.manufacturer()), "Model.manufacturer");
      manufacturer.put("manufacturingDate", Normalisation.date(item.manufacturingDate()));
    }

    private void characteristics(Section s) {
      s.require("warranty", performance.warrantyMonths().map(months -> {
        Life life = Normalisation.catenaXWarranty(months);
        return object("lifeValue", life.value(), "lifeUnit", life.unit());
      }), "Model.performance.warrantyMonths");
      s.section("physicalDimension").put("weight", object("value", Normalisation.kilograms(model.massGrams()),
          "unit", Normalisation.CATENAX_KILOGRAM));
    }

    private void sustainability(Section s) {
      Section documents = s.section("documents");
      List<Object> endOfLife = model.endOfLifeInformation()
          .map(uri -> List.<Object>of(document(URL, "End-of-life information (Art. 74(1))", uri))).orElse(List.of());
      documents.put("separateCollection", endOfLife);
      documents.put("wastePrevention", endOfLife);
      s.put("carbonFootprint", carbonFootprints());
      s.require("status", passport.status().map(r -> Normalisation.status(r.status())), "Passport.statusHistory");
    }

    private List<Object> carbonFootprints() {
      List<Object> footprints = new ArrayList<>();
      model.carbonFootprintGramsPerKwh().ifPresent(total -> {
        Map<String, Object> entry = footprint(total, "all life-cycle stages (raw material acquisition and "
            + "pre-processing, main product production, distribution, end of life and recycling)");
        model.carbonFootprintClass().ifPresent(c -> entry.put("performanceClass", c));
        footprints.add(entry);
      });
      model.carbonFootprintStages().ifPresent(stages -> stages(stages, footprints));
      return footprints;
    }

    private void stages(CarbonFootprintStages stages, List<Object> footprints) {
      footprints.add(footprint(stages.rawMaterialGramsPerKwh(), "raw material acquisition and pre-processing"));
      footprints.add(footprint(stages.productionGramsPerKwh(), "main product production"));
      footprints.add(footprint(stages.distributionGramsPerKwh(), "distribution"));
      // Catena-X footprint values are >= 0; a net recycling credit has no place there (docs/exports.md).
      if (stages.endOfLifeGramsPerKwh() >= 0) {
        footprints.add(footprint(stages.endOfLifeGramsPerKwh(), "end of life and recycling"));
      }
    }

    private Map<String, Object> footprint(long gramsPerKwh, String lifecycle) {
      return object("value", Normalisation.kilogramsCo2ePerKwh(gramsPerKwh), "unit",
          Normalisation.CARBON_FOOTPRINT_UNIT, "type", "Climate Change Total", "lifecycle", lifecycle,
          "manufacturingPlant", facilities(), "rulebook", List.of(), "declaration", List.of());
    }

    private void materials(Section s) {
      Section active = s.section("active");
      Optional<HeavyMetals> metals = model.heavyMetals();
      for (String material : List.of("nickel", "lithium", "cobalt")) {
        active.require(material, recycled(material).map(recycled -> object("location",
            ACTIVE_MATERIAL_LOCATION, "recycled", recycled, "documentation", List.of(), "critical", critical(material))),
            "Model.recycledContent[" + material + "]", whyNoRecycled(material));
      }
      // Catena-X describes lead the same way under active and hazardous materials: content and recycled share.
      Optional<Object> lead = recycled("lead").flatMap(recycled -> metals.map(m -> {
        Map<String, Object> entry = heavyMetal(m.leadPpm(), "lead");
        entry.put("recycled", recycled);
        return entry;
      }));
      String leadSource = "Model.recycledContent[lead] and Model.heavyMetals.leadPpm";
      String leadDetail = recycled("lead").isEmpty() ? whyNoRecycled("lead") : "no declared lead content";
      active.require("lead", lead, leadSource, leadDetail);
      Section hazardous = s.section("hazardous");
      hazardous.require("cadmium", metals.map(m -> heavyMetal(m.cadmiumPpm(), "cadmium")),
          "Model.heavyMetals.cadmiumPpm");
      hazardous.require("mercury", metals.map(m -> heavyMetal(m.mercuryPpm(), "mercury")),
          "Model.heavyMetals.mercuryPpm");
      hazardous.require("lead", lead, leadSource, leadDetail);
      List<Object> others = new ArrayList<>();
      for (Substance substance : model.hazardousSubstances()) {
        if (substance.shareCpct().isPresent() && substance.component().isPresent()) {
          others.add(object("materialIdentification", materialIds(substance),
              "concentration", Normalisation.percent(substance.shareCpct().get()), "materialUnit", "unit:percent",
              "location", substance.component().get(), "critical", critical(substance.name()),
              "documentation", List.of(),
              "impactOfSubstances", substance.impact().map(i -> List.<Object>of(document(TEXT, "Impact", i)))
                  .orElse(List.of())));
        }
      }
      if (!others.isEmpty()) {
        hazardous.put("other", others);
      }
      // Composition entries need per-substance recycled and renewable shares PackPass does not hold.
      s.put("composition", List.of());
    }

    /** Pre- plus post-consumer share of {@code material}, if declared and within the 100 % Catena-X allows. */
    private Optional<BigDecimal> recycled(String material) {
      return model.recycledContent().stream().filter(r -> r.material().equals(material)).findFirst()
          .map(Normalisation::recycledPercent).filter(p -> p.compareTo(BigDecimal.valueOf(100)) <= 0);
    }

    /** Why {@link #recycled} is empty. */
    private String whyNoRecycled(String material) {
      return model.recycledContent().stream().filter(r -> r.material().equals(material)).findFirst()
          .map(r -> "pre- plus post-consumer share " + Normalisation.recycledPercent(r).toPlainString()
              + " % exceeds the 100 % Catena-X allows")
          .orElse("no recycled content declared for " + material);
    }

    private Map<String, Object> heavyMetal(long ppm, String name) {
      return object("concentration", BigDecimal.valueOf(ppm), "materialUnit", Normalisation.CATENAX_PPM,
          "location", PRODUCT_LEVEL_LOCATION, "critical", critical(name), "documentation", List.of(),
          "impactOfSubstances", List.of());
    }

    private boolean critical(String material) {
      return model.criticalRawMaterials().stream().anyMatch(m -> m.equalsIgnoreCase(material));
    }

    private static List<Object> materialIds(Substance substance) {
      return substance.casNumber()
          .map(cas -> List.<Object>of(object("id", cas, "type", "CAS", "name", substance.name())))
          .orElse(List.of());
    }

    private void performance(Section s) {
      rated(s.section("rated"));
      Optional<Condition> condition = passport.condition();
      if (condition.isPresent()) {
        dynamic(s.section("dynamic"), condition.get());
      } else {
        s.missing("dynamic", "Passport.condition", "no condition: nothing measured yet or not visible to this reader");
      }
    }

    private void rated(Section s) {
      Section capacity = s.section("capacity");
      capacity.put("value", Normalisation.ampereHours(performance.ratedCapacityMah()));
      capacity.require("thresholdExhaustion", performance.capacityThresholdForExhaustionCpct()
          .map(Normalisation::percent), "Model.performance.capacityThresholdForExhaustionCpct");
      s.put("energy", object("value", Normalisation.kilowattHours(performance.ratedEnergyWh())));
      s.put("voltage", object("min", Normalisation.volts(performance.minVoltageMv()),
          "max", Normalisation.volts(performance.maxVoltageMv()),
          "nominal", Normalisation.volts(performance.nominalVoltageMv())));
      Section power = s.section("power");
      power.put("value", performance.maxPermittedPowerW());
      power.put("at80SoC", performance.originalPowerW());
      power.require("at20SoC", performance.originalPowerAt20SocW(), "Model.performance.originalPowerAt20SocW");
      Section resistance = s.section("resistance");
      resistance.require("cell", performance.initialCellResistanceMicroOhm().map(Normalisation::ohms),
          "Model.performance.initialCellResistanceMicroOhm");
      resistance.put("pack", Normalisation.ohms(performance.initialPackResistanceMicroOhm()));
      Section efficiency = s.section("roundTripEfficiency");
      efficiency.require("depthOfDischarge", performance.cycleLifeTestDepthOfDischargeCpct().map(Normalisation::percent),
          "Model.performance.cycleLifeTestDepthOfDischargeCpct");
      efficiency.put("initial", Normalisation.percent(performance.initialRoundTripEfficiencyCpct()));
      efficiency.require("50PercentLife", performance.roundTripEfficiencyAt50PercentLifeCpct()
          .map(Normalisation::percent), "Model.performance.roundTripEfficiencyAt50PercentLifeCpct");
      s.put("temperature", object("lower", Normalisation.celsius(performance.idleTemperatureLowerDc()),
          "upper", Normalisation.celsius(performance.idleTemperatureUpperDc())));
      s.require("selfDischargingRate", performance.initialSelfDischargeCpctPerMonth()
          .map(Normalisation::percentPerMonth), "Model.performance.initialSelfDischargeCpctPerMonth");
      Section lifetime = s.section("lifetime");
      lifetime.require("expectedYears", performance.expectedLifetimeYears(), "Model.performance.expectedLifetimeYears");
      lifetime.put("report", performance.cycleLifeReferenceTest()
          .map(test -> List.<Object>of(reference("Cycle-life reference test (Annex XIII 1(j))", test)))
          .orElse(List.of()));
      Section testing = lifetime.section("cycleLifeTesting");
      testing.require("temperature", performance.cycleLifeTestTemperatureDc().map(Normalisation::celsius),
          "Model.performance.cycleLifeTestTemperatureDc");
      testing.put("cycles", performance.expectedCycles());
      testing.require("depthOfDischarge", performance.cycleLifeTestDepthOfDischargeCpct().map(Normalisation::percent),
          "Model.performance.cycleLifeTestDepthOfDischargeCpct");
      Optional<BigDecimal> cRate = performance.cycleLifeTestCRateCenti().map(Normalisation::amperesPerAmpereHour);
      testing.require("appliedChargeRate", cRate, "Model.performance.cycleLifeTestCRateCenti");
      testing.require("appliedDischargeRate", cRate, "Model.performance.cycleLifeTestCRateCenti");
      if (!model.testReports().isEmpty()) {
        s.put("testReport", documents(model.testReports(), "Test report"));
      }
    }

    private void dynamic(Section s, Condition c) {
      requireTimed(s, "stateOfCharge", c, Quantity.STATE_OF_CHARGE, Normalisation::percent);
      requireTimed(s, "fullCycles", c, Quantity.FULL_EQUIVALENT_CYCLES, Normalisation::cycles);
      s.require("selfDischargingRate", c.get(Quantity.SELF_DISCHARGE_RATE)
          .map(m -> Normalisation.percentPerMonth(m.value())), source(Quantity.SELF_DISCHARGE_RATE));
      Section power = s.section("power");
      requireTimed(power, "remaining", c, Quantity.REMAINING_POWER_CAPABILITY, BigDecimal::valueOf);
      requireTimed(power, "fade", c, Quantity.POWER_FADE, Normalisation::percent);
      Section capacity = s.section("capacity");
      requireTimed(capacity, "capacity", c, Quantity.REMAINING_CAPACITY, Normalisation::ampereHours);
      requireTimed(capacity, "fade", c, Quantity.CAPACITY_FADE, Normalisation::percent);
      requireTimed(capacity, "throughput", c, Quantity.CAPACITY_THROUGHPUT, Normalisation::ampereHours);
      Section efficiency = s.section("roundTripEfficiency");
      requireTimed(efficiency, "remaining", c, Quantity.ROUND_TRIP_EFFICIENCY, Normalisation::percent);
      requireTimed(efficiency, "fade", c, Quantity.ROUND_TRIP_EFFICIENCY_FADE, Normalisation::percent);
      Section resistance = s.section("resistance");
      Section remaining = resistance.section("remaining");
      requireTimed(remaining, "pack", c, Quantity.INTERNAL_RESISTANCE, Normalisation::ohms);
      requireTimed(remaining, "cell", c, Quantity.CELL_INTERNAL_RESISTANCE, Normalisation::ohms);
      Section increase = resistance.section("increase");
      requireTimed(increase, "pack", c, Quantity.INTERNAL_RESISTANCE_INCREASE, Normalisation::percent);
      requireTimed(increase, "cell", c, Quantity.CELL_INTERNAL_RESISTANCE_INCREASE, Normalisation::percent);
      Section energy = s.section("energy");
      requireTimed(energy, "soce", c, Quantity.STATE_OF_CERTIFIED_ENERGY, Normalisation::percent);
      requireTimed(energy, "remaining", c, Quantity.REMAINING_ENERGY, Normalisation::kilowattHours);
      energy.putIfPresent("throughput", timed(c, Quantity.ENERGY_THROUGHPUT, Normalisation::kilowattHours));
      if (!passport.events().isEmpty()) {
        s.put("negativeEvents", passport.events().stream().map(CatenaXExport::event).toList());
      }
    }

    /** A required {value, time} field from the condition quantity {@code q}, named as its source if missing. */
    private static void requireTimed(Section section, String key, Condition c, Quantity q,
        LongFunction<BigDecimal> unit) {
      section.require(key, timed(c, q, unit), source(q));
    }

    private static Optional<Object> timed(Condition c, Quantity q, LongFunction<BigDecimal> unit) {
      return c.get(q).map(m -> object("value", unit.apply(m.value()), "time", Normalisation.dateTime(m.time())));
    }

    private static String source(Quantity q) {
      return "Passport.condition " + q.name();
    }

    private void conformity(Section s) {
      s.put("declarationOfConformity", model.declarationOfConformity()
          .map(uri -> List.<Object>of(document(URL, "EU declaration of conformity", uri))).orElse(List.of()));
      s.put("resultOfTestReport", documents(model.testReports(), "Test report"));
      s.put("thirdPartyAssurance", List.of());
      s.put("dueDiligencePolicy", model.dueDiligenceReport()
          .map(uri -> List.<Object>of(document(URL, "Supply chain due diligence report (Art. 52(3))", uri)))
          .orElse(List.of()));
    }

    private void safety(Section s) {
      // Each Catena-X agent needs a fire class the passport does not hold; the agents travel as a
      // safety-measures document instead (docs/exports.md).
      s.put("usableExtinguishAgent", List.of());
      List<Object> measures = new ArrayList<>();
      if (!model.extinguishingAgents().isEmpty()) {
        measures.add(document(TEXT, "Usable extinguishing agents (Annex VI Part A (9))",
            String.join("; ", model.extinguishingAgents())));
      }
      model.safetyMeasures().ifPresent(text -> measures.add(document(TEXT, "Safety measures (Annex XIII 2(d))", text)));
      s.put("safetyMeasures", measures);
      List<Object> labels = new ArrayList<>();
      model.labelsInformation().ifPresent(uri -> labels.add(document(URL, "Labels and symbols", uri)));
      if (!model.labelSymbols().isEmpty()) {
        labels.add(document(TEXT, "Meaning of labels and symbols", String.join("; ",
            model.labelSymbols().stream().map(Normalisation::labelMeaning).toList())));
      }
      s.put("meaningOfLabels", labels);
      s.put("dismantling", documents(model.dismantlingInformation(), "Dismantling information"));
    }

    private List<Object> sources() {
      List<Object> sources = new ArrayList<>();
      model.carbonFootprintStudy().ifPresent(uri -> sources.add(object("header",
          "Public carbon footprint study (Art. 7(1)(f))", "category", "Environmental Impact", "type", URL,
          "content", uri)));
      for (String source : model.sparePartSources()) {
        sources.add(object("header", "Source of spare parts (Annex XIII 2(b))", "category", "Repair and Installation",
            "type", TEXT, "content", source));
      }
      return sources;
    }

    private List<Object> facilities() {
      return item.facilityIdentifier().flatMap(context::bpna).map(bpna -> List.<Object>of(object("facility", bpna)))
          .orElse(List.of());
    }

    private void bpnl(Section s, String name, Optional<Party> party, String source) {
      if (party.isEmpty()) {
        s.missing(name, source, "absent");
      } else if (party.get().identifier().isEmpty()) {
        s.missing(name, source + ".identifier", "the party has no identifier to look a BPNL up for");
      } else {
        String identifier = party.get().identifier().get();
        s.require(name, context.bpnl(identifier), source + ".identifier",
            "'" + identifier + "' is no BPNL and ExportContext.businessPartnerNumbers maps it to none");
      }
    }

    /** Legitimate-interest data is visible: every passport has its birth status record, a public view has none. */
    private boolean legitimateInterestVisible() {
      return !passport.statusHistory().isEmpty();
    }
  }

  private static Map<String, Object> document(String contentType, String header, String content) {
    return object("contentType", contentType, "header", header, "content", content);
  }

  /** A reference that is a link when it looks like one and text otherwise. */
  private static Map<String, Object> reference(String header, String content) {
    return document(content.startsWith("https://") || content.startsWith("http://") ? URL : TEXT, header, content);
  }

  private static List<Object> documents(List<String> uris, String header) {
    return uris.stream().<Object>map(uri -> reference(header, uri)).toList();
  }

  private static Map<String, Object> event(NegativeEvent event) {
    String header = event.type().id() + " at " + Normalisation.dateTime(event.time());
    return document(TEXT, header, event.description().orElse(event.type().id()));
  }
}
