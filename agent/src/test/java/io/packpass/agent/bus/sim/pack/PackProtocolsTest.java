package io.packpass.agent.bus.sim.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bms.pylontech.PylontechCycle;
import io.packpass.agent.bms.pylontech.PylontechFrames.ChargeLimits;
import io.packpass.agent.bms.pylontech.PylontechProfile;
import io.packpass.agent.bms.sim.SimModelDriver;
import io.packpass.agent.bus.CanFrame;
import io.packpass.agent.bus.sim.JbdUartPeer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The model's BMS view through each real protocol path, decoded back by the real drivers. */
class PackProtocolsTest {
  static final Instant MONDAY = PackSimulationTest.MONDAY;

  @Test
  void jbd_frames_decode_back_to_the_bms_view_within_the_field_resolution() {
    Injection deep = new Injection(Duration.ofDays(2), Injection.Kind.DEEP_DISCHARGE, Duration.ofDays(1), 0, 0);
    PackSimulation sim = PackSimulationTest.lmt().injections(List.of(deep)).build();
    ModelJbdLink link = new ModelJbdLink(sim::read, new JbdStateEncoder(0x2ECF, "PP-SIM-10S"));
    JbdDriver driver = new JbdDriver(link, sim.clock());
    Set<Alarm> seen = EnumSet.noneOf(Alarm.class);
    boolean charging = false;
    boolean discharging = false;
    for (int i = 0; i < 4 * 24 * 4; i++) { // every 15 min for four days: rides, charges, the drain
      sim.advance(Duration.ofMinutes(15));
      BatterySnapshot s = driver.read();
      BmsReading r = link.lastReading();

      assertThat(s.isPartial()).as("missing %s", s.missing()).isFalse();
      assertThat(s.time()).isEqualTo(r.time());
      assertThat(s.packVoltageMv().orElseThrow()).isCloseTo(r.packVoltageMv(), within(5L));
      assertThat(s.currentMa().orElseThrow()).isCloseTo(r.currentMa(), within(5L));
      assertThat(s.remainingCapacityMah().orElseThrow())
          .isCloseTo(r.remainingCapacityMah(), within(5L));
      assertThat(s.designCapacityMah()).contains(17_000L);
      assertThat(s.cycleCount()).contains(r.cycleCount());
      assertThat(s.stateOfChargeCpct().orElseThrow())
          .isCloseTo(r.stateOfChargeCpct(), within(50L));
      assertThat(s.cellVoltagesMv()).isEqualTo(r.cellVoltagesMv());
      assertThat(s.temperaturesDc()).isEqualTo(r.temperaturesDc());
      assertThat(s.alarms()).isEqualTo(without(r.alarms(), Alarm.CELL_IMBALANCE));
      assertThat(s.identity().deviceName()).contains("PP-SIM-10S");
      assertThat(s.identity().manufactureDate()).contains(LocalDate.of(2023, 6, 15));
      seen.addAll(s.alarms());
      charging |= s.currentMa().orElseThrow() > 1000;
      discharging |= s.currentMa().orElseThrow() < -1000;
    }
    assertThat(charging).isTrue();
    assertThat(discharging).isTrue();
    assertThat(seen).contains(Alarm.CELL_UNDER_VOLTAGE);
  }

