package io.packpass.core.label;

import io.packpass.core.passport.HeavyMetals;
import io.packpass.core.passport.Model;
import java.util.EnumSet;
import java.util.Set;

/**
 * The hazard facts a battery label states, each one bit of the signed label's flags.
 *
 * <p>Regulation (EU) 2023/1542: Annex VI Part A (8) asks the label to name hazardous substances
 * other than mercury, cadmium and lead; Art. 13(5) asks for the chemical symbols Cd above 0.002 %
 * (20 ppm) cadmium and Pb above 0.004 % (40 ppm) lead by weight, beneath the separate-collection
 * symbol.
 */
public enum Hazard {
  /** Hazardous substances other than Hg, Cd and Pb are present (Annex VI Part A (8)). */
  OTHER_HAZARDOUS_SUBSTANCES(0),
  /** More than 0.002 % cadmium: the label carries "Cd" (Art. 13(5)). */
  CADMIUM_MARK(1),
  /** More than 0.004 % lead: the label carries "Pb" (Art. 13(5)). */
  LEAD_MARK(2);

  /** Art. 13(5) thresholds in parts per million by weight. */
  static final long CADMIUM_THRESHOLD_PPM = 20;
  static final long LEAD_THRESHOLD_PPM = 40;

  private final int bit;

  Hazard(int bit) {
    this.bit = bit;
  }

  /** The flags of {@code model}: a model that declares no heavy-metal content gets no Cd/Pb mark. */
  public static Set<Hazard> of(Model model) {
    EnumSet<Hazard> out = EnumSet.noneOf(Hazard.class);
    if (!model.hazardousSubstances().isEmpty()) {
      out.add(OTHER_HAZARDOUS_SUBSTANCES);
    }
    if (model.heavyMetals().map(HeavyMetals::cadmiumPpm).orElse(0L) > CADMIUM_THRESHOLD_PPM) {
      out.add(CADMIUM_MARK);
    }
    if (model.heavyMetals().map(HeavyMetals::leadPpm).orElse(0L) > LEAD_THRESHOLD_PPM) {
      out.add(LEAD_MARK);
    }
    return out;
  }

  static long toBits(Set<Hazard> hazards) {
    long bits = 0;
    for (Hazard h : hazards) {
      bits |= 1L << h.bit;
    }
    return bits;
  }

  /** The set of {@code bits}; empty when a bit no flag owns is set (the caller rejects it). */
  static Set<Hazard> fromBits(long bits) {
    EnumSet<Hazard> out = EnumSet.noneOf(Hazard.class);
    for (Hazard h : values()) {
      if ((bits & (1L << h.bit)) != 0) {
        out.add(h);
      }
    }
    return toBits(out) == bits ? out : null;
  }
}
