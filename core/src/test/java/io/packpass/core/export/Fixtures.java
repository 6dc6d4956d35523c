package io.packpass.core.export;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.CarbonFootprintStages;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.StatusRecord;
import io.packpass.core.sample.SamplePassports;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Full passports of the three samples as a registry holds them: birth record, a status history,
 * a complete reading (every Annex VII quantity) and, for the LMT pack, a negative event; and the
 * export context a registry would pass. Fixed times, no randomness.
 */
final class Fixtures {
  static final Instant BORN = Instant.parse("2026-03-02T08:00:00Z");
  static final Instant READ = Instant.parse("2026-09-01T12:00:00Z");
  static final Instant EXPORTED = Instant.parse("2026-09-02T00:00:00Z");
  static final String MANUFACTURER_GLN = "9521234000013";

  private Fixtures() {
  }

  static ExportContext context() {
    return ExportContext.builder(SamplePassports.RESOLVER, EXPORTED)
        .dppStatus(DppStatus.ACTIVE)
        .warrantyStart(WarrantyStart.PUT_INTO_SERVICE)
        .passportExpiry(LocalDate.of(2046, 12, 31))
        .backupReference("https://backup.packpass.example/passports")
        .businessPartnerNumber(MANUFACTURER_GLN, "BPNL00000003AYRE")
        .businessPartnerNumber("9521234000020", "BPNA00000003B0UT")
        .businessPartnerNumber("9521234000037", "BPNA00000003B1CD")
        .build();
  }

  static Passport ev() {
    // The sample reading lacks power, efficiency, self-discharge and cell values: add them.
    Condition reading = SamplePassports.evReading(READ, 9_123, 250).mergedWith(Condition.of(values(Map.of(
        Quantity.REMAINING_ENERGY, 68_400L,
        Quantity.REMAINING_POWER_CAPABILITY, 141_000L,
        Quantity.REMAINING_POWER_CAPABILITY_AT_20_SOC, 102_500L,
        Quantity.POWER_FADE, 600L,
        Quantity.INTERNAL_RESISTANCE_INCREASE, 313L,
        Quantity.CELL_INTERNAL_RESISTANCE, 1_560L,
        Quantity.CELL_INTERNAL_RESISTANCE_INCREASE, 400L,
        Quantity.ROUND_TRIP_EFFICIENCY, 9_410L,
        Quantity.ROUND_TRIP_EFFICIENCY_FADE, 95L,
        Quantity.SELF_DISCHARGE_RATE, 160L))));
    return passport(SamplePassports.evId(), SamplePassports.evModel(), SamplePassports.evItem(), reading,
        List.of(), BatteryStatus.ORIGINAL);
  }

  static Passport lmt() {
    Condition reading = Condition.of(values(Map.ofEntries(
        Map.entry(Quantity.STATE_OF_HEALTH, 8_850L),
        Map.entry(Quantity.STATE_OF_CERTIFIED_ENERGY, 8_790L),
        Map.entry(Quantity.REMAINING_CAPACITY, 12_390L),
        Map.entry(Quantity.REMAINING_ENERGY, 590L),
        Map.entry(Quantity.CAPACITY_FADE, 1_150L),
        Map.entry(Quantity.REMAINING_POWER_CAPABILITY, 1_380L),
        Map.entry(Quantity.REMAINING_POWER_CAPABILITY_AT_20_SOC, 810L),
        Map.entry(Quantity.POWER_FADE, 800L),
        Map.entry(Quantity.INTERNAL_RESISTANCE, 112_000L),
        Map.entry(Quantity.INTERNAL_RESISTANCE_INCREASE, 1_789L),
        Map.entry(Quantity.CELL_INTERNAL_RESISTANCE, 26_500L),
        Map.entry(Quantity.CELL_INTERNAL_RESISTANCE_INCREASE, 2_045L),
        Map.entry(Quantity.ROUND_TRIP_EFFICIENCY, 9_120L),
        Map.entry(Quantity.ROUND_TRIP_EFFICIENCY_FADE, 194L),
        Map.entry(Quantity.SELF_DISCHARGE_RATE, 260L),
        Map.entry(Quantity.EVOLUTION_OF_SELF_DISCHARGE, 3_000L),
        Map.entry(Quantity.FULL_EQUIVALENT_CYCLES, 31_250L),
        Map.entry(Quantity.ENERGY_THROUGHPUT, 420_500L),
        Map.entry(Quantity.CAPACITY_THROUGHPUT, 8_750_000L),
        Map.entry(Quantity.DEEP_DISCHARGE_EVENTS, 2L),
        Map.entry(Quantity.OVERCHARGE_EVENTS, 0L),
        Map.entry(Quantity.TIME_EXTREME_HIGH_TEMPERATURE, 95L),
        Map.entry(Quantity.TIME_EXTREME_LOW_TEMPERATURE, 1_310L),
        Map.entry(Quantity.TIME_CHARGING_EXTREME_HIGH_TEMPERATURE, 12L),
        Map.entry(Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE, 40L),
        Map.entry(Quantity.STATE_OF_CHARGE, 7_700L),
        Map.entry(Quantity.TEMPERATURE, 184L))));
    List<NegativeEvent> events = List.of(new NegativeEvent(EventType.DEEP_DISCHARGE,
        Instant.parse("2026-07-19T06:40:00Z"), Optional.of("pack left at 0 % SoC for 9 days")));
    return passport(SamplePassports.lmtId(), SamplePassports.lmtModel(), SamplePassports.lmtItem(), reading, events,
        BatteryStatus.RE_USED);
  }

