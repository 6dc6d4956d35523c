package io.packpass.agent.bms.sbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.bus.sim.SbsRegisterMap.Fault;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SbsDriverTest {
  static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** packbus.md §1.9 as a plain SBS driver must see it: no cells, no vendor SOH. */
  static final BatterySnapshot FIXTURE = new BatterySnapshot(NOW,
      Optional.of(15400L), // 0x09 28 3C
      Optional.of(-1250L), // 0x0A 1E FB, signed, discharging
      List.of(250L), // 0x08 A5 0B = 2981 (0.1 K) = 25.0 °C
      List.of(),
      Optional.of(6200L), // 0x0D 62 %
      Optional.of(2592L), // 0x0F
      Optional.of(4180L), // 0x10
      Optional.of(4400L), // 0x18
      Optional.of(187L), // 0x17
      Optional.empty(),
      Set.of(), // 0x16 C0 00: INITIALIZED + DISCHARGING, no alarm
      new BatterySnapshot.Identity(Optional.of("Texas Inst"), Optional.of("bq40z50"), Optional.of("4660"),
          Optional.of(LocalDate.of(2023, 6, 15))), // 0x1B CF 56
      Set.of());

  private static BatterySnapshot read(SbsRegisterMap map) {
    return new SbsDriver(map, CLOCK).read();
  }

  @Test
  void decodes_the_packbus_fixture_exactly() {
    assertThat(read(SbsRegisterMap.fixture4s())).isEqualTo(FIXTURE);
  }

  @Test
  void decodes_the_packbus_fixture_exactly_with_pec() {
    assertThat(read(SbsRegisterMap.fixture4s().pec(true))).isEqualTo(FIXTURE);
  }

  @Test
  void charging_current_is_positive() {
    assertThat(read(SbsRegisterMap.fixture4s().word(0x0A, 2000)).currentMa()).contains(2000L);
  }

  @Test
  void capacities_in_10_mwh_are_missing_not_misread_as_mah() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(0x03, 0x8000));

    assertThat(snapshot.remainingCapacityMah()).isEmpty();
    assertThat(snapshot.fullChargeCapacityMah()).isEmpty();
    assertThat(snapshot.designCapacityMah()).isEmpty();
    assertThat(snapshot.missing())
        .containsExactlyInAnyOrder("remainingCapacityMah", "fullChargeCapacityMah", "designCapacityMah");
    assertThat(snapshot.stateOfChargeCpct()).contains(6200L);
    assertThat(snapshot.packVoltageMv()).contains(15400L);
  }

  @Test
  void capacities_are_missing_when_their_unit_cannot_be_read() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().fault(0x03, Fault.NACK));

    assertThat(snapshot.missing())
        .containsExactlyInAnyOrder("remainingCapacityMah", "fullChargeCapacityMah", "designCapacityMah");
    assertThat(snapshot.cycleCount()).contains(187L);
  }

  @Test
  void other_battery_mode_bits_do_not_matter() {
    assertThat(read(SbsRegisterMap.fixture4s().word(0x03, 0x6001))).isEqualTo(FIXTURE);
  }

  @Test
  void spec_info_scales_voltage_current_and_capacities() {
    // VScale 1, IPScale 1: the gauge reports in units of 10 mV, 10 mA, 10 mAh
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(0x1A, 0x1131).word(0x09, 1540)
        .word(0x0A, -125 & 0xFFFF).word(0x0F, 259).word(0x10, 418).word(0x18, 440));

    assertThat(snapshot.packVoltageMv()).contains(15400L);
    assertThat(snapshot.currentMa()).contains(-1250L);
    assertThat(snapshot.remainingCapacityMah()).contains(2590L);
    assertThat(snapshot.fullChargeCapacityMah()).contains(4180L);
    assertThat(snapshot.designCapacityMah()).contains(4400L);
    assertThat(snapshot.missing()).isEmpty();
  }

  @Test
  void unreadable_spec_info_means_scale_zero_and_costs_no_field() {
    assertThat(read(SbsRegisterMap.fixture4s().fault(0x1A, Fault.TIMEOUT))).isEqualTo(FIXTURE);
  }

  @Test
  void absurd_scales_make_voltage_current_and_capacities_missing() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(0x1A, 0xFFFF));

    assertThat(snapshot.missing()).containsExactlyInAnyOrder("packVoltageMv", "currentMa", "remainingCapacityMah",
        "fullChargeCapacityMah", "designCapacityMah");
  }

  @ParameterizedTest(name = "{1} on command 0x{0} leaves only {2} missing")
  @CsvSource({
      "08, NACK, temperaturesDc", "09, TIMEOUT, packVoltageMv", "0A, TRUNCATED, currentMa",
      "0D, NACK, stateOfChargeCpct", "0F, TIMEOUT, remainingCapacityMah", "10, NACK, fullChargeCapacityMah",
      "16, TRUNCATED, alarms", "17, NACK, cycleCount", "1B, TIMEOUT, identity.manufactureDate",
      "1C, NACK, identity.serialNumber", "20, TRUNCATED, identity.manufacturer", "21, NACK, identity.deviceName",
  })
  void a_failed_field_is_missing_and_the_rest_still_read(String command, Fault fault, String field) {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().fault(Integer.parseInt(command, 16), fault));

    assertThat(snapshot.missing()).containsExactly(field);
    assertThat(snapshot.isPartial()).isTrue();
    assertThat(snapshot.time()).isEqualTo(NOW);
  }

  @ParameterizedTest(name = "bad PEC on command 0x{0} leaves only {1} missing")
  @CsvSource({"09, packVoltageMv", "0A, currentMa", "18, designCapacityMah", "20, identity.manufacturer"})
  void a_bad_pec_makes_its_field_missing(String command, String field) {
    BatterySnapshot snapshot = read(
        SbsRegisterMap.fixture4s().pec(true).fault(Integer.parseInt(command, 16), Fault.BAD_PEC));

    assertThat(snapshot.missing()).containsExactly(field);
  }

  @Test
  void a_failed_design_capacity_leaves_full_charge_capacity_unchecked_but_present() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().fault(0x18, Fault.NACK));

    assertThat(snapshot.designCapacityMah()).isEmpty();
    assertThat(snapshot.fullChargeCapacityMah()).contains(4180L);
    assertThat(snapshot.missing()).containsExactly("designCapacityMah");
  }

  @Test
  void a_device_that_answers_nothing_throws_the_bus_failure() {
    assertThatThrownBy(() -> read(SbsRegisterMap.fixture4s().faultEverywhere(Fault.NACK)))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(BusException.Kind.NACK))
        .hasMessageContaining("answered none");
  }

  @Test
  void an_empty_device_throws_too() {
    assertThatThrownBy(() -> read(new SbsRegisterMap())).isInstanceOf(BusException.class);
  }

  @ParameterizedTest(name = "command 0x{0} = 0x{1} is rejected as {2}")
  @CsvSource({
      "09, FFFF, packVoltageMv", // floating bus
      "08, FFFF, temperaturesDc", // 6280 °C
      "08, 0000, temperaturesDc", // 0 K
      "0D, 00FF, stateOfChargeCpct", // 255 %
      "10, 2261, fullChargeCapacityMah", // 8801 mAh > 2 x 4400
      "10, FFFF, fullChargeCapacityMah",
      "0F, 2261, remainingCapacityMah",
      "17, FFFF, cycleCount",
      "1B, 0000, identity.manufactureDate", // month 0
      "1B, 57AF, identity.manufactureDate", // 2023-13-15
      "1B, 5A5F, identity.manufactureDate", // 2025-02-31
      "1B, 5FEF, identity.manufactureDate", // month 15
  })
  void absurd_values_are_missing_not_invented(String command, String hex, String field) {
    int cmd = Integer.parseInt(command, 16);
    int value = Integer.parseInt(hex, 16);
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(cmd, value));

    assertThat(snapshot.missing()).containsExactly(field);
  }

  @Test
  void design_capacity_of_zero_is_absurd() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(0x18, 0));

    assertThat(snapshot.designCapacityMah()).isEmpty();
    assertThat(snapshot.missing()).containsExactly("designCapacityMah");
  }

  @Test
  void a_manufacture_date_after_today_is_absurd() {
    int dec2026 = 1 + 12 * 32 + (2026 - 1980) * 512; // 2026-12-01, after the clock's 2026-11-25
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(0x1B, dec2026));

    assertThat(snapshot.identity().manufactureDate()).isEmpty();
    assertThat(snapshot.missing()).containsExactly("identity.manufactureDate");
  }

  @Test
  void names_lose_trailing_nuls_and_spaces_but_not_printable_text() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s()
        .block(0x20, new byte[] {'A', 'c', 'm', 'e', ' ', 0, 0})
        .block(0x21, new byte[] {'b', 'q', 0x07}));

    assertThat(snapshot.identity().manufacturer()).contains("Acme");
    assertThat(snapshot.identity().deviceName()).isEmpty();
    assertThat(snapshot.missing()).containsExactly("identity.deviceName");
  }

  @Test
  void an_empty_name_is_missing() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().block(0x21, new byte[0]));

    assertThat(snapshot.missing()).containsExactly("identity.deviceName");
  }

  @ParameterizedTest(name = "BatteryStatus 0x{0} raises {1}")
  @CsvSource({
      "80C0, PACK_OVER_VOLTAGE", "08C0, PACK_UNDER_VOLTAGE", "10C0, DISCHARGE_OVER_TEMPERATURE",
      "1080, CHARGE_OVER_TEMPERATURE",
  })
  void battery_status_alarm_bits_become_alarms(String status, Alarm alarm) {
    assertThat(read(SbsRegisterMap.fixture4s().word(0x16, Integer.parseInt(status, 16))).alarms())
        .containsExactly(alarm);
  }

  @Test
  void status_flags_and_error_codes_are_no_alarms() {
    // TERMINATE_CHARGE, REMAINING_CAPACITY, REMAINING_TIME, INITIALIZED, FULLY_CHARGED, error code 7
    assertThat(read(SbsRegisterMap.fixture4s().word(0x16, 0x43A7)).alarms()).isEmpty();
  }
}
