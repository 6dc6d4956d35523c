package io.packpass.agent.estimate;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything the {@link Estimator} needs to know about the pack and how suspicious to be, in the
 * agent's internal units (mV, mA, mAh, dC = 0.1 degree Celsius, cpct = 0.01 %). Build one with
 * {@link #builder(Chemistry, Category, int, long)}, which fills chemistry-dependent defaults; every
 * default can be overridden because the pack's manufacturer, not this code, knows the real limits.
 *
 * <p>Why the thresholds are configurable: Annex VII asks for "time spent in extreme temperatures" and
 * "deep-discharge events" but leaves the boundaries to the manufacturer (passport.md DYN-5 ties them to
 * the passport's idle temperature range and min/max voltage). The defaults below are common data-sheet
 * values, not regulatory ones.
 *
 * @param chemistry cell chemistry; only used to choose defaults and reported for context
 * @param category battery category; {@link Category#EV} makes the estimator report SOCE
 * @param designCapacityMah rated capacity; SOH and full equivalent cycles are relative to it
 * @param nominalVoltageMv rated pack voltage
 * @param seriesCells cells (groups) in series; pack-voltage thresholds are cells x cell threshold
 * @param certifiedEnergyWh certified usable energy for SOCE (default design capacity x nominal voltage)
 * @param cellFullMv top of charge: pack voltage at least cells x this while the charge current has
 *     tapered to at most {@code fullTaperMa}
 * @param cellEmptyMv bottom of discharge: lowest cell (or pack / cells) below this while not charging
 * @param cellDeepDischargeMv deep-discharge floor: lowest cell below it starts an event
 * @param deepDischargeRearmMv the next deep-discharge event needs the lowest cell back above this
 * @param cellOverchargeMv overcharge limit: highest cell above it starts an event
 * @param cellImbalanceMv cell spread (max - min, at quasi-rest) that starts an imbalance event
 * @param fullTaperMa largest charge current still counted as "tapered" at top of charge (default C/20)
 * @param temperatureLowDc lower extreme-temperature boundary: time is counted while the coldest
 *     sensor is below it
 * @param temperatureHighDc upper extreme-temperature boundary: time is counted while the hottest
 *     sensor is above it
 * @param temperatureHysteresisDc how far back inside the boundary a temperature event must return
 *     before the next one is counted
 * @param currentResolutionMa one step of the BMS current reading; the basis of every charge uncertainty
 * @param currentDeadbandMa currents of at most this magnitude are treated as zero in every integral so a
 *     sensor offset at rest does not add throughput for months
 * @param chargingThresholdMa current above which the pack counts as charging (time charging at extremes)
 * @param voltageResolutionMv one step of the pack voltage reading; basis of energy and resistance
 *     uncertainty
 * @param maxGap longest interval between two readings that is still integrated; longer ones are counted
 *     as gaps and break the coulomb count
 * @param minCapacityRatio a segment capacity below design x this is absurd and ignored (counted)
 * @param maxCapacityRatio a segment or BMS full-charge capacity above design x this is absurd and
 *     ignored (counted)
 * @param capacityWindow how many recent segment estimates the median is taken over
 * @param resistanceStepMa smallest current step (|delta I| between two readings) used for dV/dI
 *     (default C/5)
 * @param resistanceMaxInterval two readings further apart than this are not a "step"
 * @param resistanceMaxTemperatureChangeDc a step across a larger temperature change is not used
 * @param resistanceWindow how many recent step estimates the median is taken over
 * @param resistanceMinSamples steps needed before a resistance is reported, and before the first
 *     estimate becomes the baseline for the increase
 * @param initialResistanceUohm beginning-of-life pack resistance (0 = learn it from the first stable
 *     estimate)
 * @param disagreementCpct |BMS SOH - own SOH| beyond this plus the own uncertainty is flagged
 * @param jumpCpct a change of the BMS SOH larger than this between consecutive readings is flagged
 * @param risingCpct a BMS SOH more than this above its lowest earlier value is flagged
 * @param stuckCycles full equivalent cycles with a bit-identical BMS SOH after which "stuck" is
 *     considered (either this or {@code stuckDuration})
 * @param stuckDuration time with a bit-identical BMS SOH after which "stuck" is considered
 * @param socEdgesCpct lower bin edges of the SoC histogram
 * @param temperatureEdgesDc lower bin edges of the temperature histogram; the first bin also holds
 *     anything colder than its edge. Must contain both extreme-temperature boundaries, because DIN DKE
 *     SPEC 99100 asks for bins above and below them; the builder adds them to the default edges.
 * @param ocvTable the cell's OCV(SoC) curve at 25 degrees Celsius for rest-voltage anchors (default
 *     {@link OcvTable#forChemistry}: generic LFP, else generic NMC)
 * @param ocvRest how long |I| must stay within the deadband before the voltage is taken as OCV
 *     (default 30 min, LFP 2 h)
 * @param ocvRelaxationMv allowance for the voltage still relaxing after that rest, mV per cell (default
 *     5, LFP 10), added to the pack voltage resolution / cells
 * @param ocvMaxSocUncertaintyCpct anchors whose SoC uncertainty (voltage error / local OCV slope) is
 *     above this are rejected (default 300 = 3 points; this excludes LFP's plateau)
 * @param ocvMinSwingCpct two anchors are paired only if their SoCs differ by at least this (default
 *     4000 = 40 points)
 * @param ocvMaxSpan two anchors are paired only if at most this far apart (default 7 days)
 */
public record EstimatorConfig(
    Chemistry chemistry,
    Category category,
    long designCapacityMah,
    long nominalVoltageMv,
    int seriesCells,
    long certifiedEnergyWh,
    long cellFullMv,
    long cellEmptyMv,
    long cellDeepDischargeMv,
    long deepDischargeRearmMv,
    long cellOverchargeMv,
    long cellImbalanceMv,
    long fullTaperMa,
    long temperatureLowDc,
    long temperatureHighDc,
    long temperatureHysteresisDc,
    long currentResolutionMa,
    long currentDeadbandMa,
    long chargingThresholdMa,
    long voltageResolutionMv,
    Duration maxGap,
    double minCapacityRatio,
    double maxCapacityRatio,
    int capacityWindow,
    long resistanceStepMa,
    Duration resistanceMaxInterval,
    long resistanceMaxTemperatureChangeDc,
    int resistanceWindow,
    int resistanceMinSamples,
    long initialResistanceUohm,
    long disagreementCpct,
    long jumpCpct,
    long risingCpct,
    double stuckCycles,
    Duration stuckDuration,
    List<Long> socEdgesCpct,
    List<Long> temperatureEdgesDc,
    OcvTable ocvTable,
    Duration ocvRest,
    long ocvRelaxationMv,
    long ocvMaxSocUncertaintyCpct,
    long ocvMinSwingCpct,
    Duration ocvMaxSpan) {

  /** SoC histogram default: 10 % bins, 0 to 100 %. */
  public static final List<Long> DEFAULT_SOC_EDGES_CPCT =
      List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L);

  /**
   * Temperature histogram default, -40 to 60 degrees Celsius with the 0 and 45 degree boundaries as edges
   * so the bins above and below the extreme thresholds stand apart, as DIN DKE SPEC 99100 recommends.
   */
  public static final List<Long> DEFAULT_TEMPERATURE_EDGES_DC =
      List.of(-400L, -200L, -100L, 0L, 100L, 200L, 300L, 400L, 450L, 500L, 600L);

  public EstimatorConfig {
    Objects.requireNonNull(chemistry, "chemistry");
    Objects.requireNonNull(category, "category");
    positive("seriesCells", seriesCells);
    positive("designCapacityMah", designCapacityMah);
    positive("nominalVoltageMv", nominalVoltageMv);
    positive("certifiedEnergyWh", certifiedEnergyWh);
    positive("cellEmptyMv", cellEmptyMv);
    positive("cellDeepDischargeMv", cellDeepDischargeMv);
    if (!(cellDeepDischargeMv < cellEmptyMv && cellEmptyMv < cellFullMv && cellFullMv < cellOverchargeMv)) {
      throw fail("cell thresholds", "need deepDischarge < empty < full < overcharge, were " + cellDeepDischargeMv
          + " < " + cellEmptyMv + " < " + cellFullMv + " < " + cellOverchargeMv);
    }
    if (deepDischargeRearmMv <= cellDeepDischargeMv) {
      throw fail("deepDischargeRearmMv", "must be above cellDeepDischargeMv, was " + deepDischargeRearmMv);
    }
    positive("cellImbalanceMv", cellImbalanceMv);
    positive("fullTaperMa", fullTaperMa);
    if (temperatureLowDc >= temperatureHighDc) {
      throw fail("temperatureLowDc", "must be below temperatureHighDc");
    }
    notNegative("temperatureHysteresisDc", temperatureHysteresisDc);
    positive("currentResolutionMa", currentResolutionMa);
    notNegative("currentDeadbandMa", currentDeadbandMa);
    notNegative("chargingThresholdMa", chargingThresholdMa);
    positive("voltageResolutionMv", voltageResolutionMv);
    positive("maxGap", maxGap);
    if (!(minCapacityRatio > 0 && minCapacityRatio < 1 && maxCapacityRatio > 1)) {
      throw fail("capacity ratios", "need 0 < minCapacityRatio < 1 < maxCapacityRatio");
    }
    positive("capacityWindow", capacityWindow);
    positive("resistanceStepMa", resistanceStepMa);
    positive("resistanceMaxInterval", resistanceMaxInterval);
    notNegative("resistanceMaxTemperatureChangeDc", resistanceMaxTemperatureChangeDc);
    positive("resistanceWindow", resistanceWindow);
    if (resistanceMinSamples < 1 || resistanceMinSamples > resistanceWindow) {
      throw fail("resistanceMinSamples", "must be 1.." + resistanceWindow + ", was " + resistanceMinSamples);
    }
    notNegative("initialResistanceUohm", initialResistanceUohm);
    positive("disagreementCpct", disagreementCpct);
    positive("jumpCpct", jumpCpct);
    positive("risingCpct", risingCpct);
    if (!(stuckCycles > 0)) {
      throw fail("stuckCycles", "must be positive, was " + stuckCycles);
    }
    positive("stuckDuration", stuckDuration);
    socEdgesCpct = edges("socEdgesCpct", socEdgesCpct);
    temperatureEdgesDc = edges("temperatureEdgesDc", temperatureEdgesDc);
    if (!temperatureEdgesDc.contains(temperatureLowDc) || !temperatureEdgesDc.contains(temperatureHighDc)) {
      throw fail("temperatureEdgesDc", "must contain the extreme-temperature boundaries " + temperatureLowDc + " and "
          + temperatureHighDc + " dC as edges, so the histogram separates the time beyond them");
    }
    Objects.requireNonNull(ocvTable, "ocvTable");
    positive("ocvRest", ocvRest);
    notNegative("ocvRelaxationMv", ocvRelaxationMv);
    positive("ocvMaxSocUncertaintyCpct", ocvMaxSocUncertaintyCpct);
    if (ocvMinSwingCpct <= 0 || ocvMinSwingCpct > 10_000) {
      throw fail("ocvMinSwingCpct", "must be 1..10000, was " + ocvMinSwingCpct);
    }
    positive("ocvMaxSpan", ocvMaxSpan);
  }

  /**
   * Voltage error of one rest-OCV reading, mV per cell: the pack voltage resolution spread over the
   * series cells (the anchor uses the mean cell voltage) plus the relaxation allowance.
   */
  double ocvErrorMv() {
    return voltageResolutionMv / (double) seriesCells + ocvRelaxationMv;
  }

  /**
   * A builder pre-filled with defaults for the chemistry: NMC/NCA/LCO/LMO use 4.15 V full, 3.2 V empty,
   * 2.7 V deep-discharge floor, 4.25 V overcharge; LFP uses 3.45 / 2.9 / 2.5 / 3.75 V. Other chemistries
   * start from the NMC numbers and must be set explicitly by the profile.
   */
  public static Builder builder(Chemistry chemistry, Category category, int seriesCells, long designCapacityMah) {
    return new Builder(chemistry, category, seriesCells, designCapacityMah);
  }

  /** Pack-level top-of-charge threshold. */
  long packFullMv() {
    return cellFullMv * seriesCells;
  }

  /** Pack-level empty threshold, used when the BMS gives no cell voltages. */
  long packEmptyMv() {
    return cellEmptyMv * seriesCells;
  }

  private static List<Long> edges(String name, List<Long> edges) {
    List<Long> copy = List.copyOf(edges);
    if (copy.isEmpty() || copy.size() > 64) {
      throw fail(name, "needs 1 to 64 edges, had " + copy.size());
    }
    for (int i = 1; i < copy.size(); i++) {
      if (copy.get(i) <= copy.get(i - 1)) {
        throw fail(name, "edges must increase strictly, " + copy.get(i) + " follows " + copy.get(i - 1));
      }
    }
    return copy;
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw fail(name, "must be positive, was " + value);
    }
  }

  private static void notNegative(String name, long value) {
    if (value < 0) {
      throw fail(name, "must not be negative, was " + value);
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw fail(name, "must be a positive duration, was " + value);
    }
  }

  private static EstimatorException fail(String name, String problem) {
    return new EstimatorException("estimator config: " + name + ": " + problem);
  }

  /** Mutable defaults holder; {@link #build()} validates. */
  public static final class Builder {
    private final Chemistry chemistry;
    private final Category category;
    private final int seriesCells;
    private final long designCapacityMah;
    private long nominalVoltageMv;
    private long certifiedEnergyWh;
    private long cellFullMv;
    private long cellEmptyMv;
    private long cellDeepDischargeMv;
    private long deepDischargeRearmMv;
    private long cellOverchargeMv;
    private long cellImbalanceMv = 100;
    private long fullTaperMa;
    private long temperatureLowDc = 0;
    private long temperatureHighDc = 450;
    private long temperatureHysteresisDc = 20;
    private long currentResolutionMa = 10;
    private long currentDeadbandMa = 20;
    private long chargingThresholdMa;
    private long voltageResolutionMv = 10;
    private Duration maxGap = Duration.ofMinutes(5);
    private double minCapacityRatio = 0.2;
    private double maxCapacityRatio = 1.25;
    private int capacityWindow = 5;
    private long resistanceStepMa;
    private Duration resistanceMaxInterval = Duration.ofSeconds(30);
    private long resistanceMaxTemperatureChangeDc = 20;
    private int resistanceWindow = 9;
    private int resistanceMinSamples = 5;
    private long initialResistanceUohm = 0;
    private long disagreementCpct = 500;
    private long jumpCpct = 300;
    private long risingCpct = 200;
    private double stuckCycles = 50;
    private Duration stuckDuration = Duration.ofDays(90);
    private List<Long> socEdgesCpct = DEFAULT_SOC_EDGES_CPCT;
    private List<Long> temperatureEdgesDc = DEFAULT_TEMPERATURE_EDGES_DC;
    private OcvTable ocvTable;
    private Duration ocvRest;
    private long ocvRelaxationMv;
    private long ocvMaxSocUncertaintyCpct = 300;
    private long ocvMinSwingCpct = 4000;
    private Duration ocvMaxSpan = Duration.ofDays(7);

    private Builder(Chemistry chemistry, Category category, int seriesCells, long designCapacityMah) {
      this.chemistry = Objects.requireNonNull(chemistry, "chemistry");
      this.category = Objects.requireNonNull(category, "category");
      this.seriesCells = seriesCells;
      this.designCapacityMah = designCapacityMah;
      boolean lfp = chemistry == Chemistry.LI_ION_LFP;
      long nominalCellMv = lfp ? 3200 : 3650;
      cellFullMv = lfp ? 3450 : 4150;
      cellEmptyMv = lfp ? 2900 : 3200;
      cellDeepDischargeMv = lfp ? 2500 : 2700;
      deepDischargeRearmMv = cellEmptyMv + 100;
      cellOverchargeMv = lfp ? 3750 : 4250;
      nominalVoltageMv = nominalCellMv * seriesCells;
      certifiedEnergyWh = Math.max(1, designCapacityMah * nominalVoltageMv / 1_000_000);
      fullTaperMa = Math.max(1, designCapacityMah / 20);
      resistanceStepMa = Math.max(1, designCapacityMah / 5);
      chargingThresholdMa = Math.max(currentDeadbandMa, designCapacityMah / 100);
      ocvTable = OcvTable.forChemistry(chemistry);
      // LFP relaxes slower and shows more hysteresis than NMC
      ocvRest = lfp ? Duration.ofHours(2) : Duration.ofMinutes(30);
      ocvRelaxationMv = lfp ? 10 : 5;
    }

    public Builder nominalVoltageMv(long v) {
      nominalVoltageMv = v;
      return this;
    }

    public Builder certifiedEnergyWh(long v) {
      certifiedEnergyWh = v;
      return this;
    }

    /** Sets the four cell voltage thresholds at once; the deep-discharge re-arm follows empty + 100 mV. */
    public Builder cellLimitsMv(long deepDischarge, long empty, long full, long overcharge) {
      cellDeepDischargeMv = deepDischarge;
      cellEmptyMv = empty;
      cellFullMv = full;
      cellOverchargeMv = overcharge;
      deepDischargeRearmMv = empty + 100;
      return this;
    }

    public Builder deepDischargeRearmMv(long v) {
      deepDischargeRearmMv = v;
      return this;
    }

    public Builder cellImbalanceMv(long v) {
      cellImbalanceMv = v;
      return this;
    }

    public Builder fullTaperMa(long v) {
      fullTaperMa = v;
      return this;
    }

    public Builder extremeTemperaturesDc(long low, long high) {
      temperatureLowDc = low;
      temperatureHighDc = high;
      return this;
    }

    public Builder temperatureHysteresisDc(long v) {
      temperatureHysteresisDc = v;
      return this;
    }

    public Builder currentResolutionMa(long v) {
      currentResolutionMa = v;
      return this;
    }

    public Builder currentDeadbandMa(long v) {
      currentDeadbandMa = v;
      return this;
    }

    public Builder chargingThresholdMa(long v) {
      chargingThresholdMa = v;
      return this;
    }

    public Builder voltageResolutionMv(long v) {
      voltageResolutionMv = v;
      return this;
    }

    public Builder maxGap(Duration v) {
      maxGap = v;
      return this;
    }

    public Builder capacityRatios(double min, double max) {
      minCapacityRatio = min;
      maxCapacityRatio = max;
      return this;
    }

    public Builder capacityWindow(int v) {
      capacityWindow = v;
      return this;
    }

    public Builder resistanceStepMa(long v) {
      resistanceStepMa = v;
      return this;
    }

    public Builder resistanceMaxInterval(Duration v) {
      resistanceMaxInterval = v;
      return this;
    }

    public Builder resistanceMaxTemperatureChangeDc(long v) {
      resistanceMaxTemperatureChangeDc = v;
      return this;
    }

    public Builder resistanceWindow(int window, int minSamples) {
      resistanceWindow = window;
      resistanceMinSamples = minSamples;
      return this;
    }

    public Builder initialResistanceUohm(long v) {
      initialResistanceUohm = v;
      return this;
    }

    public Builder disagreementCpct(long v) {
      disagreementCpct = v;
      return this;
    }

    public Builder jumpCpct(long v) {
      jumpCpct = v;
      return this;
    }

    public Builder risingCpct(long v) {
      risingCpct = v;
      return this;
    }

    public Builder stuck(double cycles, Duration duration) {
      stuckCycles = cycles;
      stuckDuration = duration;
      return this;
    }

    public Builder socEdgesCpct(List<Long> v) {
      socEdgesCpct = v;
      return this;
    }

    public Builder temperatureEdgesDc(List<Long> v) {
      temperatureEdgesDc = v;
      return this;
    }

    /** The cell's OCV(SoC) curve; default {@link OcvTable#forChemistry}. */
    public Builder ocvTable(OcvTable v) {
      ocvTable = v;
      return this;
    }

    /** How long |I| must stay within the deadband before the voltage counts as OCV (30 min; LFP 2 h). */
    public Builder ocvRest(Duration v) {
      ocvRest = v;
      return this;
    }

    /** Allowance for the voltage still relaxing after {@link #ocvRest}, mV per cell (5; LFP 10). */
    public Builder ocvRelaxationMv(long v) {
      ocvRelaxationMv = v;
      return this;
    }

    /** An anchor whose SoC uncertainty (from the local slope of the table) is above this is rejected (300). */
    public Builder ocvMaxSocUncertaintyCpct(long v) {
      ocvMaxSocUncertaintyCpct = v;
      return this;
    }

    /** Two anchors are paired only with |delta SoC| at least {@code minSwingCpct} (4000) and at most {@code maxSpan} apart (7 days). */
    public Builder ocvPairing(long minSwingCpct, Duration maxSpan) {
      ocvMinSwingCpct = minSwingCpct;
      ocvMaxSpan = maxSpan;
      return this;
    }

    public EstimatorConfig build() {
      List<Long> temperatureEdges = temperatureEdgesDc;
      if (temperatureEdges == DEFAULT_TEMPERATURE_EDGES_DC) {
        TreeSet<Long> merged = new TreeSet<>(temperatureEdges);
        merged.add(temperatureLowDc);
        merged.add(temperatureHighDc);
        temperatureEdges = List.copyOf(merged);
      }
      return new EstimatorConfig(chemistry, category, designCapacityMah, nominalVoltageMv, seriesCells,
          certifiedEnergyWh, cellFullMv, cellEmptyMv, cellDeepDischargeMv, deepDischargeRearmMv, cellOverchargeMv,
          cellImbalanceMv, fullTaperMa, temperatureLowDc, temperatureHighDc, temperatureHysteresisDc,
          currentResolutionMa, currentDeadbandMa, chargingThresholdMa, voltageResolutionMv, maxGap,
          minCapacityRatio, maxCapacityRatio, capacityWindow, resistanceStepMa, resistanceMaxInterval,
          resistanceMaxTemperatureChangeDc, resistanceWindow, resistanceMinSamples, initialResistanceUohm,
          disagreementCpct, jumpCpct, risingCpct, stuckCycles, stuckDuration, socEdgesCpct, temperatureEdges,
          ocvTable, ocvRest, ocvRelaxationMv, ocvMaxSocUncertaintyCpct, ocvMinSwingCpct, ocvMaxSpan);
    }
  }
}