  @Test
  void pylontech_frames_decode_back_to_the_bms_view_within_the_field_resolution() {
    Injection heat = new Injection(Duration.ofDays(1).plusHours(10), Injection.Kind.OVER_TEMPERATURE,
        Duration.ofHours(8), 0, 80);
    PackSimulation sim = PackSimulation.builder(PackModelTest.LFP).usage(new StationaryPvUsage()).ambientC(22)
        .start(MONDAY).seed(3).injections(List.of(heat)).build();
    ModelCanChannel channel = new ModelCanChannel(sim::read);
    PylontechCanDriver driver = new PylontechCanDriver(channel, sim.clock(), PylontechProfile.V1_2,
        PylontechCanDriver.DEFAULT_WINDOW);
    Set<Alarm> seen = EnumSet.noneOf(Alarm.class);
    boolean charging = false;
    boolean discharging = false;
    for (int i = 0; i < 3 * 24 * 4; i++) {
      sim.advance(Duration.ofMinutes(15));
      BatterySnapshot s = driver.read();
      BmsReading r = channel.lastReading();

      assertThat(s.isPartial()).as("missing %s", s.missing()).isFalse();
      assertThat(s.time()).isEqualTo(r.time());
      assertThat(s.packVoltageMv().orElseThrow()).isCloseTo(r.packVoltageMv(), within(5L));
      assertThat(s.currentMa().orElseThrow()).isCloseTo(r.currentMa(), within(50L));
      assertThat(s.temperaturesDc()).containsExactly(r.maxTemperatureDc());
      assertThat(s.stateOfChargeCpct().orElseThrow())
          .isCloseTo(r.stateOfChargeCpct(), within(50L));
      assertThat(s.bmsStateOfHealthCpct().orElseThrow())
          .isCloseTo(r.stateOfHealthCpct(), within(50L));
      assertThat(s.identity().manufacturer()).contains("PYLON");
      Set<Alarm> expected = EnumSet.noneOf(Alarm.class);
      expected.addAll(without(r.alarms(), Alarm.CELL_IMBALANCE));
      if (expected.contains(Alarm.CHARGE_OVER_TEMPERATURE) || expected.contains(Alarm.DISCHARGE_OVER_TEMPERATURE)) {
        expected.addAll(List.of(Alarm.CHARGE_OVER_TEMPERATURE, Alarm.DISCHARGE_OVER_TEMPERATURE)); // one bit for both
      }
      assertThat(s.alarms()).isEqualTo(expected);
      PylontechCycle cycle = driver.lastCycle().orElseThrow();
      ChargeLimits limits = cycle.limits().orElseThrow();
      assertThat(limits.chargeVoltageLimitMv()).isEqualTo(56_800);
      assertThat(limits.dischargeVoltageLimitMv()).contains(41_600L);
      assertThat(limits.chargeCurrentLimitMa()).isEqualTo(r.chargeEnabled() ? 100_000 : 0);
      assertThat(cycle.requests().orElseThrow().chargeEnabled()).isEqualTo(r.chargeEnabled());
      assertThat(cycle.requests().orElseThrow().dischargeEnabled()).isEqualTo(r.dischargeEnabled());
      assertThat(cycle.moduleCount()).contains(1);
      assertThat(cycle.unknownFrames()).isZero();
      seen.addAll(s.alarms());
      charging |= s.currentMa().orElseThrow() > 1000;
      discharging |= s.currentMa().orElseThrow() < -1000;
    }
    assertThat(charging).isTrue();
    assertThat(discharging).isTrue();
    assertThat(seen).contains(Alarm.CHARGE_OVER_TEMPERATURE, Alarm.DISCHARGE_OVER_TEMPERATURE);
  }

  /** packbus.md §3.5: the real US5000 capture, re-created from its decoded values (module count 1 here, not 6). */
  @Test
  void the_pylontech_encoder_reproduces_the_capture_of_packbus_3_5() {
    BmsReading r = new BmsReading(MONDAY, 49_860, -27_000, List.of(), List.of(363L, 350L), 8_800, 0, 0, 0, 0, 9_400,
        Set.of(), 0, true, true, 53_200, 480_000, 480_000, 45_000);
    String frames = new PylontechEncoder().encode(r).stream().map(CanFrame::toString)
        .collect(Collectors.joining(" "));
    assertThat(frames).isEqualTo("351#1402C012C012C201 355#58005E00 356#7A13F2FE6B01 359#0000000001504E 35C#C000 "
        + "35E#50594C4F4E202020");
  }

