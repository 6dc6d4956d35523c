package io.packpass.agent.estimate;

import io.packpass.core.passport.Chemistry;
import java.util.Arrays;
import java.util.List;

/**
 * A cell's open-circuit voltage as a function of state of charge at 25 degrees Celsius: points (SoC in
 * cpct, cell voltage in mV), linearly interpolated, both strictly increasing so the curve can be
 * inverted. Used by {@link OcvAnchors} to read the SoC of a rested pack from its voltage.
 *
 * <p>The generic tables are <b>typical, assumed values</b>, not a measured datasheet: their shapes follow
 * published graphite-anode curves (NMC slopes steadily from about 3.3 to 4.2 V with the steepest parts
 * below 10 % and above 80 %; LFP sits on a plateau near 3.3 V with under 1 mV per SoC point between
 * about 25 % and 90 %, knees at both ends); the numbers themselves are assumed, not copied from a
 * cited curve or datasheet, and not checked against one. 0 % means "empty at a low-rate
 * discharge to the cell's cut-off", 100 % "full after CC-CV to the charge voltage and a rest". A real
 * deployment should configure the cell datasheet's curve ({@link EstimatorConfig.Builder#ocvTable}).
 * NCA, LCO and LMO use the NMC table: their curves differ by a few tens of mV, which the SoC-uncertainty
 * limit does not cover, so configure theirs when it matters.
 */
public final class OcvTable {
  /** Typical NMC/graphite cell, 25 degrees Celsius, 4.2 V charge voltage (assumed values, see class comment). */
  public static final OcvTable NMC = new OcvTable("generic NMC 25C (typical)",
      List.of(0L, 500L, 1000L, 1500L, 2000L, 2500L, 3000L, 3500L, 4000L, 4500L, 5000L, 5500L, 6000L, 6500L, 7000L,
          7500L, 8000L, 8500L, 9000L, 9500L, 10_000L),
      List.of(3270L, 3420L, 3500L, 3550L, 3585L, 3612L, 3635L, 3655L, 3675L, 3697L, 3722L, 3752L, 3788L, 3828L,
          3870L, 3912L, 3955L, 4000L, 4052L, 4110L, 4190L));

  /** Typical LFP/graphite cell, 25 degrees Celsius, 3.55-3.65 V charge voltage (assumed values, see class comment). */
  public static final OcvTable LFP = new OcvTable("generic LFP 25C (typical)",
      List.of(0L, 500L, 1000L, 1500L, 2000L, 2500L, 3000L, 3500L, 4000L, 4500L, 5000L, 5500L, 6000L, 6500L, 7000L,
          7500L, 8000L, 8500L, 9000L, 9500L, 10_000L),
      List.of(2800L, 3050L, 3190L, 3235L, 3258L, 3272L, 3282L, 3288L, 3292L, 3295L, 3297L, 3300L, 3304L, 3313L,
          3323L, 3328L, 3331L, 3334L, 3340L, 3358L, 3450L));

  private final String source;
  private final long[] socCpct;
  private final long[] cellMv;

  /**
   * @param source a short name for the curve, named in the method text of nothing but kept for the state
   *     and logs (e.g. "Samsung 50E datasheet")
   * @throws EstimatorException unless both lists have the same 2 to 64 points, strictly increasing, SoC
   *     within 0..10000 cpct and voltages positive
   */
  public OcvTable(String source, List<Long> socCpct, List<Long> cellMv) {
    this.source = source == null ? "" : source;
    if (socCpct.size() != cellMv.size() || socCpct.size() < 2 || socCpct.size() > 64) {
      throw fail("needs 2 to 64 (SoC, mV) points of equal count, had " + socCpct.size() + " and " + cellMv.size());
    }
    this.socCpct = socCpct.stream().mapToLong(Long::longValue).toArray();
    this.cellMv = cellMv.stream().mapToLong(Long::longValue).toArray();
    for (int i = 0; i < this.socCpct.length; i++) {
      if (this.socCpct[i] < 0 || this.socCpct[i] > 10_000) {
        throw fail("SoC points must lie within 0..10000 cpct, was " + this.socCpct[i]);
      }
      if (this.cellMv[i] <= 0) {
        throw fail("voltages must be positive, was " + this.cellMv[i]);
      }
      if (i > 0 && this.socCpct[i] <= this.socCpct[i - 1]) {
        throw fail("SoC must increase strictly, " + this.socCpct[i] + " follows " + this.socCpct[i - 1]);
      }
      if (i > 0 && this.cellMv[i] <= this.cellMv[i - 1]) {
        throw fail("OCV must increase strictly with SoC (monotonic), " + this.cellMv[i] + " mV at "
            + this.socCpct[i] + " cpct follows " + this.cellMv[i - 1] + " mV");
      }
    }
  }

