package io.packpass.core.passport;

import java.util.Locale;

/** Where a graded battery goes next. CBOR: uint. */
public enum Route {
  REUSE(0),
  REPURPOSE(1),
  REMANUFACTURE(2),
  RECYCLE(3);

  private final int code;

  Route(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Route fromCode(long code) {
    for (Route r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown route code " + code);
  }
}
