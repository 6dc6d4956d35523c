package io.packpass.agent.bms.pylontech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.TestClock;
import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.pylontech.PylontechFrames.ChargeLimits;
import io.packpass.agent.bms.pylontech.PylontechFrames.RequestFlags;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import io.packpass.agent.bus.sim.CandumpReplay;
import io.packpass.agent.bus.sim.BadLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The driver end to end over candump replays. {@code us5000-v1.2.log} is the §3.5 capture of
 * packbus.md; {@code us5000-v1.3.log} is the "new Pylontechs" capture from the §3.4 source
 * (setfirelabs.com, "Pylontech battery CAN comms v1.2 vs v1.3") with timestamps added.
 */
class PylontechCanDriverTest {
  static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration WINDOW = Duration.ofMillis(2500);

  final List<BadLine> bad = new ArrayList<>();

  PylontechCanDriver driver(CanChannel channel, PylontechProfile profile) {
    return new PylontechCanDriver(channel, CLOCK, profile, WINDOW);
  }

  PylontechCanDriver replaying(PylontechProfile profile, String... lines) {
    return driver(CandumpReplay.ofText(String.join("\n", lines) + "\n", bad::add), profile);
  }

  static final String[] US5000 = {
      "(1700000000.000000) can0 351#1402C012C012C201",
      "(1700000000.002100) can0 355#58005E00",
      "(1700000000.004200) can0 356#7A13F2FE6B01",
      "(1700000000.006300) can0 359#0000000006504E",
      "(1700000000.008400) can0 35C#C000",
      "(1700000000.010500) can0 35E#50594C4F4E202020"};

  /** The US5000 capture with line {@code index} (0-based) replaced. */
  static String[] us5000With(int index, String line) {
    String[] lines = US5000.clone();
    lines[index] = line;
    return lines;
  }

  @Test
  void decodes_the_us5000_capture_exactly_to_the_worked_example() {
    var driver = driver(CandumpReplay.ofResource("/candump/us5000-v1.2.log", bad::add), PylontechProfile.V1_2);

    BatterySnapshot s = driver.read();

    assertThat(s.time()).isEqualTo(NOW);
    assertThat(s.packVoltageMv()).contains(49_860L); // 49.86 V
    assertThat(s.currentMa()).contains(-27_000L); // -27.0 A, discharging: + = charging kept
    assertThat(s.temperaturesDc()).containsExactly(363L); // 36.3 °C
    assertThat(s.stateOfChargeCpct()).contains(8_800L); // 88 %
    assertThat(s.bmsStateOfHealthCpct()).contains(9_400L); // 94 %
    assertThat(s.alarms()).isEmpty();
    assertThat(s.identity().manufacturer()).contains("PYLON");
    assertThat(s.missing()).isEmpty();
    // never provided by this protocol: empty and not missing
    assertThat(s.cellVoltagesMv()).isEmpty();
    assertThat(s.remainingCapacityMah()).isEmpty();
    assertThat(s.fullChargeCapacityMah()).isEmpty();
    assertThat(s.designCapacityMah()).isEmpty();
    assertThat(s.cycleCount()).isEmpty();
    assertThat(s.identity().deviceName()).isEmpty();
    assertThat(s.identity().serialNumber()).isEmpty();
    assertThat(s.identity().manufactureDate()).isEmpty();

    PylontechCycle c = driver.lastCycle().orElseThrow();
    assertThat(c.limits()).contains(new ChargeLimits(53_200, 480_000, 480_000, Optional.of(45_000L)));
    assertThat(c.requests()).contains(new RequestFlags(true, true, false, false, false));
    assertThat(c.moduleCount()).contains(6);
    assertThat(c.warnings()).isEmpty();
    assertThat(c.unknownFrames()).isZero();
    assertThat(c.frames()).hasSize(6);
    assertThat(bad).isEmpty();
  }

  @Test
  void decodes_the_v1_3_capture_with_the_v1_3_profile() {
    var driver = driver(CandumpReplay.ofResource("/candump/us5000-v1.3.log", bad::add), PylontechProfile.V1_3);

    BatterySnapshot s = driver.read();

    assertThat(s.packVoltageMv()).contains(49_870L);
    assertThat(s.currentMa()).contains(-27_900L);
    assertThat(s.temperaturesDc()).containsExactly(363L);
    assertThat(s.stateOfChargeCpct()).contains(8_400L); // bytes 0-1, not the zero high-res bytes 4-5
    assertThat(s.bmsStateOfHealthCpct()).contains(9_600L);
    assertThat(s.alarms()).isEmpty();
    assertThat(s.identity().manufacturer()).contains("PYLON");
    assertThat(s.missing()).isEmpty();
    PylontechCycle c = driver.lastCycle().orElseThrow();
    assertThat(c.limits()).contains(new ChargeLimits(52_800, 480_000, 480_000, Optional.of(45_000L)));
    assertThat(c.requests()).isEmpty();
    assertThat(c.moduleCount()).isEmpty();
    assertThat(c.unknownFrames()).isZero();
    assertThat(driver.unknownFrameCount()).isZero();
  }

