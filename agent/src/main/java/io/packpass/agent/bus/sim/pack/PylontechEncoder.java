package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bus.CanFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The frames a Pylontech "v1.2" pack broadcasts once a second (packbus.md §3.2, bits §3.3), from a
 * {@link BmsReading}: 0x351 limits (8 bytes, with the SMA discharge voltage limit), 0x355 SOC/SOH
 * (4 bytes), 0x356 voltage/current/temperature, 0x359 protection (7 bytes, one module, "PN"), 0x35C
 * requests, 0x35E "PYLON   ". All multi-byte fields little-endian; values rounded to the field's unit.
 *
 * <p>Written independently of the driver's {@code PylontechFrames} decoder, from the table, so that a
 * shared misreading cannot make both sides agree on wrong bytes. The one temperature the protocol
 * carries is the hottest sensor (what a BMS derates on). Limits: voltage s16 in 10 mV (±327.67 V),
 * current s16 in 0.1 A (±3276.7 A); {@link #checkFits} refuses a pack beyond them. The imbalance alarm
 * has no bit here and is dropped.
 */
public final class PylontechEncoder {
  static final int LIMITS = 0x351;
  static final int SOC_SOH = 0x355;
  static final int MEASUREMENTS = 0x356;
  static final int PROTECTION = 0x359;
  static final int REQUESTS = 0x35C;
  static final int MANUFACTURER = 0x35E;

  /** Refuses a pack whose voltage cannot be expressed in 0x356 (s16, 10 mV). */
  public static void checkFits(PackParameters p) {
    double maxVoltage = p.seriesCells() * p.chemistry().chargeVoltageV() * 1.05;
    if (maxVoltage * 100 > Short.MAX_VALUE) {
      throw new SimulationException(String.format(Locale.ROOT,
          "pack voltage up to %.1f V does not fit Pylontech's s16 10 mV field (max 327.67 V)", maxVoltage));
    }
  }

  /** One broadcast cycle, in the order a pack sends it. */
  public List<CanFrame> encode(BmsReading r) {
    byte[] limits = new byte[8];
    u16(limits, 0, Math.round(r.chargeVoltageLimitMv() / 100.0), "charge voltage limit");
    s16(limits, 2, Math.round(r.chargeCurrentLimitMa() / 100.0), "charge current limit");
    s16(limits, 4, Math.round(r.dischargeCurrentLimitMa() / 100.0), "discharge current limit");
    u16(limits, 6, Math.round(r.dischargeVoltageLimitMv() / 100.0), "discharge voltage limit");

    byte[] soc = new byte[4];
    u16(soc, 0, Math.max(0, Math.min(100, Math.round(r.stateOfChargeCpct() / 100.0))), "SOC");
    u16(soc, 2, Math.max(0, Math.min(100, Math.round(r.stateOfHealthCpct() / 100.0))), "SOH");

    byte[] m = new byte[6];
    s16(m, 0, Math.round(r.packVoltageMv() / 10.0), "voltage");
    s16(m, 2, Math.round(r.currentMa() / 100.0), "current");
    s16(m, 4, r.maxTemperatureDc(), "temperature");

    byte[] p = new byte[7];
    p[0] = (byte) (flag(r, 1, Alarm.CELL_OVER_VOLTAGE, Alarm.PACK_OVER_VOLTAGE)
        | flag(r, 2, Alarm.CELL_UNDER_VOLTAGE, Alarm.PACK_UNDER_VOLTAGE)
        | flag(r, 3, Alarm.CHARGE_OVER_TEMPERATURE, Alarm.DISCHARGE_OVER_TEMPERATURE)
        | flag(r, 4, Alarm.CHARGE_UNDER_TEMPERATURE, Alarm.DISCHARGE_UNDER_TEMPERATURE)
        | flag(r, 7, Alarm.DISCHARGE_OVER_CURRENT, Alarm.SHORT_CIRCUIT));
    p[1] = (byte) (flag(r, 0, Alarm.CHARGE_OVER_CURRENT) | flag(r, 3, Alarm.BMS_FAULT));
    p[4] = 1; // one module
    p[5] = 'P';
    p[6] = 'N';

    byte[] requests = {(byte) ((r.chargeEnabled() ? 0x80 : 0) | (r.dischargeEnabled() ? 0x40 : 0)), 0};
    byte[] name = "PYLON   ".getBytes(StandardCharsets.US_ASCII);
    return List.of(CanFrame.standard(LIMITS, limits), CanFrame.standard(SOC_SOH, soc),
        CanFrame.standard(MEASUREMENTS, m), CanFrame.standard(PROTECTION, p), CanFrame.standard(REQUESTS, requests),
        CanFrame.standard(MANUFACTURER, name));
  }

  private static int flag(BmsReading r, int bit, Alarm... any) {
    for (Alarm a : any) {
      if (r.alarms().contains(a)) {
        return 1 << bit;
      }
    }
    return 0;
  }

  private static void u16(byte[] b, int at, long v, String field) {
    if (v < 0 || v > 0xFFFF) {
      throw new SimulationException("Pylontech " + field + " " + v + " does not fit u16");
    }
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
  }

  private static void s16(byte[] b, int at, long v, String field) {
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      throw new SimulationException("Pylontech " + field + " " + v + " does not fit s16");
    }
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
  }
}