  static Passport stationary() {
    Condition reading = Condition.of(values(Map.ofEntries(
        Map.entry(Quantity.STATE_OF_HEALTH, 9_610L),
        Map.entry(Quantity.STATE_OF_CERTIFIED_ENERGY, 9_580L),
        Map.entry(Quantity.REMAINING_CAPACITY, 192_200L),
        Map.entry(Quantity.REMAINING_ENERGY, 9_810L),
        Map.entry(Quantity.CAPACITY_FADE, 390L),
        Map.entry(Quantity.REMAINING_POWER_CAPABILITY, 4_900L),
        Map.entry(Quantity.REMAINING_POWER_CAPABILITY_AT_20_SOC, 4_850L),
        Map.entry(Quantity.POWER_FADE, 200L),
        Map.entry(Quantity.INTERNAL_RESISTANCE, 12_600L),
        Map.entry(Quantity.INTERNAL_RESISTANCE_INCREASE, 500L),
        Map.entry(Quantity.CELL_INTERNAL_RESISTANCE, 265L),
        Map.entry(Quantity.CELL_INTERNAL_RESISTANCE_INCREASE, 600L),
        Map.entry(Quantity.ROUND_TRIP_EFFICIENCY, 9_540L),
        Map.entry(Quantity.ROUND_TRIP_EFFICIENCY_FADE, 60L),
        Map.entry(Quantity.SELF_DISCHARGE_RATE, 160L),
        Map.entry(Quantity.EVOLUTION_OF_SELF_DISCHARGE, 667L),
        Map.entry(Quantity.FULL_EQUIVALENT_CYCLES, 18_840L),
        Map.entry(Quantity.ENERGY_THROUGHPUT, 3_870_000L),
        Map.entry(Quantity.CAPACITY_THROUGHPUT, 75_360_000L),
        Map.entry(Quantity.DEEP_DISCHARGE_EVENTS, 0L),
        Map.entry(Quantity.OVERCHARGE_EVENTS, 0L),
        Map.entry(Quantity.TIME_EXTREME_HIGH_TEMPERATURE, 0L),
        Map.entry(Quantity.TIME_EXTREME_LOW_TEMPERATURE, 0L),
        Map.entry(Quantity.TIME_CHARGING_EXTREME_HIGH_TEMPERATURE, 0L),
        Map.entry(Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE, 0L),
        Map.entry(Quantity.STATE_OF_CHARGE, 5_500L),
        Map.entry(Quantity.TEMPERATURE, 215L))));
    return passport(SamplePassports.stationaryId(), SamplePassports.stationaryModel(),
        SamplePassports.stationaryItem(), reading, List.of(), BatteryStatus.ORIGINAL);
  }

  /** {@code passport} with another model, condition, status history or predecessors. */
  static Passport with(Passport p, Model model, Optional<Condition> condition, List<StatusRecord> history,
      List<PassportId> predecessors) {
    return new Passport(p.id(), model, p.item(), condition, history, p.events(), p.decisions(), predecessors,
        p.successors(), p.lastUpdate());
  }

  static Passport withCondition(Passport p, Condition condition) {
    return with(p, p.model(), Optional.of(condition), p.statusHistory(), p.predecessors());
  }

  /** {@code m} with another category and carbon footprint stages. */
  static Model model(Model m, Category category, Optional<CarbonFootprintStages> stages) {
    return new Model(m.manufacturer(), m.modelName(), category, m.chemistry(), m.massGrams(), m.performance(),
        m.hazardousSubstances(), m.criticalRawMaterials(), m.recycledContent(), m.renewableContentCpct(),
        m.carbonFootprintGramsPerKwh(), m.carbonFootprintClass(), m.extinguishingAgents(),
        m.declarationOfConformity(), m.dueDiligenceReport(), m.endOfLifeInformation(), m.labelSymbols(),
        m.composition(), m.dismantlingInformation(), m.sparePartSources(), m.safetyMeasures(), m.testReports(),
        stages, m.carbonFootprintStudy(), m.labelsInformation(), m.heavyMetals());
  }

  static Map<Quantity, Measured> values(Map<Quantity, Long> values) {
    Map<Quantity, Measured> measured = new EnumMap<>(Quantity.class);
    values.forEach((q, v) -> measured.put(q, Measured.exact(v, READ, "fixture/1")));
    return measured;
  }

  private static Passport passport(PassportId id, Model model, Item item, Condition reading,
      List<NegativeEvent> events, BatteryStatus status) {
    List<StatusRecord> history = status == BatteryStatus.ORIGINAL
        ? List.of(new StatusRecord(BatteryStatus.ORIGINAL, BORN, "voltaris"))
        : List.of(new StatusRecord(BatteryStatus.ORIGINAL, BORN, "voltaris"),
            new StatusRecord(status, Instant.parse("2026-08-20T09:30:00Z"), "repairer:bikeshop-17"));
    return new Passport(id, model, item, Optional.of(reading), history, events, List.of(), List.of(), List.of(),
        Optional.of(READ));
  }
}
