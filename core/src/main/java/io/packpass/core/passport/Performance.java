package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.util.Optional;
import java.util.Set;

/**
 * Rated performance and durability of the battery model (Annex XIII 1(g)-(p), Annex IV), the
 * beginning-of-life reference every Annex VII value is compared with. Units fixed per field.
 *
 * <p>CBOR keys: 1 rated-capacity mAh, 2 rated-energy Wh, 3 min-voltage mV, 4 nominal-voltage mV,
 * 5 max-voltage mV, 6 original-power W at 80 % SoC, ? 7 original-power W at 20 % SoC,
 * 8 max-permitted-power W, 9 expected-cycles, ? 10 expected-lifetime years (legitimate interest),
 * ? 11 cycle-life-reference-test, ? 12 c-rate of the cycle-life test in 0.01 C, ? 13 capacity
 * threshold for exhaustion cpct (EV), 14 idle temperature lower dC, 15 idle temperature upper dC,
 * 16 initial round-trip efficiency cpct, ? 17 round-trip efficiency at 50 % of cycle life cpct,
 * 18 initial pack resistance uOhm, ? 19 initial cell resistance uOhm, ? 20 initial self-discharge
 * cpct/month (legitimate interest), ? 21 commercial warranty in months, ? 22 depth of discharge of
 * the cycle-life test cpct, ? 23 temperature of the cycle-life test dC.
 */
public record Performance(
    @Access(Tier.PUBLIC) long ratedCapacityMah,
    @Access(Tier.PUBLIC) long ratedEnergyWh,
    @Access(Tier.PUBLIC) long minVoltageMv,
    @Access(Tier.PUBLIC) long nominalVoltageMv,
    @Access(Tier.PUBLIC) long maxVoltageMv,
    @Access(Tier.PUBLIC) long originalPowerW,
    @Access(Tier.PUBLIC) Optional<Long> originalPowerAt20SocW,
    @Access(Tier.PUBLIC) long maxPermittedPowerW,
    @Access(Tier.PUBLIC) long expectedCycles,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<Long> expectedLifetimeYears,
    @Access(Tier.PUBLIC) Optional<String> cycleLifeReferenceTest,
    @Access(Tier.PUBLIC) Optional<Long> cycleLifeTestCRateCenti,
    @Access(Tier.PUBLIC) Optional<Long> capacityThresholdForExhaustionCpct,
    @Access(Tier.PUBLIC) long idleTemperatureLowerDc,
    @Access(Tier.PUBLIC) long idleTemperatureUpperDc,
    @Access(Tier.PUBLIC) long initialRoundTripEfficiencyCpct,
    @Access(Tier.PUBLIC) Optional<Long> roundTripEfficiencyAt50PercentLifeCpct,
    @Access(Tier.PUBLIC) long initialPackResistanceMicroOhm,
    @Access(Tier.PUBLIC) Optional<Long> initialCellResistanceMicroOhm,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<Long> initialSelfDischargeCpctPerMonth,
    @Access(Tier.PUBLIC) Optional<Long> warrantyMonths,
    @Access(Tier.PUBLIC) Optional<Long> cycleLifeTestDepthOfDischargeCpct,
    @Access(Tier.PUBLIC) Optional<Long> cycleLifeTestTemperatureDc) {

  private static final Set<Long> KEYS = Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L,
      16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L);

  public Performance {
    positive(ratedCapacityMah, "rated capacity");
    positive(ratedEnergyWh, "rated energy");
    positive(minVoltageMv, "minimum voltage");
    if (!(minVoltageMv <= nominalVoltageMv && nominalVoltageMv <= maxVoltageMv)) {
      throw new IllegalArgumentException("voltages must satisfy min <= nominal <= max, got " + minVoltageMv + " / "
          + nominalVoltageMv + " / " + maxVoltageMv + " mV");
    }
    positive(originalPowerW, "original power capability");
    positive(maxPermittedPowerW, "maximum permitted power");
    positive(expectedCycles, "expected number of cycles");
    if (idleTemperatureLowerDc >= idleTemperatureUpperDc) {
      throw new IllegalArgumentException("idle temperature range is empty: " + idleTemperatureLowerDc + " to "
          + idleTemperatureUpperDc + " dC");
    }
    PassportCbor.requireRange(initialRoundTripEfficiencyCpct, "initial round-trip efficiency", 0, 10_000);
    roundTripEfficiencyAt50PercentLifeCpct.ifPresent(v -> PassportCbor.requireRange(v, "RTE at 50 % life", 0, 10_000));
    capacityThresholdForExhaustionCpct.ifPresent(v -> PassportCbor.requireRange(v, "exhaustion threshold", 0, 10_000));
    positive(initialPackResistanceMicroOhm, "initial pack resistance");
    cycleLifeTestDepthOfDischargeCpct.ifPresent(v -> PassportCbor.requireRange(v, "cycle-life test DoD", 1, 10_000));
    cycleLifeTestTemperatureDc.ifPresent(v -> PassportCbor.requireRange(v, "cycle-life test temperature", -2000, 2000));
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  Cbor toCbor() {
    return CborMapBuilder.map()
        .put(1, ratedCapacityMah).put(2, ratedEnergyWh)
        .put(3, minVoltageMv).put(4, nominalVoltageMv).put(5, maxVoltageMv)
        .put(6, originalPowerW).putIfPresent(7, originalPowerAt20SocW.map(Cbor::of))
        .put(8, maxPermittedPowerW).put(9, expectedCycles)
        .putIfPresent(10, expectedLifetimeYears.map(Cbor::of))
        .putIfPresent(11, cycleLifeReferenceTest.map(Cbor::of))
        .putIfPresent(12, cycleLifeTestCRateCenti.map(Cbor::of))
        .putIfPresent(13, capacityThresholdForExhaustionCpct.map(Cbor::of))
        .put(14, idleTemperatureLowerDc).put(15, idleTemperatureUpperDc)
        .put(16, initialRoundTripEfficiencyCpct)
        .putIfPresent(17, roundTripEfficiencyAt50PercentLifeCpct.map(Cbor::of))
        .put(18, initialPackResistanceMicroOhm)
        .putIfPresent(19, initialCellResistanceMicroOhm.map(Cbor::of))
        .putIfPresent(20, initialSelfDischargeCpctPerMonth.map(Cbor::of))
        .putIfPresent(21, warrantyMonths.map(Cbor::of))
        .putIfPresent(22, cycleLifeTestDepthOfDischargeCpct.map(Cbor::of))
        .putIfPresent(23, cycleLifeTestTemperatureDc.map(Cbor::of))
        .build();
  }

  static Performance fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(KEYS);
    long max = Long.MAX_VALUE;
    return PassportCbor.construct(path, () -> new Performance(
        f.requireInt(1), f.requireInt(2), f.requireInt(3), f.requireInt(4), f.requireInt(5),
        f.requireInt(6), f.optionalInt(7, 0, max), f.requireInt(8), f.requireInt(9),
        f.optionalInt(10, 0, 1000), f.optionalText(11, PassportCbor.MAX_URI), f.optionalInt(12, 0, max),
        f.optionalInt(13, 0, 10_000), f.requireInt(14, -2000, 2000), f.requireInt(15, -2000, 2000),
        f.requireInt(16, 0, 10_000), f.optionalInt(17, 0, 10_000), f.requireInt(18),
        f.optionalInt(19, 0, max), f.optionalInt(20, 0, 10_000), f.optionalInt(21, 0, 1200),
        f.optionalInt(22, 1, 10_000), f.optionalInt(23, -2000, 2000)));
  }
}
