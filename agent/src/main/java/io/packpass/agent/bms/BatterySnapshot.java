package io.packpass.agent.bms;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reading of a pack, in PackPass's internal units whatever the bus: mV, mA with
 * <b>+ = charging</b>, mAh, 0.1 degree Celsius (dC), 0.01 % (cpct). Drivers convert at their
 * edge. A value the BMS did not give (or gave garbage for) is empty and named in
 * {@link #missing()}: never invented.
 *
 * @param time when the reading was taken (the agent's clock)
 * @param packVoltageMv pack terminal voltage
 * @param currentMa pack current, + = charging
 * @param temperaturesDc every temperature sensor, in the BMS's order
 * @param cellVoltagesMv cell (group) voltages, cell 1 first (drivers undo reversed numbering)
 * @param stateOfChargeCpct relative state of charge as the BMS reports it
 * @param remainingCapacityMah charge left as the BMS reports it
 * @param fullChargeCapacityMah capacity when full, as the BMS believes it now
 * @param designCapacityMah nominal capacity
 * @param cycleCount the BMS's cycle counter
 * @param bmsStateOfHealthCpct SOH as the BMS reports it (bq40z50 0x4F); to be cross-checked, not trusted
 * @param alarms active protection / fault conditions
 * @param identity manufacturer, device name, serial and manufacture date where the BMS tells them
 * @param missing names of the fields that could not be read in this poll ("partial" when not empty)
 */
public record BatterySnapshot(Instant time, Optional<Long> packVoltageMv, Optional<Long> currentMa,
    List<Long> temperaturesDc, List<Long> cellVoltagesMv, Optional<Long> stateOfChargeCpct,
    Optional<Long> remainingCapacityMah, Optional<Long> fullChargeCapacityMah, Optional<Long> designCapacityMah,
    Optional<Long> cycleCount, Optional<Long> bmsStateOfHealthCpct, Set<Alarm> alarms, Identity identity,
    Set<String> missing) {

  /** What the BMS says about itself; every part optional. */
  public record Identity(Optional<String> manufacturer, Optional<String> deviceName, Optional<String> serialNumber,
      Optional<LocalDate> manufactureDate) {
    public static final Identity UNKNOWN = new Identity(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public BatterySnapshot {
    Objects.requireNonNull(time, "time");
    temperaturesDc = List.copyOf(temperaturesDc);
    cellVoltagesMv = List.copyOf(cellVoltagesMv);
    alarms = alarms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alarms));
    Objects.requireNonNull(identity, "identity");
    missing = Set.copyOf(new TreeSet<>(missing));
  }

  /** Whether some field could not be read in this poll. */
  public boolean isPartial() {
    return !missing.isEmpty();
  }
}
