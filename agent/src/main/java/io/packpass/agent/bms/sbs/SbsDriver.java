package io.packpass.agent.bms.sbs;

import static io.packpass.agent.bms.SnapshotFields.ALARMS;
import static io.packpass.agent.bms.SnapshotFields.CURRENT_MA;
import static io.packpass.agent.bms.SnapshotFields.CYCLE_COUNT;
import static io.packpass.agent.bms.SnapshotFields.DESIGN_CAPACITY_MAH;
import static io.packpass.agent.bms.SnapshotFields.DEVICE_NAME;
import static io.packpass.agent.bms.SnapshotFields.FULL_CHARGE_CAPACITY_MAH;
import static io.packpass.agent.bms.SnapshotFields.MANUFACTURER;
import static io.packpass.agent.bms.SnapshotFields.MANUFACTURE_DATE;
import static io.packpass.agent.bms.SnapshotFields.PACK_VOLTAGE_MV;
import static io.packpass.agent.bms.SnapshotFields.REMAINING_CAPACITY_MAH;
import static io.packpass.agent.bms.SnapshotFields.SERIAL_NUMBER;
import static io.packpass.agent.bms.SnapshotFields.STATE_OF_CHARGE_CPCT;
import static io.packpass.agent.bms.SnapshotFields.TEMPERATURES_DC;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bus.SmbusDevice;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Smart Battery (SBS 1.1) over SMBus in the order of packbus.md §1.8 and converts to
 * PackPass units. A failed or unbelievable field is left empty and named in
 * {@link BatterySnapshot#missing()}; only a device that answers no read at all throws.
 *
 * <p>Conversions: Temperature 0.1 K → dC as {@code raw − 2731} (the TI 0 °C offset); Current is
 * signed and + = charging in SBS as in PackPass; Voltage and Current are multiplied by
 * 10^VScale / 10^IPScale from SpecificationInfo (0x1A), capacities by 10^IPScale; RSOC % → cpct.
 * When BatteryMode (0x03) bit 15 CAPACITY_MODE is 1 the gauge reports capacities in 10 mWh, which
 * cannot be turned into mAh exactly, so the three capacities are missing (logged once at WARN);
 * when BatteryMode cannot be read their unit is unknown and they are missing too.
 *
 * <p>Rejected as unbelievable: Voltage or a capacity of 0xFFFF, a DesignCapacity of 0, a
 * FullChargeCapacity or RemainingCapacity above twice the DesignCapacity, a temperature outside
 * −60..150 °C, RSOC above 100 %, CycleCount 0xFFFF, a ManufactureDate that is no calendar date or
 * lies in the future, a name that is empty or not printable ASCII, a VScale/IPScale above 3.
 *
 * <p>BatteryStatus (0x16) maps to alarms: OVER_CHARGED_ALARM → {@link Alarm#PACK_OVER_VOLTAGE},
 * TERMINATE_DISCHARGE_ALARM → {@link Alarm#PACK_UNDER_VOLTAGE}, OVER_TEMP_ALARM →
 * {@link Alarm#DISCHARGE_OVER_TEMPERATURE} when DISCHARGING is set, else
 * {@link Alarm#CHARGE_OVER_TEMPERATURE}. TERMINATE_CHARGE (set on every normal full charge) and the
 * user-threshold REMAINING_CAPACITY/TIME alarms are not protection conditions and are not mapped.
 *
 * <p>Fields SBS does not define (cell voltages, the BMS's own SOH) stay empty and are not named
 * missing; chip drivers such as the bq40z50 one add them in {@link #readExtensions(SbsPoll)}.
 * Not read: AverageCurrent, AbsoluteStateOfCharge, DeviceChemistry (no place in the snapshot).
 */
public class SbsDriver implements BmsDriver {
  private static final Logger LOG = LoggerFactory.getLogger(SbsDriver.class);

  public static final int BATTERY_MODE = 0x03;
  public static final int TEMPERATURE = 0x08;
  public static final int VOLTAGE = 0x09;
  public static final int CURRENT = 0x0A;
  public static final int RELATIVE_STATE_OF_CHARGE = 0x0D;
  public static final int REMAINING_CAPACITY = 0x0F;
  public static final int FULL_CHARGE_CAPACITY = 0x10;
  public static final int BATTERY_STATUS = 0x16;
  public static final int CYCLE_COUNT_CMD = 0x17;
  public static final int DESIGN_CAPACITY = 0x18;
  public static final int SPECIFICATION_INFO = 0x1A;
  public static final int MANUFACTURE_DATE_CMD = 0x1B;
  public static final int SERIAL_NUMBER_CMD = 0x1C;
  public static final int MANUFACTURER_NAME = 0x20;
  public static final int DEVICE_NAME_CMD = 0x21;

  /** 0 °C in 0.1 K as TI gauges count it. */
  static final int ZERO_CELSIUS_DECI_KELVIN = 2731;
  static final long MIN_TEMPERATURE_DC = -600;
  static final long MAX_TEMPERATURE_DC = 1500;

  private static final int CAPACITY_MODE = 0x8000;
  private static final int OVER_CHARGED_ALARM = 0x8000;
  private static final int OVER_TEMP_ALARM = 0x1000;
  private static final int TERMINATE_DISCHARGE_ALARM = 0x0800;
  private static final int DISCHARGING = 0x0040;

  private final SmbusDevice device;
  private final Clock clock;
  private final AtomicBoolean warnedCapacityMode = new AtomicBoolean();

  public SbsDriver(SmbusDevice device, Clock clock) {
    this.device = Objects.requireNonNull(device, "device");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public final BatterySnapshot read() {
    SbsPoll poll = new SbsPoll(device);
    Optional<Integer> mode = poll.word(BATTERY_MODE);
    // SpecificationInfo is not a snapshot field: an unreadable one means the SBS default scale 0.
    Optional<Integer> spec = poll.word(SPECIFICATION_INFO);
    int vScale = spec.map(s -> (s >> 8) & 0xF).orElse(0);
    int ipScale = spec.map(s -> (s >> 12) & 0xF).orElse(0);
    if (spec.isEmpty()) {
      LOG.debug("SpecificationInfo not read; assuming VScale 0 and IPScale 0");
    }

    readTemperature(poll);
    if (vScale > 3) {
      poll.reject(PACK_VOLTAGE_MV, "VScale " + vScale + " above 3 in SpecificationInfo " + hex(spec));
    } else {
      poll.word(VOLTAGE, PACK_VOLTAGE_MV).ifPresent(v -> {
        if (v == 0xFFFF) {
          poll.reject(PACK_VOLTAGE_MV, "Voltage 0xFFFF");
        } else {
          poll.packVoltageMv(v * pow10(vScale));
        }
      });
    }
    if (ipScale > 3) {
      poll.reject(CURRENT_MA, "IPScale " + ipScale + " above 3 in SpecificationInfo " + hex(spec));
    } else {
      poll.word(CURRENT, CURRENT_MA).ifPresent(i -> poll.currentMa((long) (short) i.intValue() * pow10(ipScale)));
    }
    poll.word(RELATIVE_STATE_OF_CHARGE, STATE_OF_CHARGE_CPCT).ifPresent(rsoc -> {
      if (rsoc > 100) {
        poll.reject(STATE_OF_CHARGE_CPCT, "RelativeStateOfCharge " + rsoc + " % above 100 %");
      } else {
        poll.stateOfChargeCpct(rsoc * 100L);
      }
    });
    readCapacities(poll, mode, ipScale);
    poll.word(BATTERY_STATUS, ALARMS).ifPresent(status -> poll.alarms(alarms(status)));
    poll.word(CYCLE_COUNT_CMD, CYCLE_COUNT).ifPresent(c -> {
      if (c == 0xFFFF) {
        poll.reject(CYCLE_COUNT, "CycleCount 0xFFFF");
      } else {
        poll.cycleCount(c);
      }
    });
    readIdentity(poll);
    readExtensions(poll);
    return poll.finish(clock.instant());
  }

  /**
   * Reads chip-specific fields after the SBS ones; does nothing here. Overrides read through
   * {@code poll} so that their failures make the snapshot partial, never throw.
   */
  protected void readExtensions(SbsPoll poll) {
  }

  private static void readTemperature(SbsPoll poll) {
    poll.word(TEMPERATURE, TEMPERATURES_DC).ifPresent(raw -> {
      long dc = raw - ZERO_CELSIUS_DECI_KELVIN;
      if (dc < MIN_TEMPERATURE_DC || dc > MAX_TEMPERATURE_DC) {
        poll.reject(TEMPERATURES_DC, "Temperature " + raw + " (0.1 K) outside -60..150 °C");
      } else {
        poll.temperaturesDc(List.of(dc));
      }
    });
  }

  private void readCapacities(SbsPoll poll, Optional<Integer> mode, int ipScale) {
    List<String> fields = List.of(REMAINING_CAPACITY_MAH, FULL_CHARGE_CAPACITY_MAH, DESIGN_CAPACITY_MAH);
    if (mode.isEmpty()) {
      LOG.debug("BatteryMode not read: capacity unit (mAh or 10 mWh) unknown, capacities missing");
      fields.forEach(poll::missing);
      return;
    }
    if ((mode.get() & CAPACITY_MODE) != 0) {
      if (!warnedCapacityMode.getAndSet(true)) {
        LOG.warn("Gauge reports capacities in 10 mWh (BatteryMode CAPACITY_MODE=1); they cannot be converted to mAh"
            + " exactly and are reported missing");
      }
      fields.forEach(poll::missing);
      return;
    }
    if (ipScale > 3) {
      fields.forEach(f -> poll.reject(f, "IPScale " + ipScale + " above 3"));
      return;
    }
    long scale = pow10(ipScale);
    Optional<Long> design = capacity(poll, DESIGN_CAPACITY, DESIGN_CAPACITY_MAH, scale).filter(dc -> {
      if (dc == 0) {
        poll.reject(DESIGN_CAPACITY_MAH, "DesignCapacity 0");
        return false;
      }
      return true;
    });
    design.ifPresent(poll::designCapacityMah);
    capacity(poll, FULL_CHARGE_CAPACITY, FULL_CHARGE_CAPACITY_MAH, scale)
        .filter(fcc -> believable(poll, FULL_CHARGE_CAPACITY_MAH, "FullChargeCapacity", fcc, design))
        .ifPresent(poll::fullChargeCapacityMah);
    capacity(poll, REMAINING_CAPACITY, REMAINING_CAPACITY_MAH, scale)
        .filter(rc -> believable(poll, REMAINING_CAPACITY_MAH, "RemainingCapacity", rc, design))
        .ifPresent(poll::remainingCapacityMah);
  }

  private static Optional<Long> capacity(SbsPoll poll, int command, String field, long scale) {
    Optional<Integer> raw = poll.word(command, field);
    if (raw.isPresent() && raw.get() == 0xFFFF) {
      poll.reject(field, String.format("command 0x%02X returned 0xFFFF", command));
      return Optional.empty();
    }
    return raw.map(r -> r * scale);
  }

  private static boolean believable(SbsPoll poll, String field, String name, long mah, Optional<Long> design) {
    if (design.isPresent() && mah > 2 * design.get()) {
      poll.reject(field, name + " " + mah + " mAh more than twice the DesignCapacity " + design.get() + " mAh");
      return false;
    }
    return true;
  }

  private void readIdentity(SbsPoll poll) {
    poll.word(MANUFACTURE_DATE_CMD, MANUFACTURE_DATE).ifPresent(raw -> {
      int year = 1980 + ((raw >> 9) & 0x7F);
      int month = (raw >> 5) & 0x0F;
      int day = raw & 0x1F;
      try {
        LocalDate date = LocalDate.of(year, month, day);
        if (date.isAfter(LocalDate.ofInstant(clock.instant(), clock.getZone()))) {
          poll.reject(MANUFACTURE_DATE, "ManufactureDate " + date + " lies in the future");
        } else {
          poll.manufactureDate(date);
        }
      } catch (DateTimeException e) {
        poll.reject(MANUFACTURE_DATE, String.format("ManufactureDate 0x%04X is no date (%d-%d-%d)", raw, year,
            month, day));
      }
    });
    poll.word(SERIAL_NUMBER_CMD, SERIAL_NUMBER).ifPresent(serial -> poll.serialNumber(Integer.toString(serial)));
    text(poll, MANUFACTURER_NAME, MANUFACTURER).ifPresent(poll::manufacturer);
    text(poll, DEVICE_NAME_CMD, DEVICE_NAME).ifPresent(poll::deviceName);
  }

  /** A block holding an ASCII name; trailing NULs and spaces dropped. */
  private static Optional<String> text(SbsPoll poll, int command, String field) {
    Optional<byte[]> block = poll.block(command, field);
    if (block.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = block.get();
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == ' ')) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      if (bytes[i] < 0x20 || bytes[i] > 0x7E) {
        poll.reject(field, String.format("block 0x%02X holds a non-printable byte 0x%02X", command, bytes[i] & 0xFF));
        return Optional.empty();
      }
    }
    if (end == 0) {
      poll.reject(field, String.format("block 0x%02X is empty", command));
      return Optional.empty();
    }
    return Optional.of(new String(bytes, 0, end, StandardCharsets.US_ASCII));
  }

  static Set<Alarm> alarms(int status) {
    Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
    if ((status & OVER_CHARGED_ALARM) != 0) {
      alarms.add(Alarm.PACK_OVER_VOLTAGE);
    }
    if ((status & TERMINATE_DISCHARGE_ALARM) != 0) {
      alarms.add(Alarm.PACK_UNDER_VOLTAGE);
    }
    if ((status & OVER_TEMP_ALARM) != 0) {
      alarms.add((status & DISCHARGING) != 0 ? Alarm.DISCHARGE_OVER_TEMPERATURE : Alarm.CHARGE_OVER_TEMPERATURE);
    }
    return alarms;
  }

  private static long pow10(int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= 10;
    }
    return result;
  }

  private static String hex(Optional<Integer> word) {
    return word.map(w -> String.format("0x%04X", w)).orElse("(not read)");
  }
}
