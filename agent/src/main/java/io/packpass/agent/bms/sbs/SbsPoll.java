package io.packpass.agent.bms.sbs;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.SmbusDevice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of an SBS device in progress: reads that fail or return garbage leave their field empty
 * and name it as missing, the poll goes on. Created by {@link SbsDriver}; chip drivers fill their
 * extra fields through it in {@link SbsDriver#readExtensions(SbsPoll)}. Not thread-safe.
 */
public final class SbsPoll {
  private static final Logger LOG = LoggerFactory.getLogger(SbsPoll.class);

  private final SmbusDevice device;
  private int answered;
  private BusException firstFailure;

  private Optional<Long> packVoltageMv = Optional.empty();
  private Optional<Long> currentMa = Optional.empty();
  private List<Long> temperaturesDc = List.of();
  private List<Long> cellVoltagesMv = List.of();
  private Optional<Long> stateOfChargeCpct = Optional.empty();
  private Optional<Long> remainingCapacityMah = Optional.empty();
  private Optional<Long> fullChargeCapacityMah = Optional.empty();
  private Optional<Long> designCapacityMah = Optional.empty();
  private Optional<Long> cycleCount = Optional.empty();
  private Optional<Long> bmsStateOfHealthCpct = Optional.empty();
  private Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
  private Optional<String> manufacturer = Optional.empty();
  private Optional<String> deviceName = Optional.empty();
  private Optional<String> serialNumber = Optional.empty();
  private Optional<LocalDate> manufactureDate = Optional.empty();
  private final Set<String> missing = new TreeSet<>();

  SbsPoll(SmbusDevice device) {
    this.device = device;
  }

  /**
   * Reads word {@code command}; on a bus failure names {@code field} missing and returns empty.
   */
  public Optional<Integer> word(int command, String field) {
    return readWord(command, Objects.requireNonNull(field, "field"));
  }

  /**
   * Reads word {@code command} that feeds no snapshot field by itself (a mode or scale register);
   * on a bus failure returns empty and the caller decides which fields that costs.
   */
  public Optional<Integer> word(int command) {
    return readWord(command, null);
  }

  private Optional<Integer> readWord(int command, String field) {
    try {
      int value = device.readWord(command);
      answered++;
      return Optional.of(value);
    } catch (BusException e) {
      failed(field, e);
      return Optional.empty();
    }
  }

  /**
   * Reads block {@code command}; on a bus failure names {@code field} missing and returns empty.
   */
  public Optional<byte[]> block(int command, String field) {
    try {
      byte[] value = device.readBlock(command);
      answered++;
      return Optional.of(value);
    } catch (BusException e) {
      failed(field, e);
      return Optional.empty();
    }
  }

  /** Names {@code field} missing because the device's value is not believable. */
  public void reject(String field, String reason) {
    LOG.debug("{} rejected: {}", field, reason);
    missing.add(field);
  }

  /** Names {@code field} missing without a read (e.g. its unit is unknown). */
  public void missing(String field) {
    missing.add(field);
  }

  private void failed(String field, BusException e) {
    LOG.debug("{} not read: {} ({})", field, e.getMessage(), e.kind());
    if (firstFailure == null) {
      firstFailure = e;
    }
    if (field != null) {
      missing.add(field);
    }
  }

  public void packVoltageMv(long mv) {
    packVoltageMv = Optional.of(mv);
  }

  public void currentMa(long ma) {
    currentMa = Optional.of(ma);
  }

  public void temperaturesDc(List<Long> dc) {
    temperaturesDc = List.copyOf(dc);
  }

  public void cellVoltagesMv(List<Long> mv) {
    cellVoltagesMv = List.copyOf(mv);
  }

  public void stateOfChargeCpct(long cpct) {
    stateOfChargeCpct = Optional.of(cpct);
  }

  public void remainingCapacityMah(long mah) {
    remainingCapacityMah = Optional.of(mah);
  }

  public void fullChargeCapacityMah(long mah) {
    fullChargeCapacityMah = Optional.of(mah);
  }

  public void designCapacityMah(long mah) {
    designCapacityMah = Optional.of(mah);
  }

  public Optional<Long> designCapacityMah() {
    return designCapacityMah;
  }

  public void cycleCount(long cycles) {
    cycleCount = Optional.of(cycles);
  }

  public void bmsStateOfHealthCpct(long cpct) {
    bmsStateOfHealthCpct = Optional.of(cpct);
  }

  public void alarms(Set<Alarm> active) {
    alarms = active.isEmpty() ? EnumSet.noneOf(Alarm.class) : EnumSet.copyOf(active);
  }

  public void manufacturer(String name) {
    manufacturer = Optional.of(name);
  }

  public void deviceName(String name) {
    deviceName = Optional.of(name);
  }

  public void serialNumber(String serial) {
    serialNumber = Optional.of(serial);
  }

  public void manufactureDate(LocalDate date) {
    manufactureDate = Optional.of(date);
  }

  /**
   * The snapshot taken at {@code time}.
   *
   * @throws BusException when no read of this poll got an answer: the device is not there
   */
  BatterySnapshot finish(Instant time) {
    if (answered == 0 && firstFailure != null) {
      throw new BusException(firstFailure.kind(),
          "SBS device answered none of the reads of this poll; first failure: " + firstFailure.getMessage(),
          firstFailure);
    }
    return new BatterySnapshot(time, packVoltageMv, currentMa, temperaturesDc, cellVoltagesMv, stateOfChargeCpct,
        remainingCapacityMah, fullChargeCapacityMah, designCapacityMah, cycleCount, bmsStateOfHealthCpct, alarms,
        new BatterySnapshot.Identity(manufacturer, deviceName, serialNumber, manufactureDate), missing);
  }
}
