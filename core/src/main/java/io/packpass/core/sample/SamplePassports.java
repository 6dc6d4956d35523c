package io.packpass.core.sample;

import io.packpass.core.id.Gtin;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import io.packpass.core.passport.CarbonFootprintStages;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.HeavyMetals;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Party;
import io.packpass.core.passport.Performance;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.RecycledShare;
import io.packpass.core.passport.Substance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/**
 * Sample passports for the demo, the documentation and the tests: an EV pack, an LMT (e-bike)
 * pack and a stationary storage pack, with plausible figures. GTINs use the GS1 demo prefix 952,
 * which is reserved for examples and never identifies a real product.
 */
public final class SamplePassports {
  public static final String RESOLVER = "https://id.packpass.example";

  private static final Party MANUFACTURER = new Party("Voltaris Demo Cells GmbH", Optional.of("9521234000013"),
      Optional.of("Batteriestrasse 1, 38100 Braunschweig, Germany"), Optional.of("https://voltaris.example"),
      Optional.of("passport@voltaris.example"));
  /** GS1 GLNs of the two plants (demo prefix 952). */
  private static final String BRAUNSCHWEIG_PLANT = "9521234000020";
  private static final String BRNO_PLANT = "9521234000037";

  private SamplePassports() {
  }

  public static PassportId evId() {
    return new PassportId(Gtin.parse("09521234000013"), new Serial("EV75-000123"));
  }

  public static PassportId lmtId() {
    return new PassportId(Gtin.withCheckDigit("0952123400002"), new Serial("LMT-48-0042"));
  }

  public static PassportId stationaryId() {
    return new PassportId(Gtin.withCheckDigit("0952123400003"), new Serial("ESS10-7781"));
  }

  public static Model evModel() {
    Performance performance = new Performance(214_000, 75_000, 268_800, 350_400, 403_200, 150_000,
        Optional.of(110_000L), 170_000, 2_000, Optional.of(10L), Optional.of("https://voltaris.example/tests/cycle-life-ev75.pdf"),
        Optional.of(33L), Optional.of(7_000L), -200, 450, 9_500, Optional.of(9_200L), 72_000, Optional.of(1_500L),
        Optional.of(150L), Optional.of(96L), Optional.of(10_000L), Optional.of(250L));
    return model("Voltaris EV75", Category.EV, Chemistry.LI_ION_NMC, 450_000, performance);
  }

  public static Model lmtModel() {
    Performance performance = new Performance(14_000, 672, 39_000, 48_100, 54_600, 1_500, Optional.of(900L), 1_800,
        800, Optional.of(5L), Optional.of("https://voltaris.example/tests/cycle-life-bike-48-14.pdf"), Optional.of(50L),
        Optional.of(6_000L), -100, 400, 9_300, Optional.of(9_000L), 95_000, Optional.of(22_000L), Optional.of(200L),
        Optional.of(24L), Optional.of(10_000L), Optional.of(250L));
    return model("Voltaris Bike 48/14", Category.LMT, Chemistry.LI_ION_NMC, 3_400, performance);
  }

  public static Model stationaryModel() {
    Performance performance = new Performance(200_000, 10_240, 44_800, 51_200, 57_600, 5_000, Optional.of(5_000L),
        6_000, 6_000, Optional.of(15L), Optional.of("https://voltaris.example/tests/cycle-life-home-10.pdf"),
        Optional.of(50L), Optional.of(7_000L), -100, 500, 9_600, Optional.of(9_400L), 12_000, Optional.of(250L),
        Optional.of(150L), Optional.of(120L), Optional.of(9_000L), Optional.of(250L));
    return model("Voltaris Home 10", Category.STATIONARY, Chemistry.LI_ION_LFP, 95_000, performance);
  }

