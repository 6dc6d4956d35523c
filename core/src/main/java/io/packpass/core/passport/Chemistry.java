package io.packpass.core.passport;

/**
 * Cell chemistry, following the BatteryPass-Ready (GEFEG v1.0) code list, which the EC guidance
 * also uses. CBOR: uint.
 */
public enum Chemistry {
  LI_ION_LCO(1, "Li-ion LCO"),
  LI_ION_LFP(2, "Li-ion LFP"),
  LI_ION_LMO(3, "Li-ion LMO"),
  LI_ION_NCA(4, "Li-ion NCA"),
  LI_ION_NMC(5, "Li-ion NMC"),
  LI_METAL(6, "Li-metal"),
  NA_ION(7, "Na-ion"),
  NI_CD(8, "Ni-Cd"),
  NI_MH(9, "Ni-MH"),
  PB(10, "Pb");

  private final int code;
  private final String label;

  Chemistry(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  /** The GEFEG / EC guidance spelling, e.g. {@code Li-ion NMC}. */
  public String label() {
    return label;
  }

  public static Chemistry fromCode(long code) {
    for (Chemistry c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown chemistry code " + code);
  }
}
