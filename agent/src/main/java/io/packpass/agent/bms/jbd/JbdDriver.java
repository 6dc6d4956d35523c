package io.packpass.agent.bms.jbd;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bms.SnapshotFields;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.SerialLink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JBD / Xiaoxiang BMS over its UART (packbus.md §2): 0x03 basic information, then 0x04 cell
 * voltages, and 0x05 (model name) until the BMS has answered it once. Converts at the edge to
 * PackPass units: 10 mV → mV, 10 mA (+ = charging, kept) → mA, 10 mAh → mAh, 0.1 K → 0.1 °C, % → 0.01 %.
 *
 * <p>A command that fails (silence, truncated or invalid frame, error status 0x80) leaves its fields
 * empty and named in {@link BatterySnapshot#missing()}; so does an absurd value (pack voltage 0,
 * nominal capacity 0, RSOC above 100 %, an impossible date, a temperature outside −50…150 °C, a cell
 * above 5 V). If neither 0x03 nor 0x04 yields a valid frame, {@link #read()} throws: {@link Kind#TIMEOUT}
 * when the line stayed silent for both, otherwise the first failure's kind.
 *
 * <p>What JBD's read commands never provide (full-charge capacity, BMS SOH, manufacturer, serial
 * number, §2.9) is always empty and <em>not</em> listed in {@code missing}: that set names only what
 * this driver tried to read and could not.
 */
public final class JbdDriver implements BmsDriver {
  /** Default silence after which a response is given up (inter-byte timeout). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);

  static final List<String> BASIC_INFO_FIELDS = List.of(
      SnapshotFields.PACK_VOLTAGE_MV, SnapshotFields.CURRENT_MA, SnapshotFields.REMAINING_CAPACITY_MAH,
      SnapshotFields.DESIGN_CAPACITY_MAH, SnapshotFields.CYCLE_COUNT, SnapshotFields.STATE_OF_CHARGE_CPCT,
      SnapshotFields.TEMPERATURES_DC, SnapshotFields.ALARMS, SnapshotFields.MANUFACTURE_DATE);

  private static final Logger LOG = LoggerFactory.getLogger(JbdDriver.class);
  private static final int MAX_BYTES_PER_RESPONSE = 1024;
  private static final long KELVIN_OFFSET_DECI = 2731;
  private static final long MIN_TEMPERATURE_DC = -500;
  private static final long MAX_TEMPERATURE_DC = 1500;
  private static final long MAX_CELL_MV = 5000;
  private static final int MAX_CELL_PAYLOAD = 64;

  private final SerialLink link;
  private final Clock clock;
  private final JbdResponseReader reader;
  private Optional<String> deviceName = Optional.empty();
  private boolean modelAnswered;

  public JbdDriver(SerialLink link, Clock clock) {
    this(link, clock, DEFAULT_TIMEOUT);
  }

  /**
   * @param timeout how long the line may stay silent before a response is given up
   */
  public JbdDriver(SerialLink link, Clock clock, Duration timeout) {
    this.link = Objects.requireNonNull(link, "link");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.reader = new JbdResponseReader(link, timeout, MAX_BYTES_PER_RESPONSE);
  }

  @Override
  public BatterySnapshot read() {
    var time = clock.instant();
    Set<String> missing = new TreeSet<>();
    List<BusException> failures = new ArrayList<>();

    Optional<JbdBasicInfo> basic = exchange(JbdFrame.CMD_BASIC_INFO, failures).flatMap(p -> parse(p, failures));
    Optional<List<Long>> cells = exchange(JbdFrame.CMD_CELL_VOLTAGES, failures).flatMap(p -> cells(p, failures));
    if (basic.isEmpty() && cells.isEmpty()) {
      throw failures.stream().allMatch(f -> f.kind() == Kind.TIMEOUT)
          ? new BusException(Kind.TIMEOUT, "JBD BMS silent: no answer to 0x03 nor 0x04", failures.get(0))
          : failures.stream().filter(f -> f.kind() != Kind.TIMEOUT).findFirst().orElseThrow();
    }
    if (!modelAnswered) {
      readModel();
    }

    Optional<Long> voltage = Optional.empty();
    Optional<Long> current = Optional.empty();
    Optional<Long> remaining = Optional.empty();
    Optional<Long> design = Optional.empty();
    Optional<Long> cycles = Optional.empty();
    Optional<Long> soc = Optional.empty();
    List<Long> temperatures = List.of();
    Set<Alarm> alarms = Set.of();
    Optional<LocalDate> date = Optional.empty();
    if (basic.isPresent()) {
      JbdBasicInfo b = basic.get();
      voltage = b.voltage10mV() == 0 ? Optional.empty() : Optional.of(b.voltage10mV() * 10L);
      current = Optional.of(b.current10mA() * 10L);
      remaining = Optional.of(b.remaining10mAh() * 10L);
      design = b.nominal10mAh() == 0 ? Optional.empty() : Optional.of(b.nominal10mAh() * 10L);
      cycles = Optional.of((long) b.cycles());
      soc = b.rsocPercent() > 100 ? Optional.empty() : Optional.of(b.rsocPercent() * 100L);
      temperatures = temperatures(b.temperaturesDeciKelvin());
      alarms = alarms(b.protection());
      date = productionDate(b.productionDate());
      SnapshotFields.addIfEmpty(missing, SnapshotFields.PACK_VOLTAGE_MV, voltage);
      SnapshotFields.addIfEmpty(missing, SnapshotFields.DESIGN_CAPACITY_MAH, design);
      SnapshotFields.addIfEmpty(missing, SnapshotFields.STATE_OF_CHARGE_CPCT, soc);
      SnapshotFields.addIfEmpty(missing, SnapshotFields.MANUFACTURE_DATE, date);
      if (temperatures.isEmpty() && !b.temperaturesDeciKelvin().isEmpty()) {
        missing.add(SnapshotFields.TEMPERATURES_DC);
      }
    } else {
      missing.addAll(BASIC_INFO_FIELDS);
    }
    if (cells.isEmpty()) {
      missing.add(SnapshotFields.CELL_VOLTAGES_MV);
    }
    SnapshotFields.addIfEmpty(missing, SnapshotFields.DEVICE_NAME, deviceName);

    var identity = new BatterySnapshot.Identity(Optional.empty(), deviceName, Optional.empty(), date);
    return new BatterySnapshot(time, voltage, current, temperatures, cells.orElse(List.of()), soc, remaining,
        Optional.empty(), design, cycles, Optional.empty(), alarms, identity, missing);
  }

