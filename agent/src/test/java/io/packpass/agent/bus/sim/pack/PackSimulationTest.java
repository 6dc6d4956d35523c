package io.packpass.agent.bus.sim.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.packpass.agent.bms.Alarm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackSimulationTest {
  /** A Monday. */
  static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
  /** Coarser than the default step for year-long runs; still far below every time constant of the model. */
  static final Duration COARSE = Duration.ofSeconds(30);

  static PackSimulation.Builder ev() {
    return PackSimulation.builder(PackModelTest.EV).usage(new EvCommuteUsage()).ambientC(20).startSoc(0.8)
        .start(MONDAY).temperatureSensors(4).seed(42);
  }

  static PackSimulation.Builder lmt() {
    return PackSimulation.builder(PackModelTest.LMT).usage(new EbikeUsage()).ambientC(18).startSoc(1.0)
        .start(MONDAY).seed(7);
  }

  @Test
  void a_year_of_ev_commuting_fades_capacity_by_two_to_six_percent_and_grows_resistance() {
    PackSimulation sim = ev().step(COARSE).build();
    double freshResistance = new PackModel(PackModelTest.EV, 0.5, 20).resistanceOhm();
    sim.advance(Duration.ofDays(365));

    PackModel m = sim.model();
    assertThat(m.fade()).isBetween(0.02, 0.06);
    assertThat(m.calendarFade()).isGreaterThan(m.cycleFade()); // a commuter's EV mostly ages parked
    assertThat(m.equivalentCycles()).isBetween(30.0, 90.0);
    PackModel freshAtSameTemperature = new PackModel(PackModelTest.EV, 0.5, m.temperatureC());
    assertThat(m.resistanceOhm()).isGreaterThan(1.04 * freshAtSameTemperature.resistanceOhm());
    assertThat(freshResistance).isPositive();
    BmsReading r = sim.read();
    assertThat(r.stateOfHealthCpct()).isBetween(9_300L, 9_850L); // lags the truth by design, but follows it
    assertThat(r.cycleCount()).isBetween(25L, 90L);
  }

  @Test
  void a_hotter_ambient_ages_faster() {
    PackSimulation mild = ev().step(COARSE).build();
    PackSimulation hot = ev().step(COARSE).ambientC(35).build();
    mild.advance(Duration.ofDays(90));
    hot.advance(Duration.ofDays(90));
    assertThat(hot.model().calendarFade()).isGreaterThan(1.5 * mild.model().calendarFade());
    assertThat(hot.model().capacityAh()).isLessThan(mild.model().capacityAh());
  }

  @Test
  void an_idle_month_self_discharges_about_two_percent_and_the_bms_corrects_its_soc_at_rest() {
    PackSimulation sim = PackSimulation.builder(PackModelTest.EV).startSoc(0.8).ambientC(25).build();
    sim.advance(Duration.ofDays(30));
    assertThat(0.8 - sim.model().minSoc()).isBetween(0.015, 0.025);
    sim.advance(Duration.ofDays(30));
    // the coulomb counter sees no current; the rest-voltage correction on the sloped NMC curve catches it
    assertThat(sim.bms().stateOfCharge()).isLessThan(0.78).isCloseTo(sim.model().minSoc(), within(0.016));
    PackSimulation lfp = PackSimulation.builder(PackModelTest.LFP).startSoc(0.5).ambientC(25).build();
    lfp.advance(Duration.ofDays(30));
    assertThat(0.5 - lfp.model().minSoc()).isBetween(0.01, 0.02);
    lfp.advance(Duration.ofDays(30));
    // on the LFP plateau the BMS cannot tell: its coulomb count still says 50 % (a little more, as it
    // learns the calendar fade) while the cells hold less
    assertThat(lfp.bms().stateOfCharge()).isGreaterThanOrEqualTo(0.5);
    assertThat(lfp.bms().stateOfCharge() - lfp.model().minSoc()).isGreaterThan(0.02);
  }

  @Test
  void the_ev_drives_and_charges_by_its_schedule() {
    PackSimulation sim = ev().build();
    sim.advanceTo(MONDAY.plus(Duration.ofHours(7).plusMinutes(45)));
    assertThat(sim.read().currentMa()).isLessThan(-10_000); // driving to work
    sim.advanceTo(MONDAY.plus(Duration.ofHours(12)));
    assertThat(sim.read().currentMa()).isZero();
    double before = sim.bms().stateOfCharge();
    sim.advanceTo(MONDAY.plus(Duration.ofHours(22).plusMinutes(30)));
    assertThat(sim.read().currentMa()).isGreaterThan(20_000); // AC charging at home
    sim.advanceTo(MONDAY.plus(Duration.ofHours(30)));
    assertThat(sim.bms().stateOfCharge()).isGreaterThan(before).isCloseTo(0.8, within(0.01));
  }

  @Test
  void the_ebike_charges_cc_cv_to_full_and_the_bms_calls_it_full() {
    PackSimulation sim = lmt().build();
    sim.advanceTo(MONDAY.plus(Duration.ofHours(20).plusMinutes(5)));
    BmsReading cc = sim.read();
    assertThat(cc.currentMa()).isBetween(3_500L, 4_500L); // CC at the 4 A charger's limit
    sim.advanceTo(MONDAY.plus(Duration.ofHours(23).plusMinutes(59)));
    BmsReading end = sim.read();
    assertThat(end.currentMa()).isZero();
    assertThat(end.stateOfChargeCpct()).isEqualTo(10_000);
    assertThat(end.maxCellMv()).isBetween(4_180L, 4_210L);
  }

  @Test
  void the_same_seed_gives_the_same_readings_and_another_seed_other_noise() {
    List<BmsReading> a = new ArrayList<>();
    List<BmsReading> b = new ArrayList<>();
    List<BmsReading> c = new ArrayList<>();
    lmt().build().run(Duration.ofDays(3), Duration.ofMinutes(1), a::add);
    lmt().build().run(Duration.ofDays(3), Duration.ofMinutes(1), b::add);
    lmt().seed(8).build().run(Duration.ofDays(3), Duration.ofMinutes(1), c::add);

    assertThat(a).hasSize(3 * 24 * 60).isEqualTo(b).isNotEqualTo(c);
    assertThat(a.get(0).time()).isEqualTo(MONDAY.plus(Duration.ofMinutes(1)));
    assertThat(a.get(a.size() - 1).time()).isEqualTo(MONDAY.plus(Duration.ofDays(3)));
  }

  @Test
  void a_deep_discharge_drains_the_weakest_cell_below_the_floor_and_costs_capacity() {
    PackSimulation sim = lmt().injections(List.of(Injection.of(Duration.ofDays(2), Injection.Kind.DEEP_DISCHARGE)))
        .build();
    sim.advance(Duration.ofDays(2));
    double fadeBefore = sim.model().fade();
    sim.advance(Duration.ofDays(2));
    BmsReading r = sim.read();
    assertThat(r.minCellMv()).isLessThan(Math.round(Chemistry.NMC.floorVoltageV() * 1000));
    assertThat(r.alarms()).contains(Alarm.CELL_UNDER_VOLTAGE);
    assertThat(r.dischargeEnabled()).isFalse();
    assertThat(sim.model().fade() - fadeBefore).isGreaterThanOrEqualTo(PackModelTest.LMT.deepDischargeFade());
  }

  @Test
  void an_over_temperature_episode_heats_the_pack_past_the_bms_threshold_and_passes() {
    Injection heat = new Injection(Duration.ofDays(1), Injection.Kind.OVER_TEMPERATURE, Duration.ofHours(6), 0, 75);
    PackSimulation sim = ev().injections(List.of(heat)).build();
    sim.advance(Duration.ofDays(1).plusHours(6));
    BmsReading hot = sim.read();
    assertThat(hot.maxTemperatureDc()).isGreaterThan(600);
    assertThat(hot.alarms()).contains(Alarm.CHARGE_OVER_TEMPERATURE, Alarm.DISCHARGE_OVER_TEMPERATURE);
    sim.advance(Duration.ofDays(1));
    assertThat(sim.read().maxTemperatureDc()).isLessThan(300);
    assertThat(sim.model().ambientC()).isEqualTo(20);
  }

  @Test
  void an_imbalanced_cell_drifts_away_from_the_others() {
    Injection weak = new Injection(Duration.ofDays(1), Injection.Kind.CELL_IMBALANCE, Duration.ZERO, 3, 10);
    PackSimulation sim = lmt().injections(List.of(weak)).build();
    PackSimulation twin = lmt().build();
    // 19:00 on weekdays: after the ride home, before the evening charge
    sim.advanceTo(MONDAY.plus(Duration.ofHours(19)));
    BmsReading before = sim.read();
    sim.advanceTo(MONDAY.plus(Duration.ofDays(28).plusHours(19)));
    BmsReading after = sim.read();
    twin.advanceTo(after.time());
    BmsReading healthy = twin.read();

    assertThat(spread(after)).isGreaterThan(spread(before) + 20).isGreaterThan(spread(healthy) + 20);
    assertThat(after.cellVoltagesMv().indexOf(after.minCellMv())).isEqualTo(2);
    assertThat(sim.model().capacityAh()).isLessThan(0.91 * twin.model().capacityAh());
  }

  static long spread(BmsReading r) {
    return r.maxCellMv() - r.minCellMv();
  }

  @Test
  void a_stuck_bms_keeps_reporting_its_soh_while_the_true_capacity_falls() {
    Injection stuck = Injection.of(Duration.ofDays(10), Injection.Kind.BMS_SOH_STUCK);
    PackSimulation sim = PackSimulation.builder(PackModelTest.EV).ambientC(45).startSoc(0.9).step(COARSE)
        .injections(List.of(stuck)).build();
    sim.advance(Duration.ofDays(10));
    BmsReading atStuck = sim.read();
    double capacityAtStuck = sim.model().capacityAh();
    sim.advance(Duration.ofDays(170));
    assertThat(sim.read().stateOfHealthCpct()).isEqualTo(atStuck.stateOfHealthCpct());
    assertThat(sim.read().fullChargeCapacityMah()).isEqualTo(atStuck.fullChargeCapacityMah());
    assertThat(sim.model().capacityAh()).isLessThan(0.97 * capacityAtStuck);

    PackSimulation learning = PackSimulation.builder(PackModelTest.EV).ambientC(45).startSoc(0.9).step(COARSE).build();
    learning.advance(Duration.ofDays(180));
    assertThat(learning.read().stateOfHealthCpct()).isLessThan(atStuck.stateOfHealthCpct() - 200);
  }

  @Test
  void a_soh_jump_moves_the_reported_soh_at_once_and_it_drifts_back() {
    Injection jump = new Injection(Duration.ofDays(5), Injection.Kind.BMS_SOH_JUMP, Duration.ZERO, 0, -8);
    PackSimulation sim = PackSimulation.builder(PackModelTest.LFP).injections(List.of(jump)).build();
    sim.advance(Duration.ofDays(5).minusMinutes(1));
    long before = sim.read().stateOfHealthCpct();
    sim.advance(Duration.ofMinutes(2));
    long after = sim.read().stateOfHealthCpct();
    assertThat(before - after).isBetween(790L, 810L);
    sim.advance(Duration.ofDays(60));
    assertThat(sim.read().stateOfHealthCpct()).isBetween(after + 500, before);
  }

  @Test
  void following_an_agent_clock_advances_the_simulation_by_as_much() {
    MovableClock agent = new MovableClock(Instant.parse("2030-06-01T12:00:00Z"));
    PackSimulation sim = lmt().build();
    var source = sim.following(agent);
    assertThat(source.get().time()).isEqualTo(MONDAY);
    agent.now = agent.now.plus(Duration.ofHours(8).plusMinutes(10));
    BmsReading riding = source.get();
    assertThat(riding.time()).isEqualTo(MONDAY.plus(Duration.ofHours(8).plusMinutes(10)));
    assertThat(riding.currentMa()).isNegative();
    assertThat(sim.clock().instant()).isEqualTo(riding.time());
  }

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