  @Test
  void v1_3_alarm_bits_that_cannot_be_interpreted_leave_alarms_missing() {
    var driver = driver(CandumpReplay.ofText(String.join("\n",
        "(1700000100.000000) can0 355#540060000000",
        "(1700000100.006300) can0 35A#0400000000000000") + "\n", bad::add), PylontechProfile.V1_3);
    BatterySnapshot s = driver.read();
    assertThat(s.stateOfChargeCpct()).contains(8_400L);
    assertThat(s.missing()).contains("alarms");
  }

  @Test
  void a_v1_3_pack_read_with_the_v1_2_profile_lacks_alarms_and_counts_the_new_ids_as_unknown() {
    var driver = driver(CandumpReplay.ofResource("/candump/us5000-v1.3.log", bad::add), PylontechProfile.V1_2);
    BatterySnapshot s = driver.read();
    assertThat(s.stateOfChargeCpct()).contains(8_400L); // 6-byte 0x355 is accepted by v1.2 too
    assertThat(s.missing()).containsExactly("alarms");
    assertThat(driver.unknownFrameCount()).isEqualTo(2); // 0x35A, 0x35F
  }

  @Test
  void protection_bits_in_0x359_become_alarms() {
    var driver = replaying(PylontechProfile.V1_2,
        us5000With(3, "(1700000000.006300) can0 359#8201000006504E"));
    assertThat(driver.read().alarms()).containsExactlyInAnyOrder(Alarm.CELL_OVER_VOLTAGE,
        Alarm.DISCHARGE_OVER_CURRENT, Alarm.CHARGE_OVER_CURRENT);
  }

  @Test
  void charging_current_is_positive() {
    var driver = replaying(PylontechProfile.V1_2, us5000With(2, "(1700000000.004200) can0 356#7A1364006B01"));
    assertThat(driver.read().currentMa()).contains(10_000L);
  }

  @Test
  void a_wrong_length_frame_leaves_its_fields_missing_and_the_rest_read() {
    var driver = replaying(PylontechProfile.V1_2, us5000With(2, "(1700000000.004200) can0 356#7A13F2FE6B"));

    BatterySnapshot s = driver.read();

    assertThat(s.isPartial()).isTrue();
    assertThat(s.missing()).containsExactlyInAnyOrder("packVoltageMv", "currentMa", "temperaturesDc");
    assertThat(s.packVoltageMv()).isEmpty();
    assertThat(s.temperaturesDc()).isEmpty();
    assertThat(s.stateOfChargeCpct()).contains(8_800L);
    assertThat(s.bmsStateOfHealthCpct()).contains(9_400L);
    assertThat(s.identity().manufacturer()).contains("PYLON");
  }

  @Test
  void wrong_length_soc_protection_and_name_frames_leave_their_fields_missing() {
    String[] lines = us5000With(1, "(1700000000.002100) can0 355#58005E");
    lines[3] = "(1700000000.006300) can0 359#00000000";
    lines[5] = "(1700000000.010500) can0 35E#";
    BatterySnapshot s = replaying(PylontechProfile.V1_2, lines).read();
    assertThat(s.missing()).containsExactlyInAnyOrder("stateOfChargeCpct", "bmsStateOfHealthCpct", "alarms",
        "identity.manufacturer");
    assertThat(s.packVoltageMv()).contains(49_860L);
  }

  @Test
  void absent_frames_leave_their_fields_missing() {
    BatterySnapshot s = replaying(PylontechProfile.V1_2, US5000[1]).read();
    assertThat(s.stateOfChargeCpct()).contains(8_800L);
    assertThat(s.missing()).containsExactlyInAnyOrder("packVoltageMv", "currentMa", "temperaturesDc", "alarms",
        "identity.manufacturer");
  }