  /** Sends a read request and returns the OK payload, or empty after recording why not. */
  private Optional<byte[]> exchange(int command, List<BusException> failures) {
    try {
      link.drain();
      link.write(JbdFrame.readRequest(command));
      JbdFrame.Response r = reader.read(command);
      if (!r.ok()) {
        throw new BusException(Kind.NACK, String.format("JBD BMS answered 0x%02X with error status 0x%02X",
            command, r.status()));
      }
      LOG.trace("JBD 0x{} -> {}", Integer.toHexString(command), r);
      return Optional.of(r.payload());
    } catch (BusException e) {
      LOG.debug("JBD 0x{} failed: {}", Integer.toHexString(command), e.getMessage());
      failures.add(e);
      return Optional.empty();
    }
  }

  private void readModel() {
    try {
      link.drain();
      link.write(JbdFrame.readRequest(JbdFrame.CMD_HARDWARE_VERSION));
      JbdFrame.Response r = reader.read(JbdFrame.CMD_HARDWARE_VERSION);
      modelAnswered = true; // a definite answer, even an error status: do not ask again
      if (r.ok()) {
        deviceName = modelName(r.payload());
      }
    } catch (BusException e) {
      LOG.debug("JBD 0x05 failed, will ask again next poll: {}", e.getMessage());
    }
  }

  private static Optional<JbdBasicInfo> parse(byte[] payload, List<BusException> failures) {
    try {
      return Optional.of(JbdBasicInfo.parse(payload));
    } catch (BusException e) {
      failures.add(e);
      return Optional.empty();
    }
  }

  private static Optional<List<Long>> cells(byte[] p, List<BusException> failures) {
    if (p.length < 2 || p.length > MAX_CELL_PAYLOAD || p.length % 2 != 0) {
      failures.add(new BusException(Kind.MALFORMED, "JBD 0x04 payload has " + p.length
          + " bytes, expected an even count from 2 to 64"));
      return Optional.empty();
    }
    List<Long> mv = new ArrayList<>(p.length / 2);
    for (int i = 0; i < p.length; i += 2) {
      long v = JbdBasicInfo.u16(p, i);
      if (v > MAX_CELL_MV) {
        LOG.debug("JBD cell {} reads {} mV, absurd: cells dropped", i / 2 + 1, v);
        return Optional.empty();
      }
      mv.add(v);
    }
    return Optional.of(List.copyOf(mv));
  }

  private static List<Long> temperatures(List<Integer> deciKelvin) {
    List<Long> dc = new ArrayList<>(deciKelvin.size());
    for (int raw : deciKelvin) {
      long t = raw - KELVIN_OFFSET_DECI;
      if (t < MIN_TEMPERATURE_DC || t > MAX_TEMPERATURE_DC) {
        return List.of();
      }
      dc.add(t);
    }
    return dc;
  }

  /** Protection bits (§2.4) to alarms; bits 11 (front-end IC) and 12 (MOS software lock) are BMS faults. */
  static Set<Alarm> alarms(int protection) {
    Alarm[] byBit = {Alarm.CELL_OVER_VOLTAGE, Alarm.CELL_UNDER_VOLTAGE, Alarm.PACK_OVER_VOLTAGE,
        Alarm.PACK_UNDER_VOLTAGE, Alarm.CHARGE_OVER_TEMPERATURE, Alarm.CHARGE_UNDER_TEMPERATURE,
        Alarm.DISCHARGE_OVER_TEMPERATURE, Alarm.DISCHARGE_UNDER_TEMPERATURE, Alarm.CHARGE_OVER_CURRENT,
        Alarm.DISCHARGE_OVER_CURRENT, Alarm.SHORT_CIRCUIT, Alarm.BMS_FAULT, Alarm.BMS_FAULT};
    Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
    for (int bit = 0; bit < byBit.length; bit++) {
      if ((protection & (1 << bit)) != 0) {
        alarms.add(byBit[bit]);
      }
    }
    return alarms;
  }

  /** day = v &amp; 0x1F, month = (v &gt;&gt; 5) &amp; 0x0F, year = 2000 + (v &gt;&gt; 9); empty if not a date. */
  static Optional<LocalDate> productionDate(int packed) {
    try {
      return Optional.of(LocalDate.of(2000 + (packed >> 9), (packed >> 5) & 0x0F, packed & 0x1F));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** ASCII up to the first NUL, trimmed; empty when blank or not printable ASCII. */
  static Optional<String> modelName(byte[] payload) {
    int end = 0;
    while (end < payload.length && payload[end] != 0) {
      if (payload[end] < 0x20 || payload[end] > 0x7E) {
        return Optional.empty();
      }
      end++;
    }
    String name = new String(payload, 0, end, StandardCharsets.US_ASCII).trim();
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }
}
