package io.packpass.agent.bms.jbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.sim.JbdUartPeer;
import io.packpass.agent.bus.sim.JbdUartPeer.Command;
import io.packpass.agent.bus.sim.JbdUartPeer.Fault;
import io.packpass.agent.bus.sim.JbdUartPeer.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The driver end to end against the simulated BMS. */
class JbdDriverTest {
  static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration SHORT = Duration.ofMillis(5);

  final JbdUartPeer peer = JbdUartPeer.workedExample();
  final JbdDriver driver = new JbdDriver(peer.link(), CLOCK, SHORT);

  @Test
  void worked_example_reads_as_a_complete_snapshot_in_internal_units() {
    BatterySnapshot s = driver.read();

    assertThat(s.time()).isEqualTo(NOW);
    assertThat(s.packVoltageMv()).contains(13_280L);
    assertThat(s.currentMa()).contains(-2_500L); // discharging, + = charging kept
    assertThat(s.remainingCapacityMah()).contains(65_430L);
    assertThat(s.designCapacityMah()).contains(100_000L);
    assertThat(s.fullChargeCapacityMah()).isEmpty(); // JBD has no learned capacity (§2.9)
    assertThat(s.cycleCount()).contains(123L);
    assertThat(s.stateOfChargeCpct()).contains(6_500L);
    assertThat(s.temperaturesDc()).containsExactly(250L, 234L);
    assertThat(s.cellVoltagesMv()).containsExactly(3320L, 3318L, 3322L, 3321L);
    assertThat(s.alarms()).isEmpty();
    assertThat(s.bmsStateOfHealthCpct()).isEmpty();
    assertThat(s.identity().deviceName()).contains("JBD-SP04S034");
    assertThat(s.identity().manufactureDate()).contains(LocalDate.of(2023, 6, 15));
    assertThat(s.identity().manufacturer()).isEmpty();
    assertThat(s.missing()).isEmpty();
    assertThat(s.isPartial()).isFalse();
  }

  @Test
  void charging_current_stays_positive() {
    peer.setState(State.workedExample().withCurrent(1234));
    assertThat(driver.read().currentMa()).contains(12_340L);
  }

  @Test
  void model_name_is_asked_once() {
    driver.read();
    driver.read();
    assertThat(peer.requestCount(Command.BASIC_INFO)).isEqualTo(2);
    assertThat(peer.requestCount(Command.CELL_VOLTAGES)).isEqualTo(2);
    assertThat(peer.requestCount(Command.HARDWARE_VERSION)).isEqualTo(1);
  }

  @Test
  void model_name_is_asked_again_after_silence_and_kept_once_read() {
    peer.inject(Command.HARDWARE_VERSION, Fault.SILENCE);
    assertThat(driver.read().missing()).containsExactly("identity.deviceName");
    peer.inject(Command.HARDWARE_VERSION, Fault.NONE);
    assertThat(driver.read().identity().deviceName()).contains("JBD-SP04S034");
    BatterySnapshot third = driver.read();
    assertThat(third.identity().deviceName()).contains("JBD-SP04S034");
    assertThat(peer.requestCount(Command.HARDWARE_VERSION)).isEqualTo(2);
  }

  @Test
  void each_cell_voltage_fault_gives_a_snapshot_without_cells() {
    for (Fault fault : List.of(Fault.BAD_CHECKSUM, Fault.TRUNCATED, Fault.SILENCE, Fault.ERROR_STATUS)) {
      peer.inject(Command.CELL_VOLTAGES, fault);
      BatterySnapshot s = driver.read();
      assertThat(s.cellVoltagesMv()).as(fault.name()).isEmpty();
      assertThat(s.missing()).as(fault.name()).containsExactly("cellVoltagesMv");
      assertThat(s.packVoltageMv()).as(fault.name()).contains(13_280L);
    }
  }

  @Test
  void each_basic_info_fault_leaves_exactly_its_fields_missing() {
    for (Fault fault : List.of(Fault.BAD_CHECKSUM, Fault.TRUNCATED, Fault.SILENCE, Fault.ERROR_STATUS)) {
      peer.inject(Command.BASIC_INFO, fault);
      BatterySnapshot s = driver.read();
      assertThat(s.missing()).as(fault.name()).containsExactlyInAnyOrderElementsOf(JbdDriver.BASIC_INFO_FIELDS);
      assertThat(s.packVoltageMv()).as(fault.name()).isEmpty();
      assertThat(s.currentMa()).isEmpty();
      assertThat(s.temperaturesDc()).isEmpty();
      assertThat(s.identity().manufactureDate()).isEmpty();
      assertThat(s.cellVoltagesMv()).as(fault.name()).containsExactly(3320L, 3318L, 3322L, 3321L);
    }
  }

  @Test
  void a_silent_bms_is_a_timeout() {
    peer.injectAll(Fault.SILENCE);
    assertThatThrownBy(driver::read)
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
        .hasMessageContaining("silent");
  }