  /** packbus.md §2.8: the worked example, re-created from its decoded values (version byte 0x10 here, not 0x21). */
  @Test
  void the_jbd_encoder_reproduces_the_worked_example_of_packbus_2_8() {
    BmsReading r = new BmsReading(MONDAY, 13_280, -2_500, List.of(3320L, 3318L, 3322L, 3321L), List.of(250L, 234L),
        6_500, 65_430, 0, 100_000, 123, 0, Set.of(), 0, true, true, 0, 0, 0, 0);
    JbdUartPeer.State state = new JbdStateEncoder(0x2ECF, "JBD-SP04S034").encode(r);
    JbdUartPeer.State example = JbdUartPeer.State.workedExample();
    assertThat(state).isEqualTo(new JbdUartPeer.State(example.voltage10mV(), example.current10mA(),
        example.remaining10mAh(), example.nominal10mAh(), example.cycles(), example.productionDate(), 0, 0, 0, 0x10,
        example.rsocPercent(), example.fetStatus(), example.cellsMv(), example.temperaturesDeciKelvin(),
        example.model()));
  }

  @Test
  void packs_beyond_the_16_bit_fields_are_refused_with_the_limit_named() {
    assertThatThrownBy(() -> JbdStateEncoder.checkFits(PackModelTest.EV)).isInstanceOf(SimulationException.class)
        .hasMessage("a JBD BMS reports at most 32 cells, pack has 96");
    assertThatThrownBy(() -> JbdStateEncoder.checkFits(PackParameters.of(Chemistry.LFP, 16, 1, 700)))
        .isInstanceOf(SimulationException.class).hasMessage("capacity 700.0 Ah does not fit JBD's u16 10 mAh field"
            + " (max 655.35 Ah)");
    assertThatThrownBy(() -> PylontechEncoder.checkFits(PackModelTest.EV)).isInstanceOf(SimulationException.class)
        .hasMessageContaining("does not fit Pylontech's s16 10 mV field (max 327.67 V)");
    BmsReading surge = new BmsReading(MONDAY, 36_000, -400_000, List.of(3600L), List.of(250L), 5_000, 8_500, 17_000,
        17_000, 0, 10_000, Set.of(), 0, true, true, 0, 0, 0, 0);
    assertThatThrownBy(() -> new JbdStateEncoder(0x2ECF, "X").encode(surge)).isInstanceOf(SimulationException.class)
        .hasMessage("current -400000 mA does not fit JBD's s16 10 mA field (±327.67 A)");
    JbdStateEncoder.checkFits(PackModelTest.LMT);
    JbdStateEncoder.checkFits(PackModelTest.LFP);
    PylontechEncoder.checkFits(PackModelTest.LFP);
  }

  @Test
  void the_sim_model_driver_passes_the_bms_view_through_unchanged() {
    PackSimulation sim = PackSimulationTest.ev().build();
    sim.advance(Duration.ofHours(7).plusMinutes(45));
    SimModelDriver driver = new SimModelDriver(sim::read, "sim-ev-nmc", LocalDate.of(2026, 1, 5));
    BatterySnapshot s = driver.read();
    assertThat(s.isPartial()).isFalse();
    assertThat(s.cellVoltagesMv()).hasSize(96);
    assertThat(s.temperaturesDc()).hasSize(4);
    assertThat(s.currentMa().orElseThrow()).isLessThan(-10_000);
    assertThat(s.packVoltageMv().orElseThrow()).isBetween(330_000L, 403_200L);
    assertThat(s.designCapacityMah()).contains(214_000L);
    assertThat(s.fullChargeCapacityMah().orElseThrow()).isBetween(210_000L, 214_000L);
    assertThat(s.bmsStateOfHealthCpct().orElseThrow()).isBetween(9_800L, 10_000L);
    assertThat(s.identity().deviceName()).contains("sim-ev-nmc");
  }

  static Set<Alarm> without(Set<Alarm> alarms, Alarm dropped) {
    Set<Alarm> set = alarms.isEmpty() ? EnumSet.noneOf(Alarm.class) : EnumSet.copyOf(alarms);
    set.remove(dropped);
    return set;
  }
}
