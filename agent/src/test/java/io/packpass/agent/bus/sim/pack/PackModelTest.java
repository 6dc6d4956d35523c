package io.packpass.agent.bus.sim.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PackModelTest {
  static final PackParameters EV = PackParameters.of(Chemistry.NMC, 96, 4, 214);
  static final PackParameters LMT = PackParameters.of(Chemistry.NMC, 10, 5, 17).withGroupResistanceOhm(0.007);
  static final PackParameters LFP = PackParameters.of(Chemistry.LFP, 16, 1, 200);

  @ParameterizedTest
  @EnumSource(Chemistry.class)
  void the_ocv_curve_rises_strictly_and_its_inverse_undoes_it(Chemistry c) {
    double previous = c.ocv(-0.12);
    for (double s = -0.119; s <= 1.05; s += 0.001) {
      double v = c.ocv(s);
      assertThat(v).as("OCV at %.3f", s).isGreaterThan(previous);
      assertThat(c.socAtOcv(v)).isCloseTo(s, within(1e-9));
      previous = v;
    }
    assertThat(c.ocv(1.0)).isEqualTo(c.chargeVoltageV());
    assertThat(c.ocv(0.0)).isLessThanOrEqualTo(c.cutoffVoltageV() + 0.2);
  }

  @Test
  void lfp_sits_on_a_flat_plateau_where_nmc_slopes() {
    assertThat(Chemistry.LFP.ocv(0.8) - Chemistry.LFP.ocv(0.3)).isLessThan(0.06);
    assertThat(Chemistry.LFP.ocvSlope(0.5)).isLessThan(0.3); // too flat for an OCV-based SoC correction
    assertThat(Chemistry.NMC.ocv(0.8) - Chemistry.NMC.ocv(0.3)).isGreaterThan(0.25);
  }

  @ParameterizedTest
  @EnumSource(Chemistry.class)
  void a_c_over_3_discharge_from_full_to_cut_off_delivers_the_rated_capacity_and_energy(Chemistry c) {
    PackParameters p = c == Chemistry.LFP ? LFP : EV;
    PackModel m = new PackModel(p, 1.0, 25);
    double current = -p.capacityAh() / 3;
    double ah = 0;
    double wh = 0;
    while (minCellAt(m, current) > c.cutoffVoltageV()) {
      m.step(10, current);
      ah -= current * 10 / 3600;
      wh -= current * m.packVoltage() * 10 / 3600;
    }
    assertThat(ah).isCloseTo(p.capacityAh(), within(0.03 * p.capacityAh()));
    assertThat(wh).isCloseTo(p.nominalEnergyWh(), within(0.05 * p.nominalEnergyWh()));
    assertThat(m.packVoltage()).isLessThan(m.packOcv()); // discharging: terminal below OCV
  }

  @Test
  void terminal_voltage_is_above_ocv_while_charging_by_i_times_r() {
    PackModel m = new PackModel(LMT, 0.5, 25);
    m.step(1, 8.5);
    assertThat(m.cellVoltage(0) - m.cellOcv(0)).isCloseTo(8.5 * m.cellResistanceOhm(0), within(1e-12));
    assertThat(m.cellVoltage(0)).isGreaterThan(m.cellOcv(0));
  }

  @Test
  void temperature_rises_under_load_and_relaxes_to_ambient() {
    PackModel m = new PackModel(LMT, 1.0, 20);
    for (int i = 0; i < 90; i++) {
      m.step(10, -34); // 2C for 15 min, an e-bike climbing
    }
    assertThat(m.temperatureC()).isGreaterThan(21);
    for (int i = 0; i < 6 * 360; i++) {
      m.step(10, 0);
    }
    assertThat(m.temperatureC()).isCloseTo(20, within(0.2));
  }

  @Test
  void resistance_rises_in_the_cold_and_with_fade() {
    PackModel warm = new PackModel(EV, 0.5, 25);
    PackModel cold = new PackModel(EV, 0.5, -10);
    assertThat(cold.resistanceOhm()).isGreaterThan(2 * warm.resistanceOhm());
    double fresh = warm.resistanceOhm();
    warm.preAge(3 * 365, 0.6, 25, 500);
    assertThat(warm.fade()).isGreaterThan(0.08);
    assertThat(warm.resistanceOhm() / fresh).isCloseTo(1 + EV.resistanceGrowthPerFade() * warm.fade(), within(1e-9));
  }

  @Test
  void a_weakened_cell_has_less_capacity_than_its_neighbours() {
    PackModel m = new PackModel(LMT, 0.8, 25);
    m.weakenCell(2, 0.10, 5);
    assertThat(m.cellCapacityAh(2)).isCloseTo(0.9 * m.cellCapacityAh(0), within(1e-9));
    assertThat(m.capacityAh()).isEqualTo(m.cellCapacityAh(2));
    assertThatThrownBy(() -> m.weakenCell(10, 0.1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> m.step(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time step must be positive");
  }

  static double minCellAt(PackModel m, double current) {
    double min = Double.MAX_VALUE;
    for (int i = 0; i < m.cellCount(); i++) {
      min = Math.min(min, m.cellVoltageAt(i, current));
    }
    return min;
  }
}
