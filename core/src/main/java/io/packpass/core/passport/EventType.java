package io.packpass.core.passport;

import java.util.Locale;

/** Kinds of negative events (Annex VII Part B (4), Annex XIII 4(d)). CBOR: uint. */
public enum EventType {
  DEEP_DISCHARGE(1),
  OVERCHARGE(2),
  OVER_TEMPERATURE(3),
  CHARGING_AT_EXTREME_TEMPERATURE(4),
  CELL_IMBALANCE(5),
  BMS_FAULT(6),
  ACCIDENT(7),
  OTHER(8);

  private final int code;

  EventType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static EventType fromCode(long code) {
    for (EventType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown event type code " + code);
  }
}
