package io.packpass.core.export;

/**
 * Status of the passport record itself (BatteryPass-Ready {@code DPPStatus}), as the registry that
 * keeps it knows it; distinct from the battery's status. Spelled by {@link Normalisation#dppStatus}.
 */
public enum DppStatus {
  ACTIVE,
  ARCHIVED,
  INACTIVE,
  MARKED_FOR_DELETION
}
