package io.packpass.core.passport;

/**
 * Battery status, exactly the values of Annex XIII 4(c). Repurposing and remanufacturing give the
 * battery a new passport linked to this one (Art. 77(7)); re-use and waste keep it. CBOR: uint.
 */
public enum BatteryStatus {
  ORIGINAL(0, "original"),
  RE_USED(1, "re-used"),
  REPURPOSED(2, "repurposed"),
  REMANUFACTURED(3, "remanufactured"),
  WASTE(4, "waste");

  private final int code;
  private final String value;

  BatteryStatus(int code, String value) {
    this.code = code;
    this.value = value;
  }

  public int code() {
    return code;
  }

  /** The regulation's spelling, e.g. {@code re-used}. */
  public String value() {
    return value;
  }

  /** Whether entering this status starts a new passport linked to the old one (Art. 77(7)). */
  public boolean needsNewPassport() {
    return this == REPURPOSED || this == REMANUFACTURED;
  }

  public static BatteryStatus fromCode(long code) {
    for (BatteryStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown battery status code " + code);
  }

  public static BatteryStatus fromValue(String value) {
    for (BatteryStatus s : values()) {
      if (s.value.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown battery status '" + value
        + "' (expected original, re-used, repurposed, remanufactured or waste)");
  }
}