  /** The generic table for a chemistry: LFP for LFP, NMC for everything else (see the class comment). */
  public static OcvTable forChemistry(Chemistry chemistry) {
    return chemistry == Chemistry.LI_ION_LFP ? LFP : NMC;
  }

  public String source() {
    return source;
  }

  public List<Long> socCpct() {
    return Arrays.stream(socCpct).boxed().toList();
  }

  public List<Long> cellMv() {
    return Arrays.stream(cellMv).boxed().toList();
  }

  /** Cell OCV at a SoC, clamped to the table's ends. */
  public double cellMvAt(double soc) {
    int last = socCpct.length - 1;
    if (soc <= socCpct[0]) {
      return cellMv[0];
    }
    if (soc >= socCpct[last]) {
      return cellMv[last];
    }
    int i = 1;
    while (socCpct[i] < soc) {
      i++;
    }
    return cellMv[i - 1] + (cellMv[i] - cellMv[i - 1]) * (soc - socCpct[i - 1]) / (socCpct[i] - socCpct[i - 1]);
  }

  /**
   * SoC in cpct at a rest cell voltage. A voltage beyond the table's ends reads as its end point: a cell
   * resting above the "full" voltage is full (the SoC window ends there), below "empty" it is empty.
   */
  public double socCpctAt(double mv) {
    int last = cellMv.length - 1;
    if (mv <= cellMv[0]) {
      return socCpct[0];
    }
    if (mv >= cellMv[last]) {
      return socCpct[last];
    }
    int i = 1;
    while (cellMv[i] < mv) {
      i++;
    }
    return socCpct[i - 1] + (socCpct[i] - socCpct[i - 1]) * (mv - cellMv[i - 1]) / (cellMv[i] - cellMv[i - 1]);
  }

  /**
   * Half the SoC span (cpct) that voltages within +/- {@code errorMv} of {@code mv} map to: the SoC error a
   * voltage error produces where the curve is, i.e. errorMv / local slope, taken over the band so a band
   * reaching into a flatter segment counts that segment. At the table's ends, where the band is cut off by
   * the clamp, the slope of the end segment is used instead, so the uncertainty never shrinks to zero.
   */
  public double socUncertaintyCpct(double mv, double errorMv) {
    double band = (socCpctAt(mv + errorMv) - socCpctAt(mv - errorMv)) / 2;
    int last = cellMv.length - 1;
    double bottom = errorMv * (socCpct[1] - socCpct[0]) / (double) (cellMv[1] - cellMv[0]);
    double top = errorMv * (socCpct[last] - socCpct[last - 1]) / (double) (cellMv[last] - cellMv[last - 1]);
    if (mv - errorMv <= cellMv[0]) {
      band = Math.max(band, bottom);
    }
    if (mv + errorMv >= cellMv[last]) {
      band = Math.max(band, top);
    }
    return band;
  }

  private static EstimatorException fail(String problem) {
    return new EstimatorException("estimator config: ocvTable: " + problem);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OcvTable t && source.equals(t.source) && Arrays.equals(socCpct, t.socCpct)
        && Arrays.equals(cellMv, t.cellMv);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * source.hashCode() + Arrays.hashCode(socCpct)) + Arrays.hashCode(cellMv);
  }

  @Override
  public String toString() {
    return "OcvTable[" + source + ", " + socCpct.length + " points]";
  }
}
