package io.packpass.agent.bms.pylontech;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.pylontech.PylontechFrames.ChargeLimits;
import io.packpass.agent.bms.pylontech.PylontechFrames.Measurements;
import io.packpass.agent.bms.pylontech.PylontechFrames.RequestFlags;
import io.packpass.agent.bms.pylontech.PylontechFrames.StateOfCharge;
import io.packpass.agent.bus.CanFrame;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each frame type of packbus.md §3.2-3.4, the §3.5 US5000 frames as golden vectors. */
class PylontechFramesTest {

  static CanFrame frame(int id, String hex) {
    return CanFrame.standard(id, HexFormat.of().parseHex(hex));
  }

  @Test
  void limits_0x351_decode_the_us5000_frame() {
    // CVL 0x0214 = 53.2 V, CCL 0x12C0 = 480.0 A, DCL 480.0 A, DVL 0x01C2 = 45.0 V
    assertThat(PylontechFrames.limits(frame(0x351, "1402C012C012C201")))
        .contains(new ChargeLimits(53_200, 480_000, 480_000, Optional.of(45_000L)));
  }

  @Test
  void limits_0x351_of_six_bytes_have_no_discharge_voltage_and_other_lengths_none() {
    assertThat(PylontechFrames.limits(frame(0x351, "1402C012C012")))
        .contains(new ChargeLimits(53_200, 480_000, 480_000, Optional.empty()));
    assertThat(PylontechFrames.limits(frame(0x351, "1402C012C012C2"))).isEmpty();
  }

  @Test
  void limits_0x351_currents_are_signed() {
    assertThat(PylontechFrames.limits(frame(0x351, "1402F6FF0A00")).orElseThrow().chargeCurrentLimitMa())
        .isEqualTo(-1_000);
  }

  @Test
  void soc_soh_0x355_decode_the_us5000_frame() {
    assertThat(PylontechFrames.stateOfCharge(frame(0x355, "58005E00"), PylontechProfile.V1_2))
        .contains(new StateOfCharge(8_800, 9_400));
  }

  @Test
  void soc_soh_0x355_is_four_or_six_bytes_in_v1_2_and_six_in_v1_3() {
    assertThat(PylontechFrames.stateOfCharge(frame(0x355, "540060001027"), PylontechProfile.V1_2))
        .contains(new StateOfCharge(8_400, 9_600));
    assertThat(PylontechFrames.stateOfCharge(frame(0x355, "540060000000"), PylontechProfile.V1_3))
        .contains(new StateOfCharge(8_400, 9_600));
    assertThat(PylontechFrames.stateOfCharge(frame(0x355, "58005E00"), PylontechProfile.V1_3)).isEmpty();
    assertThat(PylontechFrames.stateOfCharge(frame(0x355, "58005E"), PylontechProfile.V1_2)).isEmpty();
  }

  @Test
  void measurements_0x356_decode_the_us5000_frame_with_discharge_negative() {
    // V 0x137A = 49.86 V, I 0xFEF2 = -27.0 A (discharging), T 0x016B = 36.3 °C
    assertThat(PylontechFrames.measurements(frame(0x356, "7A13F2FE6B01")))
        .contains(new Measurements(49_860, -27_000, 363));
  }

  @Test
  void measurements_0x356_charge_current_is_positive_and_temperature_can_be_negative() {
    // I 0x0064 = +10.0 A, T 0xFF9C = -10.0 °C
    assertThat(PylontechFrames.measurements(frame(0x356, "7A1364009CFF")))
        .contains(new Measurements(49_860, 10_000, -100));
    assertThat(PylontechFrames.measurements(frame(0x356, "7A13F2FE6B0100"))).isEmpty();
  }

