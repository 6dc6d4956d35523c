package io.packpass.agent.bus.sim.pack;

import java.util.Objects;

/**
 * Physical constants of one simulated pack. {@link #of} fills literature-scale defaults from the
 * chemistry and the nominal size; every field says its unit and where its default comes from.
 *
 * @param chemistry cell chemistry (OCV curve, voltage limits, fade coefficients)
 * @param seriesCells cell groups in series
 * @param parallelCells cells in parallel per group (documentation: the model treats a group as one cell)
 * @param capacityAh capacity of one group when new, Ah (= pack design capacity)
 * @param groupResistanceOhm DC resistance of one group at 25 °C when new, Ω. Default: a specific
 *     resistance of 0.075 Ω·Ah divided by the capacity (large-format NMC/LFP cells measure about
 *     0.05–0.1 Ω·Ah: 60 Ah ≈ 1 mΩ; 18650 3.4 Ah ≈ 30 mΩ is higher, hence e-bike packs sag more)
 * @param resistanceActivationJPerMol Arrhenius activation energy of the resistance, J/mol. Default
 *     20 kJ/mol: resistance roughly doubles from 25 °C to −5 °C (typical electrolyte/charge-transfer scale)
 * @param thermalMassJPerK heat capacity of the pack, J/K. Default: mass from energy at 150 Wh/kg (NMC)
 *     or 110 Wh/kg (LFP) pack level, times 1000 J/(kg·K) (cells about 900–1100 J/(kg·K))
 * @param coolingWPerK heat conductance to ambient, W/K. Default 0.4 W/K per kg of pack: an assumption
 *     that gives thermal time constants of about 40 min, between a liquid-cooled EV pack and a passive box
 * @param calendarActivationJPerMol Arrhenius activation energy of calendar fade, J/mol. Default 50 kJ/mol:
 *     literature fits range 20–80 kJ/mol; 50 kJ/mol about doubles the rate per 10 K near 25 °C
 * @param resistanceGrowthPerFade relative resistance growth per unit relative capacity fade. Default 2.5
 *     (20 % fade → +50 % resistance): an assumption; studies report 1–3
 * @param balanceCurrentA passive balancing bleed current per cell, A. Default max(0.05 A, C/1000):
 *     JBD-class BMSs bleed 30–60 mA, EV BMSs 100–200 mA
 * @param deepDischargeFade extra permanent capacity loss (fraction) the first time a cell goes below
 *     {@link Chemistry#floorVoltageV()} during an event. Default 0.02: an assumption (copper
 *     dissolution makes over-discharged cells lose capacity and, at worst, short later)
 */
public record PackParameters(Chemistry chemistry, int seriesCells, int parallelCells, double capacityAh,
    double groupResistanceOhm, double resistanceActivationJPerMol, double thermalMassJPerK, double coolingWPerK,
    double calendarActivationJPerMol, double resistanceGrowthPerFade, double balanceCurrentA,
    double deepDischargeFade) {

  /** Specific resistance used for the default group resistance, Ω·Ah. */
  public static final double SPECIFIC_RESISTANCE_OHM_AH = 0.075;

  public PackParameters {
    Objects.requireNonNull(chemistry, "chemistry");
    positive("seriesCells", seriesCells);
    positive("parallelCells", parallelCells);
    positive("capacityAh", capacityAh);
    positive("groupResistanceOhm", groupResistanceOhm);
    positive("thermalMassJPerK", thermalMassJPerK);
    positive("coolingWPerK", coolingWPerK);
    if (resistanceActivationJPerMol < 0 || calendarActivationJPerMol < 0 || resistanceGrowthPerFade < 0
        || balanceCurrentA < 0 || deepDischargeFade < 0 || deepDischargeFade >= 1) {
      throw new IllegalArgumentException("pack parameters: activation energies, resistance growth, balance current"
          + " must not be negative and deep-discharge fade must be in [0, 1)");
    }
  }

  /** Defaults for a pack of {@code series} groups of {@code capacityAh}. */
  public static PackParameters of(Chemistry chemistry, int series, int parallel, double capacityAh) {
    double energyWh = series * capacityAh * chemistry.ocv(0.5);
    double massKg = energyWh / (chemistry == Chemistry.LFP ? 110 : 150);
    return new PackParameters(chemistry, series, parallel, capacityAh, SPECIFIC_RESISTANCE_OHM_AH / capacityAh,
        20_000, massKg * 1000, massKg * 0.4, 50_000, 2.5, Math.max(0.05, capacityAh / 1000), 0.02);
  }

  /** A copy with another group resistance (e.g. small cylindrical cells). */
  public PackParameters withGroupResistanceOhm(double ohm) {
    return new PackParameters(chemistry, seriesCells, parallelCells, capacityAh, ohm, resistanceActivationJPerMol,
        thermalMassJPerK, coolingWPerK, calendarActivationJPerMol, resistanceGrowthPerFade, balanceCurrentA,
        deepDischargeFade);
  }

  /** Nominal energy, Wh (series × capacity × OCV at 50 %). */
  public double nominalEnergyWh() {
    return seriesCells * capacityAh * chemistry.ocv(0.5);
  }

  private static void positive(String name, double v) {
    if (!(v > 0)) {
      throw new IllegalArgumentException("pack parameters: " + name + " must be positive, got " + v);
    }
  }
}