  @Test
  void absurd_values_are_missing() {
    String[] lines = us5000With(1, "(1700000000.002100) can0 355#65000000"); // SOC 101 %, SOH 0 %
    lines[2] = "(1700000000.004200) can0 356#0000F2FED007"; // 0 V, 200.0 °C
    BatterySnapshot s = replaying(PylontechProfile.V1_2, lines).read();
    assertThat(s.missing()).containsExactlyInAnyOrder("packVoltageMv", "temperaturesDc", "stateOfChargeCpct",
        "bmsStateOfHealthCpct");
    assertThat(s.currentMa()).contains(-27_000L);
  }

  @Test
  void unknown_ids_and_extended_frames_are_ignored_and_counted() {
    List<String> lines = new ArrayList<>(List.of(US5000));
    lines.add(0, "(1700000000.000000) can0 305#0000000000000000"); // the inverter's heartbeat
    lines.add(3, "(1700000000.000000) can0 00000356#0000000000000000"); // extended id 0x356
    lines.add(5, "(1700000000.000000) can0 373#0102030405060708");
    var driver = replaying(PylontechProfile.V1_2, lines.toArray(String[]::new));

    BatterySnapshot s = driver.read();

    assertThat(s.missing()).isEmpty();
    assertThat(s.packVoltageMv()).contains(49_860L);
    assertThat(driver.unknownFrameCount()).isEqualTo(3);
    assertThat(driver.lastCycle().orElseThrow().unknownFrames()).isEqualTo(3);
  }

  @Test
  void a_bad_log_line_is_reported_and_the_cycle_still_decodes() {
    var driver = replaying(PylontechProfile.V1_2, us5000With(3, "(1700000000.006300) can0 359#0000000006504"));
    BatterySnapshot s = driver.read();
    assertThat(bad).extracting(BadLine::lineNumber).containsExactly(4);
    assertThat(s.missing()).containsExactly("alarms");
    assertThat(s.identity().manufacturer()).contains("PYLON");
  }

  @Test
  void the_last_frame_of_an_id_in_the_window_wins() {
    var driver = replaying(PylontechProfile.V1_2, "(1700000000.000000) can0 355#50005E00", US5000[1]);
    assertThat(driver.read().stateOfChargeCpct()).contains(8_800L);
  }

  @Test
  void reading_stops_once_the_cycle_is_complete() {
    var replay = CandumpReplay.ofText(String.join("\n", US5000) + "\n" + US5000[1] + "\n", bad::add);
    driver(replay, PylontechProfile.V1_2).read();
    assertThat(replay.receive(Duration.ZERO)).map(CanFrame::id).contains(0x355);
  }

  @Test
  void no_frame_within_the_window_is_a_timeout() {
    var driver = replaying(PylontechProfile.V1_2);
    assertThatThrownBy(driver::read).isInstanceOfSatisfying(BusException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    assertThat(driver.lastCycle()).isEmpty();
  }

  @Test
  void only_unknown_frames_within_the_window_is_a_timeout() {
    var driver = replaying(PylontechProfile.V1_2, "(1700000000.000000) can0 305#0000000000000000");
    assertThatThrownBy(driver::read).isInstanceOfSatisfying(BusException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    assertThat(driver.unknownFrameCount()).isEqualTo(1);
  }

  @Test
  void frames_after_the_window_are_left_for_the_next_read() {
    // each receive takes 1 s on the clock: with a 2.5 s window only three frames fit
    var clock = new TestClock(NOW);
    Iterator<CanFrame> frames = List.of(US5000).stream()
        .map(l -> CanFrame.standard(Integer.parseInt(l.substring(25, 28), 16),
            HexFormat.of().parseHex(l.substring(29))))
        .iterator();
    List<Duration> timeouts = new ArrayList<>();
    CanChannel channel = timeout -> {
      timeouts.add(timeout);
      clock.advance(Duration.ofSeconds(1));
      return frames.hasNext() ? Optional.of(frames.next()) : Optional.empty();
    };
    var driver = new PylontechCanDriver(channel, clock, PylontechProfile.V1_2, WINDOW);

    BatterySnapshot s = driver.read();

    assertThat(timeouts).containsExactly(Duration.ofMillis(2500), Duration.ofMillis(1500), Duration.ofMillis(500));
    assertThat(s.packVoltageMv()).contains(49_860L);
    assertThat(s.missing()).containsExactlyInAnyOrder("alarms", "identity.manufacturer");
    assertThat(frames.next().id()).isEqualTo(0x359);
  }

  @Test
  void rejects_a_window_that_is_not_positive() {
    assertThatThrownBy(() -> new PylontechCanDriver(t -> Optional.empty(), CLOCK, PylontechProfile.V1_2,
        Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
