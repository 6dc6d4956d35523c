package io.packpass.agent.bms.pylontech;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bus.CanFrame;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decoders for the Pylontech / SMA-style CAN frames (packbus.md §3.2–3.4), to PackPass units. All
 * multi-byte fields are little-endian (§3.1). A frame of the wrong length decodes to empty; judging
 * whether a value is plausible is the driver's job.
 *
 * <p>Current sign: 0x356 current is signed and negative while discharging (§0 item 7, §3.2, the §3.5
 * capture reads −27.0 A while discharging), i.e. already + = charging, PackPass's convention: kept.
 */
public final class PylontechFrames {
  public static final int LIMITS = 0x351;
  public static final int SOC_SOH = 0x355;
  public static final int MEASUREMENTS = 0x356;
  public static final int PROTECTION = 0x359;
  public static final int ALARMS_V13 = 0x35A;
  public static final int REQUESTS = 0x35C;
  public static final int MANUFACTURER = 0x35E;
  public static final int BATTERY_INFO_V13 = 0x35F;

  /** 0x351, 0.1 V → mV and 0.1 A → mA. The discharge voltage limit is only in 8-byte frames. */
  public record ChargeLimits(long chargeVoltageLimitMv, long chargeCurrentLimitMa, long dischargeCurrentLimitMa,
      Optional<Long> dischargeVoltageLimitMv) {
  }

  /** 0x355, % → 0.01 %. */
  public record StateOfCharge(long stateOfChargeCpct, long stateOfHealthCpct) {
  }

  /** 0x356: 0.01 V → mV, 0.1 A → mA (+ = charging), 0.1 °C = dC. */
  public record Measurements(long voltageMv, long currentMa, long temperatureDc) {
  }

