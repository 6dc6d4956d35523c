package io.packpass.agent.bms;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What every driver promises of a {@link BatterySnapshot}, whatever the bus said (the fuzz targets). */
public final class SnapshotChecks {
  /** Every name a driver may list in {@link BatterySnapshot#missing()}. */
  private static final Set<String> FIELDS = Arrays.stream(SnapshotFields.class.getFields())
      .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
      .map(f -> {
        try {
          return (String) f.get(null);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      })
      .collect(Collectors.toUnmodifiableSet());

  private SnapshotChecks() {
  }

  /**
   * Taken at {@code time}; every value the BMS gave is in its field and not named missing (a value is
   * never invented: missing means empty); only known field names are missing; percentages are
   * percentages.
   */
  public static void assertConsistent(BatterySnapshot s, Instant time) {
    assertThat(s.time()).isEqualTo(time);
    assertThat(FIELDS).containsAll(s.missing());
    Map<String, Boolean> present = new LinkedHashMap<>();
    present.put(SnapshotFields.PACK_VOLTAGE_MV, s.packVoltageMv().isPresent());
    present.put(SnapshotFields.CURRENT_MA, s.currentMa().isPresent());
    present.put(SnapshotFields.TEMPERATURES_DC, !s.temperaturesDc().isEmpty());
    present.put(SnapshotFields.CELL_VOLTAGES_MV, !s.cellVoltagesMv().isEmpty());
    present.put(SnapshotFields.STATE_OF_CHARGE_CPCT, s.stateOfChargeCpct().isPresent());
    present.put(SnapshotFields.REMAINING_CAPACITY_MAH, s.remainingCapacityMah().isPresent());
    present.put(SnapshotFields.FULL_CHARGE_CAPACITY_MAH, s.fullChargeCapacityMah().isPresent());
    present.put(SnapshotFields.DESIGN_CAPACITY_MAH, s.designCapacityMah().isPresent());
    present.put(SnapshotFields.CYCLE_COUNT, s.cycleCount().isPresent());
    present.put(SnapshotFields.BMS_STATE_OF_HEALTH_CPCT, s.bmsStateOfHealthCpct().isPresent());
    present.put(SnapshotFields.MANUFACTURER, s.identity().manufacturer().isPresent());
    present.put(SnapshotFields.DEVICE_NAME, s.identity().deviceName().isPresent());
    present.put(SnapshotFields.SERIAL_NUMBER, s.identity().serialNumber().isPresent());
    present.put(SnapshotFields.MANUFACTURE_DATE, s.identity().manufactureDate().isPresent());
    present.forEach((field, has) -> {
      if (has) {
        assertThat(s.missing()).as("%s has a value and is named missing", field).doesNotContain(field);
      }
    });
    s.stateOfChargeCpct().ifPresent(v -> assertThat(v).isBetween(0L, 10_000L));
    s.bmsStateOfHealthCpct().ifPresent(v -> assertThat(v).isBetween(0L, 10_000L));
    s.identity().manufacturer().ifPresent(SnapshotChecks::assertPrintable);
    s.identity().deviceName().ifPresent(SnapshotChecks::assertPrintable);
  }

  private static void assertPrintable(String name) {
    assertThat(name).isNotBlank().matches("[\\x20-\\x7E]+");
  }
}
