package io.packpass.core.passport;

/** Battery category (Art. 3, Annex XIII); decides which Annex VII values apply. CBOR: uint. */
public enum Category {
  EV(1, "electric vehicle battery"),
  LMT(2, "light means of transport battery"),
  INDUSTRIAL(3, "industrial battery (> 2 kWh)"),
  STATIONARY(4, "stationary battery energy storage system");

  private final int code;
  private final String label;

  Category(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Category fromCode(long code) {
    for (Category c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown battery category code " + code);
  }
}
