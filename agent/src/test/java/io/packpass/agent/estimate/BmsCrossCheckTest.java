package io.packpass.agent.estimate;

import static io.packpass.agent.estimate.EstimatorCapacityTest.DESIGN;
import static io.packpass.agent.estimate.EstimatorCapacityTest.nmc;
import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.passport.Category;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BmsCrossCheckTest {
  final Estimator estimator = new Estimator(nmc(Category.LMT).stuck(5, Duration.ofDays(90)).build());

  static long soh(double capacityMah) {
    return Math.round(capacityMah * 10_000 / DESIGN);
  }

  /** Cycles a fading pack; the BMS reports {@code bmsFollows ? the true SOH : a frozen value}. */
  TestPack fadingPack(int cycles, boolean bmsFollows) {
    TestPack pack = new TestPack(4000, 1.0, estimator::accept);
    pack.bmsSohCpct = soh(4000);
    pack.chargeToFull(2000);
    for (int i = 0; i < cycles; i++) {
      pack.capacityMah = 4000 - 25 * i;
      if (bmsFollows) {
        pack.bmsSohCpct = soh(pack.capacityMah);
      }
      pack.cycle();
    }
    return pack;
  }

  @Test
  void a_healthy_pack_whose_bms_follows_its_fade_raises_no_flag() {
    fadingPack(12, true);

    EstimatorReport r = estimator.report();
    assertThat(r.condition().get(io.packpass.core.passport.Quantity.STATE_OF_HEALTH)).isPresent();
    assertThat(r.flags()).isEmpty();
  }

  @Test
  void a_constant_bms_soh_on_a_constant_pack_is_not_stuck() {
    TestPack pack = new TestPack(4000, 1.0, estimator::accept);
    pack.bmsSohCpct = soh(4000);
    pack.chargeToFull(2000);
    for (int i = 0; i < 8; i++) {
      pack.cycle();
    }
    assertThat(estimator.report().flags()).isEmpty();
  }

  @Test
  void a_bms_soh_frozen_while_the_pack_fades_is_stuck() {
    fadingPack(12, false);

    EstimatorReport r = estimator.report();
    assertThat(r.hasFlag(FlagType.BMS_SOH_STUCK)).isTrue();
    Flag stuck = r.flags().get(0);
    assertThat(stuck.type()).isEqualTo(FlagType.BMS_SOH_STUCK);
    assertThat(stuck.bmsSohCpct()).isEqualTo(soh(4000));
    assertThat(stuck.bmsTime()).isEqualTo(TestPack.START);
    // own estimate is the median of the last five segments of a pack now at 3725 mAh
    assertThat(stuck.referenceCpct()).isBetween(soh(3700), soh(3775));
    assertThat(stuck.detail()).contains("unchanged");
    assertThat(r.hasFlag(FlagType.BMS_SOH_JUMP)).isFalse();
    assertThat(r.hasFlag(FlagType.BMS_SOH_RISING)).isFalse();
  }

  @Test
  void a_bms_soh_that_climbs_slowly_is_rising_but_not_jumping() {
    TestPack pack = new TestPack(4000, 0.5, estimator::accept);
    pack.bmsSohCpct = 9000L;
    pack.rest(Duration.ofMinutes(5));
    for (int i = 0; i < 30; i++) {
      pack.bmsSohCpct += 10;
      pack.step(0);
    }
    EstimatorReport r = estimator.report();
    assertThat(r.hasFlag(FlagType.BMS_SOH_JUMP)).isFalse();
    Flag rising = r.flags().get(0);
    assertThat(rising.type()).isEqualTo(FlagType.BMS_SOH_RISING);
    assertThat(rising.referenceCpct()).isEqualTo(9000);
    assertThat(rising.referenceTime()).isEqualTo(TestPack.START);
    // the first reading more than 2 points above 90.00 %
    assertThat(rising.bmsSohCpct()).isEqualTo(9210);
  }

  @Test
  void a_step_change_of_the_bms_soh_is_a_jump_with_both_readings_as_evidence() {
    TestPack pack = new TestPack(4000, 0.5, estimator::accept);
    pack.bmsSohCpct = 9100L;
    pack.rest(Duration.ofMinutes(5));
    Instant before = pack.time.minus(pack.step);
    pack.bmsSohCpct = 8500L;
    pack.rest(Duration.ofMinutes(5));

    EstimatorReport r = estimator.report();
    assertThat(r.flags()).extracting(Flag::type).containsExactly(FlagType.BMS_SOH_JUMP);
    Flag jump = r.flags().get(0);
    assertThat(jump.referenceCpct()).isEqualTo(9100);
    assertThat(jump.referenceTime()).isEqualTo(before);
    assertThat(jump.bmsSohCpct()).isEqualTo(8500);
    assertThat(jump.bmsTime()).isEqualTo(before.plus(pack.step));
  }

  @Test
  void a_bms_soh_far_above_the_own_estimate_disagrees_once_the_estimate_exists() {
    TestPack pack = new TestPack(3600, 0.5, estimator::accept);
    pack.bmsSohCpct = 9500L;
    pack.chargeToFull(1800);
    pack.rest(Duration.ofMinutes(10));
    pack.discharge(1800, Duration.ofMinutes(60));
    assertThat(estimator.report().flags()).as("no own estimate yet").isEmpty();

    pack.dischargeToEmpty(1800);
    EstimatorReport r = estimator.report();
    assertThat(r.flags()).extracting(Flag::type).containsExactly(FlagType.BMS_SOH_DISAGREES);
    Flag f = r.flags().get(0);
    assertThat(f.bmsSohCpct()).isEqualTo(9500);
    assertThat(f.referenceCpct()).isBetween(soh(3560), soh(3610));
  }

  @Test
  void the_bms_soh_is_derived_from_full_charge_capacity_when_the_bms_has_no_soh_register() {
    TestPack pack = new TestPack(3600, 0.5, estimator::accept);
    pack.fullChargeCapacityMah = 4300L;
    pack.chargeToFull(1800);
    pack.dischargeToEmpty(1800);

    Flag f = estimator.report().flags().get(0);
    assertThat(f.type()).isEqualTo(FlagType.BMS_SOH_DISAGREES);
    assertThat(f.bmsSohCpct()).isEqualTo(soh(4300));
    assertThat(f.detail()).startsWith("BMS FCC/design");
  }
}