  @Test
  void a_bms_answering_only_garbled_frames_throws_the_first_failure_kind() {
    peer.inject(Command.BASIC_INFO, Fault.SILENCE);
    peer.inject(Command.CELL_VOLTAGES, Fault.BAD_CHECKSUM);
    assertThatThrownBy(driver::read)
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_CHECKSUM));
  }

  @Test
  void split_delivery_in_small_chunks_after_leading_garbage_reads_completely() {
    peer.setChunkSize(3);
    peer.setLeadingGarbage(new byte[] {0x00, (byte) 0xDD, 0x77, (byte) 0xFF, (byte) 0xDD, 0x03});
    BatterySnapshot s = driver.read();
    assertThat(s.missing()).isEmpty();
    assertThat(s.cellVoltagesMv()).containsExactly(3320L, 3318L, 3322L, 3321L);
    assertThat(s.identity().deviceName()).contains("JBD-SP04S034");
  }

  @Test
  void protection_bits_map_to_alarms() {
    peer.setState(State.workedExample().withProtection(0b1_1111_1111_1111));
    assertThat(driver.read().alarms()).containsExactlyInAnyOrder(Alarm.CELL_OVER_VOLTAGE, Alarm.CELL_UNDER_VOLTAGE,
        Alarm.PACK_OVER_VOLTAGE, Alarm.PACK_UNDER_VOLTAGE, Alarm.CHARGE_OVER_TEMPERATURE,
        Alarm.CHARGE_UNDER_TEMPERATURE, Alarm.DISCHARGE_OVER_TEMPERATURE, Alarm.DISCHARGE_UNDER_TEMPERATURE,
        Alarm.CHARGE_OVER_CURRENT, Alarm.DISCHARGE_OVER_CURRENT, Alarm.SHORT_CIRCUIT, Alarm.BMS_FAULT);
  }

  @Test
  void single_protection_bits_map_one_to_one() {
    assertThat(JbdDriver.alarms(1 << 10)).containsExactly(Alarm.SHORT_CIRCUIT);
    assertThat(JbdDriver.alarms(1 << 9)).containsExactly(Alarm.DISCHARGE_OVER_CURRENT);
    assertThat(JbdDriver.alarms(1 << 12)).containsExactly(Alarm.BMS_FAULT);
    assertThat(JbdDriver.alarms(0b1110_0000_0000_0000)).isEmpty(); // reserved bits 13-15
  }

  @Test
  void a_nominal_capacity_of_zero_is_missing_not_invented() {
    peer.setState(State.workedExample().withCapacities(6543, 0));
    BatterySnapshot s = driver.read();
    assertThat(s.designCapacityMah()).isEmpty();
    assertThat(s.remainingCapacityMah()).contains(65_430L);
    assertThat(s.missing()).containsExactly("designCapacityMah");
  }

  @Test
  void absurd_soc_temperature_date_and_voltage_are_missing() {
    State w = State.workedExample();
    peer.setState(new State(0, w.current10mA(), w.remaining10mAh(), w.nominal10mAh(), w.cycles(), 0, 0, 0, 0,
        w.version(), 101, w.fetStatus(), w.cellsMv(), List.of(2981, 0), w.model()));
    BatterySnapshot s = driver.read();
    assertThat(s.missing()).containsExactlyInAnyOrder("packVoltageMv", "stateOfChargeCpct", "temperaturesDc",
        "identity.manufactureDate");
    assertThat(s.temperaturesDc()).isEmpty();
    assertThat(s.stateOfChargeCpct()).isEmpty();
  }

  @Test
  void a_cell_above_five_volts_drops_the_cells() {
    State w = State.workedExample();
    peer.setState(new State(w.voltage10mV(), w.current10mA(), w.remaining10mAh(), w.nominal10mAh(), w.cycles(),
        w.productionDate(), 0, 0, 0, w.version(), w.rsocPercent(), w.fetStatus(), List.of(3320, 65535, 3322, 3321),
        w.temperaturesDeciKelvin(), w.model()));
    assertThat(driver.read().missing()).containsExactly("cellVoltagesMv");
  }

  @Test
  void production_date_unpacks_year_month_day() {
    assertThat(JbdDriver.productionDate(0x2ECF)).contains(LocalDate.of(2023, 6, 15));
    assertThat(JbdDriver.productionDate(0x2078)).contains(LocalDate.of(2016, 3, 24));
    assertThat(JbdDriver.productionDate(0)).isEmpty();
  }

  @Test
  void model_name_stops_at_nul_and_rejects_binary() {
    assertThat(JbdDriver.modelName(new byte[] {'A', 'B', 0, 'C'})).contains("AB");
    assertThat(JbdDriver.modelName(new byte[] {'A', (byte) 0xFF})).isEmpty();
    assertThat(JbdDriver.modelName(new byte[0])).isEqualTo(Optional.empty());
  }
}
