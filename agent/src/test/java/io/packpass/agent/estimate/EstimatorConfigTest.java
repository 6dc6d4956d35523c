package io.packpass.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import java.time.Duration;
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

  @Test
  void ocv_anchor_defaults_depend_on_the_chemistry() {
    EstimatorConfig nmc = EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4, 4400).build();
    EstimatorConfig lfp = EstimatorConfig.builder(Chemistry.LI_ION_LFP, Category.STATIONARY, 16, 100_000).build();
    EstimatorConfig nca = EstimatorConfig.builder(Chemistry.LI_ION_NCA, Category.EV, 96, 200_000).build();

    assertThat(nmc.ocvTable()).isSameAs(OcvTable.NMC);
    assertThat(nca.ocvTable()).as("NCA uses the NMC table").isSameAs(OcvTable.NMC);
    assertThat(lfp.ocvTable()).isSameAs(OcvTable.LFP);
    assertThat(nmc.ocvRest()).isEqualTo(Duration.ofMinutes(30));
    assertThat(lfp.ocvRest()).isEqualTo(Duration.ofHours(2));
    assertThat(nmc.ocvRelaxationMv()).isEqualTo(5);
    assertThat(lfp.ocvRelaxationMv()).isEqualTo(10);
    assertThat(nmc.ocvMaxSocUncertaintyCpct()).isEqualTo(300);
    assertThat(nmc.ocvMinSwingCpct()).isEqualTo(4000);
    assertThat(nmc.ocvMaxSpan()).isEqualTo(Duration.ofDays(7));
    assertThat(nmc.ocvErrorMv()).isEqualTo(10 / 4.0 + 5);
    assertThat(OcvTable.NMC.socCpct()).hasSize(21);
    assertThat(OcvTable.LFP.cellMv()).hasSize(21);
  }

  @Test
  void the_generic_tables_invert_and_the_lfp_plateau_is_too_flat_for_an_anchor() {
    assertThat(OcvTable.NMC.socCpctAt(3722)).isEqualTo(5000);
    assertThat(OcvTable.NMC.socCpctAt(OcvTable.NMC.cellMvAt(3333))).isCloseTo(3333, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(OcvTable.NMC.socCpctAt(4300)).as("above the table: full").isEqualTo(10_000);
    double error = 10 / 4.0 + 10;
    assertThat(OcvTable.LFP.socUncertaintyCpct(OcvTable.LFP.cellMvAt(5000), error)).isGreaterThan(1000);
    assertThat(OcvTable.LFP.socUncertaintyCpct(OcvTable.LFP.cellMvAt(800), error)).isLessThan(300);
    assertThat(OcvTable.LFP.socUncertaintyCpct(OcvTable.LFP.cellMvAt(9900), error)).isLessThan(300);
    assertThat(OcvTable.LFP.socUncertaintyCpct(3450, error)).as("at the end, the end segment's slope").isPositive();
  }

  @Test
  void rejects_an_ocv_table_that_is_not_monotonic_or_misshapen() {
    assertThatThrownBy(() -> new OcvTable("bad", List.of(0L, 5000L, 10_000L), List.of(3000L, 3700L, 3650L)))
        .isInstanceOf(EstimatorException.class).hasMessageContaining("ocvTable").hasMessageContaining("monotonic");
    assertThatThrownBy(() -> new OcvTable("bad", List.of(0L, 5000L, 5000L), List.of(3000L, 3700L, 3800L)))
        .hasMessageContaining("SoC must increase strictly");
    assertThatThrownBy(() -> new OcvTable("bad", List.of(0L, 10_000L), List.of(3000L)))
        .hasMessageContaining("equal count");
    assertThatThrownBy(() -> new OcvTable("bad", List.of(0L, 12_000L), List.of(3000L, 4200L)))
        .hasMessageContaining("0..10000");
    assertThatThrownBy(() -> EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4, 4400)
        .ocvPairing(0, Duration.ofDays(7)).build()).hasMessageContaining("ocvMinSwingCpct");
    EstimatorConfig custom = EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4, 4400)
        .ocvTable(new OcvTable("datasheet", List.of(0L, 10_000L), List.of(3000L, 4200L))).build();
    assertThat(custom.ocvTable().source()).isEqualTo("datasheet");
  }
}
