package io.packpass.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BatterySnapshot.Identity;
import io.packpass.agent.bms.SnapshotFields;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A {@link BatterySnapshot} for people (aligned lines with units) and for programs (one JSON object
 * per line, integers in PackPass's internal units, field names as in {@link BatterySnapshot}; see
 * {@code agent/README.md}). A value the BMS did not give is {@code null} in JSON; when the driver
 * expected it, it is also named in {@code missing} (and shown as {@code (missing)} to people).
 */
final class SnapshotOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LABEL = 19;

  private SnapshotOutput() {
  }

  /** One line of JSON, no trailing newline. */
  static String json(BatterySnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", s.time().truncatedTo(ChronoUnit.MILLIS).toString());
    m.put(SnapshotFields.PACK_VOLTAGE_MV, s.packVoltageMv().orElse(null));
    m.put(SnapshotFields.CURRENT_MA, s.currentMa().orElse(null));
    m.put(SnapshotFields.TEMPERATURES_DC, s.temperaturesDc());
    m.put(SnapshotFields.CELL_VOLTAGES_MV, s.cellVoltagesMv());
    m.put(SnapshotFields.STATE_OF_CHARGE_CPCT, s.stateOfChargeCpct().orElse(null));
    m.put(SnapshotFields.REMAINING_CAPACITY_MAH, s.remainingCapacityMah().orElse(null));
    m.put(SnapshotFields.FULL_CHARGE_CAPACITY_MAH, s.fullChargeCapacityMah().orElse(null));
    m.put(SnapshotFields.DESIGN_CAPACITY_MAH, s.designCapacityMah().orElse(null));
    m.put(SnapshotFields.CYCLE_COUNT, s.cycleCount().orElse(null));
    m.put(SnapshotFields.BMS_STATE_OF_HEALTH_CPCT, s.bmsStateOfHealthCpct().orElse(null));
    m.put(SnapshotFields.ALARMS, alarms(s));
    Identity id = s.identity();
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("manufacturer", id.manufacturer().orElse(null));
    identity.put("deviceName", id.deviceName().orElse(null));
    identity.put("serialNumber", id.serialNumber().orElse(null));
    identity.put("manufactureDate", id.manufactureDate().map(LocalDate::toString).orElse(null));
    m.put("identity", identity);
    m.put("missing", new ArrayList<>(new TreeSet<>(s.missing())));
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write snapshot JSON", e);
    }
  }

  private static List<String> alarms(BatterySnapshot s) {
    return s.alarms().stream().sorted().map(Alarm::name).toList();
  }

  /** Aligned lines with units; {@code title} first (e.g. the profile). */
  static void text(PrintWriter out, String title, BatterySnapshot s) {
    line(out, "profile", title);
    line(out, "time", s.time().truncatedTo(ChronoUnit.MILLIS).toString());
    line(out, "pack voltage", value(s, SnapshotFields.PACK_VOLTAGE_MV, s.packVoltageMv().map(v -> decimal(v, 3) + " V")));
    line(out, "current", value(s, SnapshotFields.CURRENT_MA,
        s.currentMa().map(v -> signed(v, 3) + " A   (+ = charging, - = discharging)")));
    line(out, "temperatures", list(s, SnapshotFields.TEMPERATURES_DC, s.temperaturesDc(), 1, " °C", ", "));
    line(out, "cells", list(s, SnapshotFields.CELL_VOLTAGES_MV, s.cellVoltagesMv(), 3, " V", "  ")
        + (s.cellVoltagesMv().isEmpty() ? "" : "   (" + s.cellVoltagesMv().size() + " cells, cell 1 first)"));
    line(out, "state of charge", value(s, SnapshotFields.STATE_OF_CHARGE_CPCT,
        s.stateOfChargeCpct().map(v -> decimal(v, 2) + " %")));
    line(out, "remaining", value(s, SnapshotFields.REMAINING_CAPACITY_MAH,
        s.remainingCapacityMah().map(v -> decimal(v, 3) + " Ah")));
    line(out, "full charge", value(s, SnapshotFields.FULL_CHARGE_CAPACITY_MAH,
        s.fullChargeCapacityMah().map(v -> decimal(v, 3) + " Ah")));
    line(out, "design capacity", value(s, SnapshotFields.DESIGN_CAPACITY_MAH,
        s.designCapacityMah().map(v -> decimal(v, 3) + " Ah")));
    line(out, "cycle count", value(s, SnapshotFields.CYCLE_COUNT, s.cycleCount().map(String::valueOf)));
    line(out, "BMS health (SOH)", value(s, SnapshotFields.BMS_STATE_OF_HEALTH_CPCT,
        s.bmsStateOfHealthCpct().map(v -> decimal(v, 2) + " %")));
    line(out, "alarms", s.missing().contains(SnapshotFields.ALARMS) ? "(missing)"
        : s.alarms().isEmpty() ? "none" : String.join(", ", alarms(s)));
    Identity id = s.identity();
    line(out, "manufacturer", value(s, SnapshotFields.MANUFACTURER, id.manufacturer()));
    line(out, "device name", value(s, SnapshotFields.DEVICE_NAME, id.deviceName()));
    line(out, "serial number", value(s, SnapshotFields.SERIAL_NUMBER, id.serialNumber()));
    line(out, "manufacture date", value(s, SnapshotFields.MANUFACTURE_DATE,
        id.manufactureDate().map(LocalDate::toString)));
    if (s.isPartial()) {
      out.println();
      out.println("Partial reading: the BMS did not give " + String.join(", ", new TreeSet<>(s.missing())) + ".");
    }
  }

  private static void line(PrintWriter out, String label, String value) {
    out.println(String.format("%-" + LABEL + "s%s", label, value));
  }

  /** The value, {@code (missing)} when the driver expected it, else {@code (not reported by this BMS)}. */
  private static String value(BatterySnapshot s, String field, Optional<String> value) {
    return value.orElse(s.missing().contains(field) ? "(missing)" : "(not reported by this BMS)");
  }

  private static String list(BatterySnapshot s, String field, List<Long> values, int scale, String unit, String sep) {
    if (values.isEmpty()) {
      return s.missing().contains(field) ? "(missing)" : "(not reported by this BMS)";
    }
    return values.stream().map(v -> decimal(v, scale)).collect(Collectors.joining(sep)) + unit;
  }

  /** {@code value / 10^scale} written exactly, e.g. (15400, 3) → {@code 15.400}. */
  static String decimal(long value, int scale) {
    long pow = 1;
    for (int i = 0; i < scale; i++) {
      pow *= 10;
    }
    long abs = Math.abs(value);
    String text = (abs / pow) + (scale == 0 ? "" : "." + String.format("%0" + scale + "d", abs % pow));
    return value < 0 ? "-" + text : text;
  }

  /** Like {@link #decimal} with an explicit {@code +} for positive values. */
  static String signed(long value, int scale) {
    return (value > 0 ? "+" : "") + decimal(value, scale);
  }
}
