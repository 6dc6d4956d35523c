package io.packpass.agent.estimate;

import static io.packpass.agent.estimate.BmsCrossCheckTest.soh;
import static io.packpass.agent.estimate.EstimatorCapacityTest.DESIGN;
import static io.packpass.agent.estimate.EstimatorCapacityTest.nmc;
import static io.packpass.agent.estimate.EstimatorCapacityTest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Capacity from rest-voltage (OCV) anchors on packs that never go from full to empty. */
class EstimatorOcvTest {
  static final Duration REST = Duration.ofMinutes(45);

  static EstimatorConfig.Builder lfp() {
    return EstimatorConfig.builder(Chemistry.LI_ION_LFP, Category.STATIONARY, TestPack.CELLS, DESIGN);
  }

  /** A pack whose cells follow the generic table the estimator uses (the datasheet matches the cell). */
  static TestPack pack(Estimator e, double capacityMah, double soc, OcvTable curve) {
    TestPack pack = new TestPack(capacityMah, soc, e::accept);
    pack.ocv = curve;
    return pack;
  }

  /** Rest, down to {@code low} at C/2, rest, up to {@code high} at C/2, {@code cycles} times, then rest. */
  static void partialCycles(TestPack pack, int cycles, double low, double high, Duration rest) {
    long current = Math.round(pack.capacityMah / 2);
    for (int i = 0; i < cycles; i++) {
      pack.rest(rest);
      pack.moveTo(low, current);
      pack.rest(rest);
      pack.moveTo(high, current);
    }
    pack.rest(rest);
    pack.step(-current); // ends the last rest: its anchor is taken
  }

  @Test
  void an_nmc_pack_cycled_between_90_and_30_percent_with_rests_gets_its_capacity_and_soh() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = pack(e, 4000, 0.9, OcvTable.NMC);

    partialCycles(pack, 6, 0.3, 0.9, REST);

