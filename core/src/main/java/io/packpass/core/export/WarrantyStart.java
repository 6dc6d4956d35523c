package io.packpass.core.export;

/**
 * The event the commercial warranty of a battery model runs from, as its warranty terms say. The
 * passport holds the period in months; BatteryPass-Ready wants the expiry date, so the exporter
 * must be told where to count from (see {@link ExportContext.Builder#warrantyStart}).
 */
public enum WarrantyStart {
  /** {@code Item.manufacturingDate}, public. */
  MANUFACTURING_DATE,
  /** {@code Item.putIntoService}, legitimate interest: a public view cannot give the expiry date. */
  PUT_INTO_SERVICE
}
