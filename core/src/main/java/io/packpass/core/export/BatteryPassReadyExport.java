package io.packpass.core.export;

import static io.packpass.core.export.Section.object;

import io.packpass.core.export.Normalisation.Rounded;
import io.packpass.core.export.Normalisation.WholeWithUnit;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Party;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Performance;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.RecycledShare;
import io.packpass.core.passport.Substance;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The passport as a BatteryPass-Ready (GEFEG) validation model v1.0 document (JSON Schema 2020-12),
 * in the schema of the passport's category: EV, LMT, Stationary_Industrial or Other_Industrial
 * ({@link #schemaFile}).
 *
 * <p>Exports the passport it is given: pass {@code PassportView.forRole(passport, role)} and the
 * export holds what that role may read and nothing else. Required fields the view (or the
 * {@link ExportContext}) does not supply are left out and listed, never made up; {@link #toJson}
 * refuses such a partial document. Integer-only fields are rounded and the rounding is reported.
 * The field-by-field mapping, every derivation and the traps are in {@code docs/exports.md}; units
 * and spellings come from {@link Normalisation}.
 */
public final class BatteryPassReadyExport {
  public static final String TARGET = "BatteryPass-Ready 1.0";
  /** {@code DPPSchemaVersion}: the schema this document follows. */
  public static final String SCHEMA_VERSION = "BatteryPass-Ready 1.0";
  /** {@code DPPGranularity}: every PackPass passport identifies one battery (ARCHITECTURE §3). */
  public static final String GRANULARITY = "item";

  private static final String ROOT = "Battery_Passport";
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private BatteryPassReadyExport() {
  }

  /** The category schema file in {@code schemas/batterypass-ready-gefeg/}. */
  public static String schemaFile(Category category) {
    return switch (category) {
      case EV -> "EV_batterypass_1.0.json";
      case LMT -> "LMT_batterypass_1.0.json";
      case STATIONARY -> "Stationary_Industrial_batterypass_1.0.json";
      case INDUSTRIAL -> "Other_Industrial_batterypass_1.0.json";
    };
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

  /** Whether a field is in the category's schema, and whether it must be there. */
  private enum Need {
    REQUIRED,
    OPTIONAL,
    NOT_IN_SCHEMA
  }

  private static final Set<String> EV_ONLY = Set.of("CertifiedUsableBatteryEnergy", "RemainingUsableBatteryEnergy",
      "StateOfCertifiedEnergySOCE", "CapacityThresholdForExhaustion");
  private static final Set<String> LMT_AND_STATIONARY_ONLY = Set.of("RemainingRoundTripEnergyEfficiency",
      "InitialSelf-dischargeRate", "CurrentSelf-dischargeRate", "EvolutionOfSelf-dischargeRates", "EnergyThroughput",
      "CapacityThroughput", "TimeSpentInExtremeTemperaturesAboveBoundary",
      "TimeSpentInExtremeTemperaturesBelowBoundary", "TimeSpentChargingDuringExtremeTemperaturesAboveBoundary",
      "TimeSpentChargingDuringExtremeTemperaturesBelowBoundary");
  private static final Set<String> REQUIRED_FOR_LMT_AND_STATIONARY = Set.of("RemainingCapacity",
      "RemainingPowerCapability", "NumberOfDeepDischargeEvents", "DateOfPuttingTheBatteryIntoService");
  private static final Set<String> OPTIONAL_EVERYWHERE = Set.of("NumberOfOverchargeEvents",
      "InitialSelf-dischargeRate", "CurrentSelf-dischargeRate", "CertifiedUsableBatteryEnergy",
      "RemainingUsableBatteryEnergy");

  /**
   * Where the four category schemas differ (checked against the schema files by the validation
   * tests); every other field is required in all of them.
   */
  private static Need need(Category category, String field) {
    boolean lmtOrStationary = category == Category.LMT || category == Category.STATIONARY;
    if (EV_ONLY.contains(field) && category != Category.EV
        || LMT_AND_STATIONARY_ONLY.contains(field) && !lmtOrStationary) {
      return Need.NOT_IN_SCHEMA;
    }
    if (OPTIONAL_EVERYWHERE.contains(field)) {
      return Need.OPTIONAL;
    }
    if (REQUIRED_FOR_LMT_AND_STATIONARY.contains(field)) {
      return lmtOrStationary ? Need.REQUIRED : Need.OPTIONAL;
    }
    return Need.REQUIRED;
  }

  private static final class Writer {
    private final Passport passport;
    private final ExportContext context;
    private final Model model;
    private final Performance performance;
    private final Item item;
    private final Category category;
    private final Optional<Condition> condition;
    private final String link;
    private final List<ExportIssue> issues = new ArrayList<>();
    private final Section root = Section.root("", issues);

    Writer(Passport passport, ExportContext context) {
      this.passport = passport;
      this.context = context;
      this.model = passport.model();
      this.performance = model.performance();
      this.item = passport.item();
      this.category = model.category();
      this.condition = passport.condition();
      this.link = Normalisation.batteryPassReadyPassportId(passport.id(), context.resolverBase());
    }

    ExportResult write() {
      Section pass = root.section(ROOT);
      identifiers(pass.section("IdentifiersAndProductData"));
      performance(pass.section("PerformanceAndDurability"));
      carbonFootprint(pass.section("BatteryCarbonFootprint"));
      materials(pass.section("BatteryMaterialsAndComposition"));
      circularity(pass.section("CircularityAndResourceEfficiency"));
      pass.section("SupplyChainDueDiligence").require("InformationOfDueDiligenceReport", model.dueDiligenceReport(),
          "Model.dueDiligenceReport");
      labels(pass.section("SymbolsLabelsAndDocumentationOfConformity"));
      return new ExportResult(TARGET + " " + schemaFile(category), root.toJson(), issues);
    }

    /** Puts {@code name} as the category schema wants it: required, optional or not at all. */
    private void field(Section s, String name, Supplier<Optional<?>> value, String source, String detail) {
      switch (need(category, name)) {
        case REQUIRED -> s.require(name, value.get(), source, detail);
        case OPTIONAL -> s.putIfPresent(name, value.get());
        case NOT_IN_SCHEMA -> {
        }
      }
    }

    private void field(Section s, String name, Supplier<Optional<?>> value, String source) {
      field(s, name, value, source, "not in the passport or not visible to this reader");
    }

    // ------------------------------------------------------------ IdentifiersAndProductData

    private void identifiers(Section s) {
      s.put("DPPSchemaVersion", SCHEMA_VERSION);
      s.require("DPPStatus", context.dppStatus().map(d -> object("dppStatusValue", Normalisation.dppStatus(d))),
          "ExportContext.dppStatus", "not set");
      s.put("DPPGranularity", GRANULARITY);
      s.require("Date-timeOfLatestUpdateOfDPP", passport.lastUpdate().map(Normalisation::dateTime),
          "Passport.lastUpdate");
      s.put("BatteryModelIdentifier", passport.id().gtin().digits());
      s.put("UniqueBatteryPassportIdentifierUniqueDPPIdentifier", link);
      s.put("UniqueBatteryIdentifierUniqueProductIdentifier", link);
      s.put("BatterySerialNumber", passport.id().serial().value());
      s.require("UniqueEconomicOperatorIdentifier", item.economicOperator().flatMap(Party::identifier),
          "Item.economicOperator.identifier");
      s.require("UniqueManufacturerIdentifier", model.manufacturer().identifier(), "Model.manufacturer.identifier");
      s.require("UniqueFacilityIdentifier", item.facilityIdentifier(), "Item.facilityIdentifier");
      s.require("EconomicOperatorInformation", item.economicOperator().flatMap(Writer::party),
          "Item.economicOperator", "absent or without postal address");
      s.require("ManufacturerInformation", party(model.manufacturer()), "Model.manufacturer.postalAddress");
      s.put("ManufacturingPlace", item.manufacturingPlace());
      s.put("ManufacturingDate", Normalisation.date(item.manufacturingDate()));
      field(s, "DateOfPuttingTheBatteryIntoService", () -> item.putIntoService().map(Normalisation::date),
          "Item.putIntoService");
      warranty(s);
      s.put("BatteryCategory", object("batteryCategoryValue", Normalisation.batteryPassReadyCategory(category)));
      s.put("BatteryMass", object("gramKgValue", Normalisation.kilograms(model.massGrams()), "gramKg", "kg"));
      s.require("BatteryStatus", passport.status().map(r -> object("batteryStatusValues",
          Normalisation.status(r.status()))), "Passport.statusHistory");
    }

    /** Name, registered trade name and postal address are required; the name is the registered name. */
    private static Optional<Object> party(Party party) {
      return party.postalAddress().map(address -> {
        Map<String, Object> info = object("name", party.name(), "registeredTradeNameOrRegisteredTrademark",
            party.name(), "postalAddress", address);
        party.web().ifPresent(web -> info.put("webAddress", web));
        party.email().ifPresent(email -> info.put("e-mailAddress", email));
        return info;
      });
    }

    private void warranty(Section s) {
      String name = "WarrantyPeriodOfTheBattery";
      if (performance.warrantyMonths().isEmpty()) {
        s.missing(name, "Model.performance.warrantyMonths", "absent");
      } else if (context.warrantyStart().isEmpty()) {
        s.missing(name, "ExportContext.warrantyStart", "not set: the expiry date needs the event the warranty "
            + "runs from");
      } else {
        Optional<LocalDate> start = switch (context.warrantyStart().get()) {
          case MANUFACTURING_DATE -> Optional.of(item.manufacturingDate());
          case PUT_INTO_SERVICE -> item.putIntoService();
        };
        long months = performance.warrantyMonths().get();
        s.require(name, start.map(d -> Normalisation.date(Normalisation.warrantyExpiry(d, months))),
            "Item.putIntoService", "the warranty runs from putting into service, which is unknown or not visible");
      }
    }

    // ------------------------------------------------------------ PerformanceAndDurability

    private void performance(Section s) {
      WholeWithUnit rated = Normalisation.ratedCapacity(performance.ratedCapacityMah());
      s.put("RatedCapacity", object("amperehourMiliamperehourValue", rated.value(), "ampereHourMiliamperehour",
          rated.unit()));
      field(s, "RemainingCapacity", () -> measured(Quantity.REMAINING_CAPACITY).map(v -> object(
          "amperehourMiliamperehourValue", s.whole("RemainingCapacity.amperehourMiliamperehourValue",
              Normalisation.round(Normalisation.ampereHours(v)), source(Quantity.REMAINING_CAPACITY)),
          "ampereHourMiliamperehour", "Ah")), source(Quantity.REMAINING_CAPACITY));
      percent(s, "CapacityFade", Quantity.CAPACITY_FADE);
      field(s, "CertifiedUsableBatteryEnergy", () -> Optional.of(kilowattHours(s, "CertifiedUsableBatteryEnergy",
          performance.ratedEnergyWh(), "Model.performance.ratedEnergyWh")), "Model.performance.ratedEnergyWh");
      field(s, "RemainingUsableBatteryEnergy", () -> measured(Quantity.REMAINING_ENERGY)
          .map(v -> kilowattHours(s, "RemainingUsableBatteryEnergy", v, source(Quantity.REMAINING_ENERGY))),
          source(Quantity.REMAINING_ENERGY));
      percent(s, "StateOfCertifiedEnergySOCE", Quantity.STATE_OF_CERTIFIED_ENERGY);
      percent(s, "StateOfChargeSoC", Quantity.STATE_OF_CHARGE);
      s.put("MinimumVoltage", volts(performance.minVoltageMv()));
      s.put("MaximumVoltage", volts(performance.maxVoltageMv()));
      s.put("NominalVoltage", volts(performance.nominalVoltageMv()));
      s.require("OriginalPowerCapability", performance.originalPowerAt20SocW().map(at20 -> object(
          "wattValueAt80SoC", performance.originalPowerW(), "wattValueAt20SoC", at20, "watt", "W")),
          "Model.performance.originalPowerAt20SocW");
      field(s, "RemainingPowerCapability", () -> measured(Quantity.REMAINING_POWER_CAPABILITY)
          .flatMap(at80 -> measured(Quantity.REMAINING_POWER_CAPABILITY_AT_20_SOC)
              .map(at20 -> object("wattValueAt80SoC", at80, "wattValueAt20SoC", at20, "watt", "W"))),
          "Passport.condition REMAINING_POWER_CAPABILITY and REMAINING_POWER_CAPABILITY_AT_20_SOC");
      percent(s, "PowerFade", Quantity.POWER_FADE);
      s.put("MaximumPermittedBatteryPower", object("wattValue", performance.maxPermittedPowerW(), "watt", "W"));
      s.put("InitialRoundTripEnergyEfficiency", percentValue(performance.initialRoundTripEfficiencyCpct()));
      percent(s, "RoundTripEnergyEfficiencyAt50OfCycleLife", performance.roundTripEfficiencyAt50PercentLifeCpct(),
          "Model.performance.roundTripEfficiencyAt50PercentLifeCpct");
      percent(s, "EnergyRoundTripEfficiencyFade", Quantity.ROUND_TRIP_EFFICIENCY_FADE);
      percent(s, "RemainingRoundTripEnergyEfficiency", Quantity.ROUND_TRIP_EFFICIENCY);
      String resistance = "InitialInternalResistanceOfBatteryCellAndPackModuleRecommended";
      s.put(resistance, object("ohmValue", s.whole(resistance + ".ohmValue",
          Normalisation.round(Normalisation.ohms(performance.initialPackResistanceMicroOhm())),
          "Model.performance.initialPackResistanceMicroOhm"), "ohm", "Ohm"));
      percent(s, "InternalResistanceIncreaseOfPackCellAndModuleRecommended", Quantity.INTERNAL_RESISTANCE_INCREASE);
      percentPerMonth(s, "InitialSelf-dischargeRate", performance.initialSelfDischargeCpctPerMonth(),
          "Model.performance.initialSelfDischargeCpctPerMonth");
      percentPerMonth(s, "CurrentSelf-dischargeRate", measured(Quantity.SELF_DISCHARGE_RATE),
          source(Quantity.SELF_DISCHARGE_RATE));
      percent(s, "EvolutionOfSelf-dischargeRates", Quantity.EVOLUTION_OF_SELF_DISCHARGE);
      s.require("ExpectedLifetimeInCalendarYears", performance.expectedLifetimeYears(),
          "Model.performance.expectedLifetimeYears");
      s.put("ExpectedLifetime-NumberOfCharge-dischargeCycles", performance.expectedCycles());
      String cycles = "NumberOfFullChargingAndDischargingCycles";
      s.require(cycles, measured(Quantity.FULL_EQUIVALENT_CYCLES).map(v -> s.whole(cycles,
          Normalisation.completedCycles(v), source(Quantity.FULL_EQUIVALENT_CYCLES))),
          source(Quantity.FULL_EQUIVALENT_CYCLES));
      s.require("Cycle-lifeReferenceTest", performance.cycleLifeReferenceTest(),
          "Model.performance.cycleLifeReferenceTest");
      s.require("C-rateOfRelevantCycle-lifeTest", performance.cycleLifeTestCRateCenti().map(c -> object(
          "amperePerAmpereHourValue", Normalisation.amperesPerAmpereHour(c), "amperePerAmpereHour", "A/Ah")),
          "Model.performance.cycleLifeTestCRateCenti");
      percent(s, "CapacityThresholdForExhaustion", performance.capacityThresholdForExhaustionCpct(),
          "Model.performance.capacityThresholdForExhaustionCpct");
      field(s, "EnergyThroughput", () -> measured(Quantity.ENERGY_THROUGHPUT).map(v -> object(
          "kilowattHourValue", Normalisation.kilowattHours(v), "kilowattHour", "kWh")),
          source(Quantity.ENERGY_THROUGHPUT));
      // Spelled amperehourMiliamperehour here, ampereHourMiliamperehour in the capacities above.
      field(s, "CapacityThroughput", () -> measured(Quantity.CAPACITY_THROUGHPUT).map(v -> object(
          "amperehourMiliamperehourValue", Normalisation.ampereHours(v), "amperehourMiliamperehour", "Ah")),
          source(Quantity.CAPACITY_THROUGHPUT));
      s.require("TemperatureInformation", measured(Quantity.TEMPERATURE).map(v -> celsius(s,
          "TemperatureInformation", v, source(Quantity.TEMPERATURE))), source(Quantity.TEMPERATURE));
      s.put("TemperatureRangeIdleStateLowerBoundary", celsius(s, "TemperatureRangeIdleStateLowerBoundary",
          performance.idleTemperatureLowerDc(), "Model.performance.idleTemperatureLowerDc"));
      s.put("TemperatureRangeIdleStateUpperBoundary", celsius(s, "TemperatureRangeIdleStateUpperBoundary",
          performance.idleTemperatureUpperDc(), "Model.performance.idleTemperatureUpperDc"));
      count(s, "TimeSpentInExtremeTemperaturesAboveBoundary", Quantity.TIME_EXTREME_HIGH_TEMPERATURE);
      count(s, "TimeSpentInExtremeTemperaturesBelowBoundary", Quantity.TIME_EXTREME_LOW_TEMPERATURE);
      count(s, "TimeSpentChargingDuringExtremeTemperaturesAboveBoundary",
          Quantity.TIME_CHARGING_EXTREME_HIGH_TEMPERATURE);
      count(s, "TimeSpentChargingDuringExtremeTemperaturesBelowBoundary",
          Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE);
      count(s, "NumberOfDeepDischargeEvents", Quantity.DEEP_DISCHARGE_EVENTS);
      count(s, "NumberOfOverchargeEvents", Quantity.OVERCHARGE_EVENTS);
      // Negative events are legitimate-interest records of the passport, which its Digital Link serves.
      s.require("InformationOnAccidents", legitimateInterestVisible() ? Optional.of(link) : Optional.empty(),
          "Passport.events (served at the Digital Link)", "legitimate-interest data not visible to this reader");
    }

    private Optional<Long> measured(Quantity quantity) {
      return condition.flatMap(c -> c.get(quantity)).map(m -> m.value());
    }

    private static String source(Quantity quantity) {
      return "Passport.condition " + quantity.name();
    }

    private void percent(Section s, String name, Quantity quantity) {
      percent(s, name, measured(quantity), source(quantity));
    }

    /** A {@code percent_decimal} object; the schema bounds it to 0..100 %. */
    private void percent(Section s, String name, Optional<Long> cpct, String source) {
      bounded(s, name, cpct, source, Normalisation::percent, v -> object("percentageValue", v, "percent", "%"));
    }

    private void percentPerMonth(Section s, String name, Optional<Long> cpct, String source) {
      bounded(s, name, cpct, source, Normalisation::percentPerMonth,
          v -> object("percentMonthValue", v, "percentMonth", "%/month"));
    }

    private void bounded(Section s, String name, Optional<Long> raw, String source, LongFunction<BigDecimal> unit,
        Function<BigDecimal, Map<String, Object>> shape) {
      Optional<BigDecimal> value = raw.map(unit::apply);
      boolean inRange = value.map(v -> v.signum() >= 0 && v.compareTo(HUNDRED) <= 0).orElse(true);
      String detail = inRange ? "not in the passport or not visible to this reader"
          : value.get().toPlainString() + " is outside the 0..100 the schema allows";
      field(s, name, () -> value.filter(v -> inRange).map(shape), source, detail);
    }

    private static Map<String, Object> percentValue(long cpct) {
      return object("percentageValue", Normalisation.percent(cpct), "percent", "%");
    }

    private static Map<String, Object> volts(long millivolts) {
      return object("voltValue", Normalisation.volts(millivolts), "volt", "V");
    }

    private static Map<String, Object> kilowattHours(Section s, String name, long wattHours, String source) {
      return object("kilowattHourValue", s.whole(name + ".kilowattHourValue",
          Normalisation.round(Normalisation.kilowattHours(wattHours)), source), "kilowattHour", "kWh");
    }

    private static Map<String, Object> celsius(Section s, String name, long deciCelsius, String source) {
      Rounded rounded = Normalisation.round(Normalisation.celsius(deciCelsius));
      return object("celsiusValue", s.whole(name + ".celsiusValue", rounded, source), "degreeCelsius", "\u00b0C");
    }

    private void count(Section s, String name, Quantity quantity) {
      field(s, name, () -> measured(quantity), source(quantity));
    }

    // ------------------------------------------------------------ BatteryCarbonFootprint

    private void carbonFootprint(Section s) {
      String stages = "Model.carbonFootprintStages";
      s.require("BatteryCarbonFootprintPerFunctionalUnit", model.carbonFootprintGramsPerKwh().map(this::footprint),
          "Model.carbonFootprintGramsPerKwh");
      s.require("ContributionOfRawMaterialAcquisitionAndPre-processingLifecycleStage", model.carbonFootprintStages()
          .map(f -> footprint(f.rawMaterialGramsPerKwh())), stages);
      s.require("ContributionOfMainProductProductionLifecycleStage", model.carbonFootprintStages()
          .map(f -> footprint(f.productionGramsPerKwh())), stages);
      s.require("ContributionOfDistributionLifecycleStage", model.carbonFootprintStages()
          .map(f -> footprint(f.distributionGramsPerKwh())), stages);
      s.require("ContributionOfEndOfLifeAndRecyclingLifecycleStage", model.carbonFootprintStages()
          .map(f -> footprint(f.endOfLifeGramsPerKwh())), stages);
      s.require("CarbonFootprintPerformanceClass", model.carbonFootprintClass(), "Model.carbonFootprintClass");
      s.require("WebLinkToPublicCarbonFootprintStudy", model.carbonFootprintStudy(), "Model.carbonFootprintStudy");
    }

    private Map<String, Object> footprint(long gramsPerKwh) {
      return object("kgCO2-equivalentPerKilowattHourValue", Normalisation.kilogramsCo2ePerKwh(gramsPerKwh),
          "kgCO2-equivalentPerKilowattHour", Normalisation.CARBON_FOOTPRINT_UNIT);
    }

    // ------------------------------------------------------------ BatteryMaterialsAndComposition

    private void materials(Section s) {
      s.put("BatteryChemistry", object("chemicalCodeValue", Normalisation.chemistry(model.chemistry())));
      s.require("CriticalRawMaterials", joined(model.criticalRawMaterials()), "Model.criticalRawMaterials");
      s.require("HazardousSubstances", joined(model.hazardousSubstances().stream()
          .map(h -> h.name() + h.casNumber().map(cas -> " (CAS " + cas + ")").orElse("")).toList()),
          "Model.hazardousSubstances");
      List<String> electrodes = new ArrayList<>();
      for (Substance substance : model.composition()) {
        substance.component().filter(c -> Set.of("cathode", "anode", "electrolyte").contains(c))
            .ifPresent(c -> electrodes.add(c + ": " + substance.name()));
      }
      s.require("MaterialsUsedInCathodeAnodeAndElectrolyte", joined(electrodes), "Model.composition");
      s.require("ImpactOfSubstancesOnEnvironmentHumanHealthSafetyPersons", joined(model.hazardousSubstances().stream()
          .filter(h -> h.impact().isPresent()).map(h -> h.name() + ": " + h.impact().get()).toList()),
          "Model.hazardousSubstances[].impact");
    }

    private static Optional<String> joined(List<String> parts) {
      return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    // ------------------------------------------------------------ CircularityAndResourceEfficiency

    private void circularity(Section s) {
      s.require("DismantlingInformation-ManualsForTheRemovalAndTheDisassemblyOfTheBatteryPack",
          model.dismantlingInformation().stream().findFirst(), "Model.dismantlingInformation");
      // The next three are text in the passport, which its Digital Link serves to legitimate-interest readers.
      s.require("PartNumbersForComponents", item.partNumbers().isEmpty() ? Optional.empty() : Optional.of(link),
          "Item.partNumbers (served at the Digital Link)");
      s.require("InformationOnSourcesOfSpareParts", model.sparePartSources().isEmpty() ? Optional.empty()
          : Optional.of(link), "Model.sparePartSources (served at the Digital Link)");
      s.require("SafetyMeasures", model.safetyMeasures().map(text -> link),
          "Model.safetyMeasures (served at the Digital Link)");
      for (String material : List.of("Nickel", "Cobalt", "Lithium")) {
        Optional<RecycledShare> share = recycled(material);
        percent(s, "Pre-consumerRecycled" + material + "Share", share.map(RecycledShare::preConsumerCpct),
            "Model.recycledContent[" + material.toLowerCase() + "].preConsumerCpct");
        percent(s, "Post-consumerRecycled" + material + "Share", share.map(RecycledShare::postConsumerCpct),
            "Model.recycledContent[" + material.toLowerCase() + "].postConsumerCpct");
      }
      // v1.3 dropped the pre/post split for lead: one share, pre plus post.
      percent(s, "RecycledLeadShare", recycled("Lead").map(r -> r.preConsumerCpct() + r.postConsumerCpct()),
          "Model.recycledContent[lead]");
      percent(s, "RenewableContentShare", model.renewableContentCpct(), "Model.renewableContentCpct");
      String endOfLife = "Model.endOfLifeInformation";
      s.require("InformationOnTheRoleOfEnd-usersInContributingToWastePrevention", model.endOfLifeInformation(),
          endOfLife);
      s.require("InformationOnTheRoleOfEnd-usersInContributingToTheSeparateCollectionOfWasteBatteries",
          model.endOfLifeInformation(), endOfLife);
      s.require("InformationOnBatteryCollectionPreparationForSecondLifeAndOnTreatmentAtEndOfLife",
          model.endOfLifeInformation(), endOfLife);
    }

    private Optional<RecycledShare> recycled(String material) {
      return model.recycledContent().stream().filter(r -> r.material().equalsIgnoreCase(material)).findFirst();
    }

    // ------------------------------------------------------------ SymbolsLabelsAndDocumentationOfConformity

    private void labels(Section s) {
      Optional<String> labels = model.labelsInformation();
      s.require("SeparateCollectionSymbol", model.labelSymbols().contains("separate-collection") ? labels
          : Optional.empty(), "Model.labelsInformation (with separate-collection in Model.labelSymbols)");
      s.require("SymbolsForCadmiumAndLead", labels, "Model.labelsInformation");
      s.require("CarbonFootprintLabel", model.carbonFootprintClass().isPresent() ? labels : Optional.empty(),
          "Model.labelsInformation (with Model.carbonFootprintClass)");
      s.require("ExtinguishingAgent", joined(model.extinguishingAgents())
          .map(agents -> object("extinguishingAgent", agents)), "Model.extinguishingAgents");
      s.require("MeaningOfLabelsAndSymbols", joined(model.labelSymbols().stream()
          .map(Normalisation::labelMeaning).toList()), "Model.labelSymbols");
      s.require("EUDeclarationOfConformity", model.declarationOfConformity(), "Model.declarationOfConformity");
      s.require("ResultsOfTestReportsProvingCompliance", model.testReports().stream().findFirst(),
          "Model.testReports (authority tier)");
    }

    /** Legitimate-interest data is visible: every passport has its birth status record, a public view has none. */
    private boolean legitimateInterestVisible() {
      return !passport.statusHistory().isEmpty();
    }
  }
}
