package io.packpass.gateway.store;

import java.util.List;
import java.util.Map;

/** Port: what was refused, and why. */
public interface QuarantineLog {
  /** The newest entries first, at most {@code max}. */
  List<QuarantineEntry> recentQuarantine(int max);

  /** How many entries each reason has (reasons without entries are left out). */
  Map<QuarantineReason, Long> quarantineCounts();
}
