package io.packpass.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimatorConfigTest {

  @Test
  void nmc_defaults_follow_common_data_sheet_limits() {
    EstimatorConfig c = EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4, 4400).build();

    assertThat(c.cellFullMv()).isEqualTo(4150);
    assertThat(c.cellEmptyMv()).isEqualTo(3200);
    assertThat(c.cellDeepDischargeMv()).isEqualTo(2700);
    assertThat(c.cellOverchargeMv()).isEqualTo(4250);
    assertThat(c.nominalVoltageMv()).isEqualTo(14_600);
    assertThat(c.certifiedEnergyWh()).isEqualTo(64);
    assertThat(c.fullTaperMa()).isEqualTo(220);
    assertThat(c.resistanceStepMa()).isEqualTo(880);
    assertThat(c.temperatureLowDc()).isZero();
    assertThat(c.temperatureHighDc()).isEqualTo(450);
    assertThat(c.maxGap()).hasMinutes(5);
  }

  @Test
  void lfp_defaults_use_the_flat_lfp_voltage_window() {
    EstimatorConfig c = EstimatorConfig.builder(Chemistry.LI_ION_LFP, Category.STATIONARY, 16, 100_000).build();

    assertThat(c.cellFullMv()).isEqualTo(3450);
    assertThat(c.cellEmptyMv()).isEqualTo(2900);
    assertThat(c.cellDeepDischargeMv()).isEqualTo(2500);
    assertThat(c.deepDischargeRearmMv()).isEqualTo(3000);
    assertThat(c.nominalVoltageMv()).isEqualTo(51_200);
    assertThat(c.certifiedEnergyWh()).isEqualTo(5_120);
  }

  @Test
  void rejects_thresholds_in_the_wrong_order_naming_them() {
    assertThatThrownBy(() -> EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4, 4400)
        .cellLimitsMv(2700, 3200, 4300, 4250).build())
        .isInstanceOf(EstimatorException.class)
        .hasMessageStartingWith("estimator config: cell thresholds:");
  }

  @Test
  void rejects_a_non_positive_cell_count_and_unsorted_edges() {
    assertThatThrownBy(() -> EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 0, 4400).build())
        .isInstanceOf(EstimatorException.class).hasMessage("estimator config: seriesCells: must be positive, was 0");
    assertThatThrownBy(() -> EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4, 4400)
        .socEdgesCpct(List.of(0L, 5000L, 5000L)).build())
        .isInstanceOf(EstimatorException.class).hasMessageContaining("socEdgesCpct");
  }

  @Test
  void the_default_temperature_bins_gain_edges_at_configured_extreme_boundaries() {
    EstimatorConfig c = EstimatorConfig.builder(Chemistry.LI_ION_LFP, Category.STATIONARY, 16, 100_000)
        .extremeTemperaturesDc(-50, 550).build();

    assertThat(c.temperatureEdgesDc()).containsExactly(-400L, -200L, -100L, -50L, 0L, 100L, 200L, 300L, 400L, 450L,
        500L, 550L, 600L);
  }

  @Test
  void rejects_custom_temperature_bins_without_the_extreme_boundaries() {
    assertThatThrownBy(() -> EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4, 4400)
        .temperatureEdgesDc(List.of(-200L, 0L, 200L, 400L)).build())
        .isInstanceOf(EstimatorException.class)
        .hasMessageStartingWith("estimator config: temperatureEdgesDc: must contain the extreme-temperature boundaries");
  }
}
