package io.packpass.provisioning.batch;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.packpass.core.passport.CarbonFootprintStages;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.HeavyMetals;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Party;
import io.packpass.core.passport.Performance;
import io.packpass.core.passport.RecycledShare;
import io.packpass.core.passport.Substance;
import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A battery model described in YAML for people: decimal values in the units named by their keys
 * ({@code nominalVoltageV: 350.4}, {@code ratedCapacityAh: 214}), converted exactly to the
 * passport's integer units. Unknown keys are errors, and so is leaving out what the regulation
 * makes mandatory for the model's category (see {@link #mandatoryProblems}). See
 * {@code docs/examples/*.yaml}.
 */
public record ModelFile(Model model, ItemDefaults defaults) {
  /** A model file is a page of text; a larger file is the wrong file. */
  static final long MAX_BYTES = 256 * 1024;
  private static final int TEXT = 256;
  private static final int URI = 2048;

  /** What rows of the items CSV inherit unless they say otherwise. */
  public record ItemDefaults(String manufacturingPlace, Optional<Party> economicOperator,
      Optional<String> facilityIdentifier, Optional<Long> cellCount, Optional<String> cellLayout) {
  }

  public static ModelFile read(Path file) {
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ProvisioningException(name + ": larger than " + MAX_BYTES + " bytes, not a model file");
      }
      YAMLFactory yaml = YAMLFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
          .build();
      root = new ObjectMapper(yaml).readTree(file.toFile());
    } catch (JacksonException e) {
      throw new ProvisioningException(name + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(Fields.root(root, name), name);
  }

  static ModelFile parse(Fields f, String name) {
    f.only("manufacturer", "model", "category", "chemistry", "massKg", "performance", "hazardousSubstances",
        "criticalRawMaterials", "recycledContent", "renewableContentPercent", "carbonFootprint", "heavyMetalsPpm",
        "extinguishingAgents", "documents", "labelSymbols", "composition", "sparePartSources", "safetyMeasures",
        "items");
    Party manufacturer = party(f.map("manufacturer"));
    Category category = category(f);
    Chemistry chemistry = chemistry(f);
    Fields p = f.map("performance");
    Performance performance = performance(p);
    Optional<Fields> footprint = f.optionalMap("carbonFootprint");
    footprint.ifPresent(c -> c.only("totalKgPerKWh", "performanceClass", "study", "stagesKgPerKWh"));
    Fields documents = f.map("documents").only("declarationOfConformity", "dueDiligenceReport", "endOfLifeInformation",
        "labelsInformation", "dismantling", "testReports");
    Model model;
    try {
      model = new Model(manufacturer, f.text("model", TEXT), category, chemistry, f.scaled("massKg", 3), performance,
          f.list("hazardousSubstances", (s, i) -> substance(s)),
          f.texts("criticalRawMaterials", TEXT),
          f.list("recycledContent", (r, i) -> recycled(r)),
          f.optionalScaled("renewableContentPercent", 2),
          footprint.flatMap(c -> c.optionalScaled("totalKgPerKWh", 3)),
          footprint.flatMap(c -> c.optionalText("performanceClass", 16)),
          f.texts("extinguishingAgents", TEXT),
          documents.optionalText("declarationOfConformity", URI),
          documents.optionalText("dueDiligenceReport", URI),
          documents.optionalText("endOfLifeInformation", URI),
          f.texts("labelSymbols", 64),
          f.list("composition", (s, i) -> substance(s)),
          documents.texts("dismantling", URI),
          f.texts("sparePartSources", TEXT),
          f.optionalText("safetyMeasures", 4096),
          documents.texts("testReports", URI),
          footprint.flatMap(c -> c.optionalMap("stagesKgPerKWh")).map(ModelFile::stages),
          footprint.flatMap(c -> c.optionalText("study", URI)),
          documents.optionalText("labelsInformation", URI),
          f.optionalMap("heavyMetalsPpm").map(ModelFile::heavyMetals));
    } catch (IllegalArgumentException e) {
      throw new ProvisioningException(name + ": " + e.getMessage(), e);
    }
    List<String> problems = mandatoryProblems(model);
    if (!problems.isEmpty()) {
      throw new ProvisioningException(name + ": missing what Regulation (EU) 2023/1542 requires for a "
          + category.name() + " battery:\n  " + String.join("\n  ", problems));
    }
    Fields items = f.map("items").only("manufacturingPlace", "economicOperator", "facility", "cellCount", "cellLayout");
    ItemDefaults defaults = new ItemDefaults(items.text("manufacturingPlace", TEXT),
        items.optionalMap("economicOperator").map(ModelFile::party), items.optionalText("facility", TEXT),
        items.optionalScaled("cellCount", 0), items.optionalText("cellLayout", 64));
    return new ModelFile(model, defaults);
  }

  /**
   * Fields the regulation makes mandatory that the model type leaves optional (Annex VI Part A,
   * Annex XIII 1 and 2, Art. 13(4)), by category. Each problem names the YAML key to add.
   */
  static List<String> mandatoryProblems(Model model) {
    List<String> problems = new ArrayList<>();
    Performance p = model.performance();
    if (model.extinguishingAgents().isEmpty()) {
      problems.add("extinguishingAgents: usable extinguishing agent (Annex VI Part A (9))");
    }
    if (model.declarationOfConformity().isEmpty()) {
      problems.add("documents.declarationOfConformity: EU declaration of conformity (Annex XIII 1(r))");
    }
    if (model.endOfLifeInformation().isEmpty()) {
      problems.add("documents.endOfLifeInformation: waste prevention and collection information (Annex XIII 1(s))");
    }
    if (model.dismantlingInformation().isEmpty()) {
      problems.add("documents.dismantling: dismantling information (Annex XIII 2(c))");
    }
    if (model.safetyMeasures().isEmpty()) {
      problems.add("safetyMeasures: safety measures (Annex XIII 2(d))");
    }
    if (!model.labelSymbols().contains("separate-collection")) {
      problems.add("labelSymbols: the separate-collection symbol (Art. 13(4), Annex VI Part B)");
    }
    if (p.cycleLifeReferenceTest().isEmpty()) {
      problems.add("performance.cycleLifeReferenceTest: reference test for the expected cycle life (Annex XIII 1(j))");
    }
    if (p.cycleLifeTestCRateCenti().isEmpty()) {
      problems.add("performance.cycleLifeTestCRate: C-rate of the cycle-life test (Annex XIII 1(p))");
    }
    if (p.roundTripEfficiencyAt50PercentLifeCpct().isEmpty()) {
      problems.add("performance.roundTripEfficiencyAt50PercentLifePercent: round-trip efficiency at 50 % of cycle "
          + "life (Annex XIII 1(n))");
    }
    if (p.initialCellResistanceMicroOhm().isEmpty()) {
      problems.add("performance.initialCellResistanceMilliOhm: internal cell resistance (Annex XIII 1(o))");
    }
    if (model.category() == Category.EV && p.capacityThresholdForExhaustionCpct().isEmpty()) {
      problems.add("performance.capacityThresholdForExhaustionPercent: capacity threshold for exhaustion, "
          + "EV batteries (Annex XIII 1(k))");
    }
    return problems;
  }

  private static Performance performance(Fields p) {
    p.only("ratedCapacityAh", "ratedEnergyKWh", "minVoltageV", "nominalVoltageV", "maxVoltageV", "originalPowerW",
        "originalPowerAt20SocW", "maxPermittedPowerW", "expectedCycles", "expectedLifetimeYears",
        "cycleLifeReferenceTest", "cycleLifeTestCRate", "cycleLifeTestDepthOfDischargePercent",
        "cycleLifeTestTemperatureC", "capacityThresholdForExhaustionPercent", "idleTemperatureC",
        "initialRoundTripEfficiencyPercent", "roundTripEfficiencyAt50PercentLifePercent",
        "initialPackResistanceMilliOhm", "initialCellResistanceMilliOhm", "initialSelfDischargePercentPerMonth",
        "warrantyMonths");
    Fields idle = p.map("idleTemperatureC").only("lower", "upper");
    try {
      return new Performance(p.scaled("ratedCapacityAh", 3), p.scaled("ratedEnergyKWh", 3),
          p.scaled("minVoltageV", 3), p.scaled("nominalVoltageV", 3), p.scaled("maxVoltageV", 3),
          p.scaled("originalPowerW", 0), p.optionalScaled("originalPowerAt20SocW", 0), p.scaled("maxPermittedPowerW", 0),
          p.scaled("expectedCycles", 0), p.optionalScaled("expectedLifetimeYears", 0),
          p.optionalText("cycleLifeReferenceTest", URI), p.optionalScaled("cycleLifeTestCRate", 2),
          p.optionalScaled("capacityThresholdForExhaustionPercent", 2), idle.scaled("lower", 1), idle.scaled("upper", 1),
          p.scaled("initialRoundTripEfficiencyPercent", 2), p.optionalScaled("roundTripEfficiencyAt50PercentLifePercent", 2),
          p.scaled("initialPackResistanceMilliOhm", 3), p.optionalScaled("initialCellResistanceMilliOhm", 3),
          p.optionalScaled("initialSelfDischargePercentPerMonth", 2), p.optionalScaled("warrantyMonths", 0),
          p.optionalScaled("cycleLifeTestDepthOfDischargePercent", 2), p.optionalScaled("cycleLifeTestTemperatureC", 1));
    } catch (IllegalArgumentException e) {
      throw p.error("performance", e.getMessage());
    }
  }

  private static Party party(Fields f) {
    f.only("name", "identifier", "postalAddress", "web", "email");
    return new Party(f.text("name", TEXT), f.optionalText("identifier", TEXT), f.optionalText("postalAddress", TEXT),
        f.optionalText("web", URI), f.optionalText("email", TEXT));
  }

  private static Substance substance(Fields f) {
    f.only("name", "cas", "component", "sharePercent", "impact");
    return new Substance(f.text("name", TEXT), f.optionalText("cas", 32), f.optionalText("component", TEXT),
        f.optionalScaled("sharePercent", 2), f.optionalText("impact", 4096));
  }

  private static RecycledShare recycled(Fields f) {
    f.only("material", "preConsumerPercent", "postConsumerPercent");
    try {
      return new RecycledShare(f.text("material", 16).toLowerCase(Locale.ROOT), f.scaled("preConsumerPercent", 2),
          f.scaled("postConsumerPercent", 2));
    } catch (IllegalArgumentException e) {
      throw f.error("material", e.getMessage());
    }
  }

  private static CarbonFootprintStages stages(Fields f) {
    f.only("rawMaterial", "production", "distribution", "endOfLife");
    return new CarbonFootprintStages(f.scaled("rawMaterial", 3), f.scaled("production", 3), f.scaled("distribution", 3),
        f.scaled("endOfLife", 3));
  }

  private static HeavyMetals heavyMetals(Fields f) {
    f.only("mercury", "cadmium", "lead");
    return new HeavyMetals(f.scaled("mercury", 0), f.scaled("cadmium", 0), f.scaled("lead", 0));
  }

  private static Category category(Fields f) {
    String value = f.text("category", 16);
    try {
      return Category.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw f.error("category", "'" + value + "' is not one of ev, lmt, industrial, stationary");
    }
  }

  private static Chemistry chemistry(Fields f) {
    String value = f.text("chemistry", 32);
    for (Chemistry chemistry : Chemistry.values()) {
      if (chemistry.label().equalsIgnoreCase(value)) {
        return chemistry;
      }
    }
    List<String> labels = new ArrayList<>();
    for (Chemistry chemistry : Chemistry.values()) {
      labels.add(chemistry.label());
    }
    throw f.error("chemistry", "'" + value + "' is not one of " + String.join(", ", labels));
  }
}