  @Test
  void protection_0x359_of_the_us5000_frame_has_no_alarms_and_six_modules() {
    var p = PylontechFrames.protection(frame(0x359, "0000000006504E")).orElseThrow();
    assertThat(p.alarms()).isEmpty();
    assertThat(p.warnings()).isEmpty();
    assertThat(p.moduleCount()).isEqualTo(6);
    assertThat(PylontechFrames.protection(frame(0x359, "000000000A5059FF"))).isPresent();
    assertThat(PylontechFrames.protection(frame(0x359, "000000000A50"))).isEmpty();
  }

  @Test
  void protection_0x359_maps_each_protection_bit() {
    assertThat(alarms("02", "00")).containsExactly(Alarm.CELL_OVER_VOLTAGE);
    assertThat(alarms("04", "00")).containsExactly(Alarm.CELL_UNDER_VOLTAGE);
    assertThat(alarms("08", "00"))
        .containsExactlyInAnyOrder(Alarm.CHARGE_OVER_TEMPERATURE, Alarm.DISCHARGE_OVER_TEMPERATURE);
    assertThat(alarms("10", "00"))
        .containsExactlyInAnyOrder(Alarm.CHARGE_UNDER_TEMPERATURE, Alarm.DISCHARGE_UNDER_TEMPERATURE);
    assertThat(alarms("80", "00")).containsExactly(Alarm.DISCHARGE_OVER_CURRENT);
    assertThat(alarms("00", "01")).containsExactly(Alarm.CHARGE_OVER_CURRENT);
    assertThat(alarms("00", "08")).containsExactly(Alarm.BMS_FAULT);
    assertThat(alarms("00", "80")).containsExactly(Alarm.BMS_FAULT);
    assertThat(alarms("61", "76")).isEmpty(); // undefined bits
  }

  @Test
  void protection_0x359_keeps_warnings_apart_from_alarms() {
    var p = PylontechFrames.protection(frame(0x359, "0000820906504E")).orElseThrow();
    assertThat(p.alarms()).isEmpty();
    assertThat(p.warnings()).containsExactlyInAnyOrder(Alarm.CELL_OVER_VOLTAGE, Alarm.DISCHARGE_OVER_CURRENT,
        Alarm.CHARGE_OVER_CURRENT, Alarm.BMS_FAULT);
  }

  static Set<Alarm> alarms(String byte0, String byte1) {
    return PylontechFrames.protection(frame(0x359, byte0 + byte1 + "000006504E")).orElseThrow().alarms();
  }

  @Test
  void alarms_0x35a_of_v1_3_decode_only_all_clear() {
    assertThat(PylontechFrames.alarmsV13(frame(0x35A, "0000000000000000"))).contains(Set.of());
    assertThat(PylontechFrames.alarmsV13(frame(0x35A, "0400000000000000"))).isEmpty();
    assertThat(PylontechFrames.alarmsV13(frame(0x35A, "00000000"))).isEmpty();
  }

  @Test
  void requests_0x35c_decode_each_flag() {
    assertThat(PylontechFrames.requests(frame(0x35C, "C000")))
        .contains(new RequestFlags(true, true, false, false, false));
    assertThat(PylontechFrames.requests(frame(0x35C, "3800")))
        .contains(new RequestFlags(false, false, true, true, true));
    assertThat(PylontechFrames.requests(frame(0x35C, "C0"))).isEmpty();
  }

  @Test
  void manufacturer_0x35e_is_trimmed_ascii_of_one_to_eight_bytes() {
    assertThat(PylontechFrames.manufacturer(frame(0x35E, "50594C4F4E202020"))).contains("PYLON");
    assertThat(PylontechFrames.manufacturer(frame(0x35E, "5059544553"))).contains("PYTES");
    assertThat(PylontechFrames.manufacturer(frame(0x35E, "44495942 4D530000".replace(" ", ""))))
        .contains("DIYBMS");
    assertThat(PylontechFrames.manufacturer(frame(0x35E, "2000"))).isEmpty();
    assertThat(PylontechFrames.manufacturer(frame(0x35E, ""))).isEmpty();
    assertThat(PylontechFrames.manufacturer(frame(0x35E, "50FF4C"))).isEmpty();
  }
}