  private static Model model(String name, Category category, Chemistry chemistry, long massGrams,
      Performance performance) {
    boolean nickelBased = chemistry == Chemistry.LI_ION_NMC;
    List<Substance> hazardous = List.of(
        new Substance("Lithium hexafluorophosphate", Optional.of("21324-40-3"), Optional.of("electrolyte"),
            Optional.of(150L), Optional.of("Acute toxicity; releases hydrogen fluoride in a fire")));
    List<String> criticalRawMaterials = nickelBased ? List.of("cobalt", "lithium", "natural graphite", "nickel")
        : List.of("lithium", "natural graphite", "phosphate rock");
    List<RecycledShare> recycled = nickelBased
        ? List.of(new RecycledShare("cobalt", 400, 1_200), new RecycledShare("lithium", 100, 500),
            new RecycledShare("nickel", 200, 600), new RecycledShare("lead", 0, 0))
        : List.of(new RecycledShare("cobalt", 0, 0), new RecycledShare("lithium", 100, 400),
            new RecycledShare("nickel", 0, 0), new RecycledShare("lead", 0, 0));
    List<Substance> composition = nickelBased
        ? List.of(
            new Substance("NMC 811 cathode active material", Optional.empty(), Optional.of("cathode"), Optional.of(3_100L),
                Optional.empty()),
            new Substance("Graphite", Optional.of("7782-42-5"), Optional.of("anode"), Optional.of(1_600L), Optional.empty()),
            new Substance("LiPF6 in EC/DMC", Optional.empty(), Optional.of("electrolyte"), Optional.of(1_100L),
                Optional.empty()))
        : List.of(
            new Substance("Lithium iron phosphate", Optional.of("15365-14-7"), Optional.of("cathode"),
                Optional.of(3_000L), Optional.empty()),
            new Substance("Graphite", Optional.of("7782-42-5"), Optional.of("anode"), Optional.of(1_500L), Optional.empty()));
    String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    return new Model(MANUFACTURER, name, category, chemistry, massGrams, performance, hazardous, criticalRawMaterials,
        recycled, Optional.of(500L), Optional.of(61_500L), Optional.of("B"), List.of("ABC powder", "water (large amounts)"),
        Optional.of("https://voltaris.example/doc/" + slug + "/declaration-of-conformity.pdf"),
        Optional.of("https://voltaris.example/doc/due-diligence-2026.pdf"),
        Optional.of("https://voltaris.example/end-of-life"),
        List.of("separate-collection", "CE"), composition,
        List.of("https://voltaris.example/doc/" + slug + "/dismantling-manual.pdf"),
        List.of("Voltaris service parts, parts@voltaris.example"),
        Optional.of("Disconnect the service plug and wait 10 minutes before opening; wear class 0 insulating gloves."),
        List.of("https://voltaris.example/doc/" + slug + "/un38.3-test-report.pdf"),
        Optional.of(new CarbonFootprintStages(35_000, 22_000, 1_500, 3_000)),
        Optional.of("https://voltaris.example/doc/" + slug + "/carbon-footprint-study.pdf"),
        Optional.of("https://voltaris.example/doc/" + slug + "/labels"),
        Optional.of(new HeavyMetals(1, 5, 20)));
  }

  public static Item evItem() {
    return new Item(LocalDate.of(2026, 3, 2), "Braunschweig, Germany", Optional.of("B2026-09"),
        Optional.of(MANUFACTURER), Optional.of(LocalDate.of(2026, 5, 14)),
        Optional.of(192L), Optional.of("96s2p"), List.of("module: VM-12-2P", "BMS: VB-96"),
        Optional.of(BRAUNSCHWEIG_PLANT));
  }

  public static Item lmtItem() {
    return new Item(LocalDate.of(2026, 1, 20), "Brno, Czechia", Optional.of("L2026-01"), Optional.of(MANUFACTURER),
        Optional.of(LocalDate.of(2026, 4, 1)), Optional.of(52L), Optional.of("13s4p"), List.of("BMS: VB-13"),
        Optional.of(BRNO_PLANT));
  }

  public static Item stationaryItem() {
    return new Item(LocalDate.of(2025, 11, 5), "Braunschweig, Germany", Optional.of("S2025-45"),
        Optional.of(MANUFACTURER), Optional.of(LocalDate.of(2026, 2, 10)), Optional.of(16L), Optional.of("16s1p"),
        List.of("BMS: VB-16"), Optional.of(BRAUNSCHWEIG_PLANT));
  }

  /**
   * A reading as an agent would sign it for a pack at {@code sohCpct} state of health after
   * {@code cycles} full equivalent cycles.
   */
  public static Condition evReading(Instant time, long sohCpct, long cycles) {
    return evReading(time, sohCpct, cycles, cycles / 400);
  }

  /** As {@link #evReading(Instant, long, long)}, with the deep-discharge counter given. */
  public static Condition evReading(Instant time, long sohCpct, long cycles, long deepDischarges) {
    EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
    long rated = 214_000;
    long remaining = rated * sohCpct / 10_000;
    values.put(Quantity.STATE_OF_HEALTH, new Measured(sohCpct, time, "coulomb-counting/1", 150));
    values.put(Quantity.STATE_OF_CERTIFIED_ENERGY, new Measured(sohCpct - 40, time, "energy-counting/1", 200));
    values.put(Quantity.REMAINING_CAPACITY, new Measured(remaining, time, "coulomb-counting/1", 320));
    values.put(Quantity.CAPACITY_FADE, new Measured(10_000 - sohCpct, time, "derived/1", 150));
    values.put(Quantity.INTERNAL_RESISTANCE, new Measured(72_000 + cycles * 9, time, "dcir-pulse/1", 1_500));
    values.put(Quantity.FULL_EQUIVALENT_CYCLES, Measured.exact(cycles * 100, time, "ah-throughput/1"));
    values.put(Quantity.ENERGY_THROUGHPUT, Measured.exact(cycles * 72_000, time, "energy-counting/1"));
    values.put(Quantity.CAPACITY_THROUGHPUT, Measured.exact(cycles * 2 * rated, time, "coulomb-counting/1"));
    values.put(Quantity.DEEP_DISCHARGE_EVENTS, Measured.exact(deepDischarges, time, "voltage-threshold/1"));
    values.put(Quantity.TIME_EXTREME_HIGH_TEMPERATURE, Measured.exact(cycles / 10, time, "temperature-threshold/1"));
    values.put(Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE, Measured.exact(cycles / 50, time, "temperature-threshold/1"));
    values.put(Quantity.STATE_OF_CHARGE, new Measured(6_450, time, "bms-reported", 300));
    values.put(Quantity.TEMPERATURE, new Measured(231, time, "bms-reported", 10));
    return Condition.of(values);
  }
}