    EstimatorReport r = e.report();
    assertThat(r.capacitySegments()).as("never full, never empty").isZero();
    assertThat(r.ocvAnchors()).isEqualTo(13);
    assertThat(r.ocvCapacities()).isEqualTo(12);
    Measured capacity = value(e, Quantity.REMAINING_CAPACITY);
    assertThat((double) capacity.value()).isCloseTo(4000, within(4000 * 0.03));
    assertThat(capacity.method()).isEqualTo("coulomb count between rest-OCV anchors, median n=5");
    // SoC read to about +/- 1-2 points at each end of a 60-point swing: a few percent, and it covers the error
    assertThat(capacity.uncertainty()).isBetween(Math.abs(capacity.value() - 4000), 4000 * 8 / 100L);
    Measured soh = value(e, Quantity.STATE_OF_HEALTH);
    assertThat((double) soh.value()).isCloseTo(4000 * 10_000.0 / DESIGN, within(300.0));
    assertThat(soh.method()).isEqualTo(capacity.method());
    assertThat(r.condition().get(Quantity.STATE_OF_CERTIFIED_ENERGY)).as("energy stays full-to-empty only").isEmpty();
    assertThat(r.condition().get(Quantity.REMAINING_ENERGY)).isEmpty();
  }

  @Test
  void a_cell_off_the_datasheet_curve_by_a_few_millivolts_still_lands_within_the_uncertainty() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = pack(e, 4000, 0.9, OcvTable.NMC);
    pack.ocvShiftMv = 4; // within the 2.5 mV resolution + 5 mV relaxation allowance per cell

    partialCycles(pack, 4, 0.3, 0.9, REST);

    Measured capacity = value(e, Quantity.REMAINING_CAPACITY);
    assertThat((double) capacity.value()).isCloseTo(4000, within((double) capacity.uncertainty()));
  }

  @Test
  void full_to_empty_segments_and_anchor_pairs_share_the_median_and_the_method_names_both() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = pack(e, 4000, 0.9, OcvTable.NMC);
    partialCycles(pack, 2, 0.3, 0.9, REST);
    // the table's 0 % OCV is above the empty threshold: a linear-curve pack for the full-to-empty run
    pack.ocv = null;
    pack.chargeToFull(2000);
    pack.dischargeToEmpty(2000);

    Measured capacity = value(e, Quantity.REMAINING_CAPACITY);
    assertThat(capacity.method()).isEqualTo("full/empty n=1 + rest-OCV anchors n=4, median");
    assertThat((double) capacity.value()).isCloseTo(4000, within(120.0));
  }

  @Test
  void lfp_cycled_on_its_plateau_gives_no_ocv_estimate() {
    Estimator e = new Estimator(lfp().build());
    TestPack pack = pack(e, 4000, 0.8, OcvTable.LFP);

    partialCycles(pack, 4, 0.3, 0.8, Duration.ofHours(3));

    EstimatorReport r = e.report();
    assertThat(r.ocvAnchors()).isZero();
    assertThat(r.ocvAnchorsRejected()).as("every rest was long enough, every one too flat").isEqualTo(9);
    assertThat(r.ocvCapacities()).isZero();
    assertThat(r.condition().get(Quantity.STATE_OF_HEALTH)).isEmpty();
  }

  @Test
  void lfp_rests_near_10_and_near_100_percent_do_give_an_estimate() {
    Estimator e = new Estimator(lfp().build());
    TestPack pack = pack(e, 4000, 0.99, OcvTable.LFP);

    partialCycles(pack, 3, 0.08, 0.99, Duration.ofHours(3));

    EstimatorReport r = e.report();
    assertThat(r.ocvAnchorsRejected()).isZero();
    assertThat(r.ocvCapacities()).isEqualTo(6);
    assertThat((double) value(e, Quantity.REMAINING_CAPACITY).value()).isCloseTo(4000, within(120.0));
    assertThat(value(e, Quantity.STATE_OF_HEALTH).method()).contains("rest-OCV");
  }

  @Test
  void lfp_rests_shorter_than_two_hours_are_no_anchors() {
    Estimator e = new Estimator(lfp().build());
    TestPack pack = pack(e, 4000, 0.99, OcvTable.LFP);

    partialCycles(pack, 3, 0.08, 0.99, Duration.ofMinutes(90));

    assertThat(e.report().ocvAnchors()).isZero();
    assertThat(e.report().ocvAnchorsRejected()).isZero();
  }

  @Test
  void anchors_further_apart_than_the_limit_are_not_paired() {
    // rest 45 min at 90 %, 1.2 h down to 30 %, rest 45 min: the anchors (ends of the rests) are 1.95 h apart
    Estimator near = oneSwing(nmc(Category.LMT).ocvPairing(4000, Duration.ofHours(2)).build());
    Estimator far = oneSwing(nmc(Category.LMT).ocvPairing(4000, Duration.ofHours(1)).build());

    assertThat(near.report().ocvCapacities()).isEqualTo(1);
    assertThat(far.report().ocvAnchors()).isEqualTo(2);
    assertThat(far.report().ocvCapacities()).isZero();
    assertThat(far.report().condition().get(Quantity.STATE_OF_HEALTH)).isEmpty();
  }

  /** Rest at 90 %, down to 30 % at C/2, rest, go. */
  static Estimator oneSwing(EstimatorConfig config) {
    Estimator e = new Estimator(config);
    TestPack p = pack(e, 4000, 0.9, OcvTable.NMC);
    p.rest(REST);
    p.moveTo(0.3, 2000);
    p.rest(REST);
    p.step(-2000);
    return e;
  }

  @Test
  void anchors_with_too_small_a_swing_are_not_paired() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    partialCycles(pack(e, 4000, 0.8, OcvTable.NMC), 4, 0.45, 0.8, REST);

    assertThat(e.report().ocvAnchors()).isEqualTo(9);
    assertThat(e.report().ocvCapacities()).as("35 points < 40").isZero();
  }

  @Test
  void anchors_across_a_gap_are_not_paired() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = pack(e, 4000, 0.9, OcvTable.NMC);
    pack.rest(REST);
    pack.moveTo(0.6, 2000);
    // the agent was off for ten minutes while half the swing happened: paired, it would read 2000 mAh
    pack.unseen(Duration.ofMinutes(10), -0.3);
    pack.rest(REST);
    pack.step(-2000);

    EstimatorReport r = e.report();
    assertThat(r.rejections().gaps()).isEqualTo(1);
    assertThat(r.ocvAnchors()).isEqualTo(2);
    assertThat(r.ocvCapacities()).isZero();
    assertThat(r.condition().get(Quantity.STATE_OF_HEALTH)).isEmpty();
  }

  @Test
  void a_current_sensor_offset_biases_each_estimate_by_offset_times_active_time_over_the_swing_and_no_more() {
    // the offset must lie within the deadband, or the pack would never be seen at rest
    Estimator e = new Estimator(nmc(Category.LMT).currentDeadbandMa(100).build());
    TestPack pack = pack(e, 4000, 0.9, OcvTable.NMC);
    pack.currentOffsetMa = -80; // reads 80 mA more discharge (less charge) than flows

    partialCycles(pack, 5, 0.3, 0.9, REST);

    // each swing of 60 points takes 1.2 h at 2 A: 80 mA x 1.2 h = 96 mAh over 0.6 = 160 mAh, + on discharges
    // (more charge seen leaving), - on charges; the SoC from the rest voltage is not affected
    double bias = 80 * 1.2 / 0.6;
    EstimatorState.Capacity c = e.state().capacity();
    assertThat(c.capacitiesMah()).hasSize(5).allSatisfy(mah -> {
      assertThat(Math.abs(mah - 4000)).isBetween(bias - 40, bias + 40);
    });
    Measured capacity = value(e, Quantity.REMAINING_CAPACITY);
    assertThat((double) Math.abs(capacity.value() - 4000)).isLessThanOrEqualTo(bias + 40);
    assertThat(capacity.uncertainty()).as("the spread between charge and discharge estimates shows it")
        .isGreaterThanOrEqualTo(Math.abs(capacity.value() - 4000));
  }

  @Test
  void the_bms_cross_check_flags_a_stuck_bms_soh_on_a_pack_that_never_goes_full_to_empty() {
    Estimator e = new Estimator(nmc(Category.LMT).stuck(5, Duration.ofDays(90)).build());
    TestPack pack = pack(e, 4000, 0.9, OcvTable.NMC);
    pack.bmsSohCpct = soh(4000);
    for (int i = 0; i < 24; i++) {
      pack.capacityMah = 4000 - 30 * i;
      partialCycles(pack, 1, 0.3, 0.9, REST);
    }

    EstimatorReport r = e.report();
    assertThat(r.capacitySegments()).isZero();
    assertThat(r.hasFlag(FlagType.BMS_SOH_STUCK)).isTrue();
    Flag stuck = r.flags().get(0);
    assertThat(stuck.type()).isEqualTo(FlagType.BMS_SOH_STUCK);
    assertThat(stuck.bmsSohCpct()).isEqualTo(soh(4000));
    assertThat(stuck.referenceCpct()).isBetween(soh(3200), soh(3500));
    assertThat(stuck.detail()).contains("unchanged");
  }

  @Test
  void a_bms_that_follows_the_fade_of_a_partially_cycled_pack_raises_no_flag() {
    Estimator e = new Estimator(nmc(Category.LMT).stuck(5, Duration.ofDays(90)).build());
    TestPack pack = pack(e, 4000, 0.9, OcvTable.NMC);
    for (int i = 0; i < 24; i++) {
      pack.capacityMah = 4000 - 30 * i;
      pack.bmsSohCpct = soh(pack.capacityMah);
      partialCycles(pack, 1, 0.3, 0.9, REST);
    }

    assertThat(e.report().condition().get(Quantity.STATE_OF_HEALTH)).isPresent();
    assertThat(e.report().flags()).isEmpty();
  }
}
