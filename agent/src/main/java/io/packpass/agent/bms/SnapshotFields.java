package io.packpass.agent.bms;

import java.util.Optional;
import java.util.Set;

/**
 * The names drivers put in {@link BatterySnapshot#missing()}: the record component names, with
 * {@code identity.} in front of the parts of {@link BatterySnapshot.Identity}.
 */
public final class SnapshotFields {
  public static final String PACK_VOLTAGE_MV = "packVoltageMv";
  public static final String CURRENT_MA = "currentMa";
  public static final String TEMPERATURES_DC = "temperaturesDc";
  public static final String CELL_VOLTAGES_MV = "cellVoltagesMv";
  public static final String STATE_OF_CHARGE_CPCT = "stateOfChargeCpct";
  public static final String REMAINING_CAPACITY_MAH = "remainingCapacityMah";
  public static final String FULL_CHARGE_CAPACITY_MAH = "fullChargeCapacityMah";
  public static final String DESIGN_CAPACITY_MAH = "designCapacityMah";
  public static final String CYCLE_COUNT = "cycleCount";
  public static final String BMS_STATE_OF_HEALTH_CPCT = "bmsStateOfHealthCpct";
  public static final String ALARMS = "alarms";
  public static final String MANUFACTURER = "identity.manufacturer";
  public static final String DEVICE_NAME = "identity.deviceName";
  public static final String SERIAL_NUMBER = "identity.serialNumber";
  public static final String MANUFACTURE_DATE = "identity.manufactureDate";

  private SnapshotFields() {
  }

  /** Names {@code field} as missing when a driver could not give {@code value}. */
  public static void addIfEmpty(Set<String> missing, String field, Optional<?> value) {
    if (value.isEmpty()) {
      missing.add(field);
    }
  }
}
