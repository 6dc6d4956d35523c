package io.packpass.gateway.registry;

import java.util.Locale;

/**
 * The state of a passport record at the registry, shown publicly (it is the registry's own fact,
 * not the Annex XIII battery status, which is legitimate-interest data).
 */
public enum RecordState {
  /** The passport is in use. */
  ACTIVE,
  /** The battery was repurposed or remanufactured and has a new passport (Art. 77(7)); this one is history. */
  SUCCEEDED,
  /** The battery was recycled (Art. 77(8)): nothing more is recorded; the passport stays readable as history. */
  CLOSED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RecordState fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