  /** 0x359: protection bits as alarms, warning bits in the same vocabulary, module (pack) count. */
  public record Protection(Set<Alarm> alarms, Set<Alarm> warnings, int moduleCount) {
    public Protection {
      alarms = alarms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alarms));
      warnings = warnings.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(warnings));
    }
  }

  /** 0x35C byte 0 (§3.3): bit 7 charge enable, 6 discharge enable, 5/4 force charge I/II, 3 full charge. */
  public record RequestFlags(boolean chargeEnabled, boolean dischargeEnabled, boolean forceChargeI,
      boolean forceChargeII, boolean fullChargeRequest) {
  }

  private PylontechFrames() {
  }

  /** 0x351: 6 bytes (Pylon document) or 8 (SMA/REC extension with discharge voltage limit). */
  public static Optional<ChargeLimits> limits(CanFrame f) {
    if (f.length() != 6 && f.length() != 8) {
      return Optional.empty();
    }
    Optional<Long> dvl = f.length() == 8 ? Optional.of(u16(f, 6) * 100L) : Optional.empty();
    return Optional.of(new ChargeLimits(u16(f, 0) * 100L, s16(f, 2) * 100L, s16(f, 4) * 100L, dvl));
  }

  /**
   * 0x355: SOC in bytes 0-1, SOH in bytes 2-3, both whole %. 4 bytes, or 6 with the SMA high-resolution
   * SOC in bytes 4-5, which is ignored: the real v1.3 capture (§3.4 source) sends 0 there at 84 % SOC.
   */
  public static Optional<StateOfCharge> stateOfCharge(CanFrame f, PylontechProfile profile) {
    boolean lengthOk = profile == PylontechProfile.V1_3 ? f.length() == 6 : f.length() == 4 || f.length() == 6;
    if (!lengthOk) {
      return Optional.empty();
    }
    return Optional.of(new StateOfCharge(u16(f, 0) * 100L, u16(f, 2) * 100L));
  }

  /** 0x356, exactly 6 bytes: voltage s16 0.01 V, current s16 0.1 A, temperature s16 0.1 °C. */
  public static Optional<Measurements> measurements(CanFrame f) {
    if (f.length() != 6) {
      return Optional.empty();
    }
    return Optional.of(new Measurements(s16(f, 0) * 10L, s16(f, 2) * 100L, s16(f, 4)));
  }

  /**
   * 0x359, 7 bytes (diyBMS: 8), bits per §3.3. Bytes 5-6 ("PN", Pytes "PY") are not validated.
   * Over-/under-temperature is not split by direction in this protocol: it stops both charge and
   * discharge, so it maps to both the charge and the discharge alarm. System error is read from byte 1
   * bit 3 and, to tolerate ArminJo's emitter, bit 7.
   */
  public static Optional<Protection> protection(CanFrame f) {
    if (f.length() != 7 && f.length() != 8) {
      return Optional.empty();
    }
    return Optional.of(new Protection(flags(f.u8(0), f.u8(1)), flags(f.u8(2), f.u8(3)), f.u8(4)));
  }

  private static Set<Alarm> flags(int low, int high) {
    Set<Alarm> set = EnumSet.noneOf(Alarm.class);
    if (bit(low, 1)) {
      set.add(Alarm.CELL_OVER_VOLTAGE);
    }
    if (bit(low, 2)) {
      set.add(Alarm.CELL_UNDER_VOLTAGE);
    }
    if (bit(low, 3)) {
      set.add(Alarm.CHARGE_OVER_TEMPERATURE);
      set.add(Alarm.DISCHARGE_OVER_TEMPERATURE);
    }
    if (bit(low, 4)) {
      set.add(Alarm.CHARGE_UNDER_TEMPERATURE);
      set.add(Alarm.DISCHARGE_UNDER_TEMPERATURE);
    }
    if (bit(low, 7)) {
      set.add(Alarm.DISCHARGE_OVER_CURRENT);
    }
    if (bit(high, 0)) {
      set.add(Alarm.CHARGE_OVER_CURRENT);
    }
    if (bit(high, 3) || bit(high, 7)) {
      set.add(Alarm.BMS_FAULT);
    }
    return set;
  }

  /**
   * v1.3 0x35A, 8 bytes. packbus.md gives no bit layout for it, so only "no alarm at all" (every bit
   * clear) is decoded; any set bit cannot be interpreted and decodes to empty.
   */
  public static Optional<Set<Alarm>> alarmsV13(CanFrame f) {
    if (f.length() != 8) {
      return Optional.empty();
    }
    for (byte b : f.data()) {
      if (b != 0) {
        return Optional.empty();
      }
    }
    return Optional.of(Set.of());
  }

  /** 0x35C, 2 bytes. */
  public static Optional<RequestFlags> requests(CanFrame f) {
    if (f.length() != 2) {
      return Optional.empty();
    }
    int b = f.u8(0);
    return Optional.of(new RequestFlags(bit(b, 7), bit(b, 6), bit(b, 5), bit(b, 4), bit(b, 3)));
  }

  /**
   * 0x35E, 1–8 bytes ASCII (§3.4: Pytes sends 5), trailing spaces and NULs trimmed; empty when blank or
   * not printable ASCII.
   */
  public static Optional<String> manufacturer(CanFrame f) {
    byte[] d = f.data();
    int end = d.length;
    while (end > 0 && (d[end - 1] == ' ' || d[end - 1] == 0)) {
      end--;
    }
    if (end == 0) {
      return Optional.empty();
    }
    for (int i = 0; i < end; i++) {
      if (d[i] < 0x20 || d[i] > 0x7E) {
        return Optional.empty();
      }
    }
    return Optional.of(new String(d, 0, end, StandardCharsets.US_ASCII));
  }

  static int u16(CanFrame f, int offset) {
    return f.u8(offset) | f.u8(offset + 1) << 8;
  }

  static int s16(CanFrame f, int offset) {
    return (short) u16(f, offset);
  }

  private static boolean bit(int value, int bit) {
    return (value & 1 << bit) != 0;
  }
}
