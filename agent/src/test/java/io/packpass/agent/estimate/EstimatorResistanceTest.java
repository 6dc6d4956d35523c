package io.packpass.agent.estimate;

import static io.packpass.agent.estimate.EstimatorCapacityTest.nmc;
import static io.packpass.agent.estimate.EstimatorCapacityTest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Quantity;
import org.junit.jupiter.api.Test;

class EstimatorResistanceTest {

  static void pulses(TestPack pack, long currentMa, int count) {
    for (int i = 0; i < count; i++) {
      for (int k = 0; k < 6; k++) {
        pack.step(0);
      }
      for (int k = 0; k < 6; k++) {
        pack.step(-currentMa);
      }
    }
  }

  @Test
  void resistance_from_current_steps_equals_the_pack_resistance() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.8, e::accept);
    pulses(pack, 2200, 5);

    Measured r = value(e, Quantity.INTERNAL_RESISTANCE);
    assertThat((double) r.value()).isCloseTo(80_000, within(2_400.0));
    assertThat(r.method()).isEqualTo("dV/dI current steps, median n=9");
    // 10 mV resolution over 2.2 A steps, nine steps
    assertThat(r.uncertainty()).isBetween(1_500L, 2_400L);
  }

  @Test
  void steps_below_c_over_5_are_not_used() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.8, e::accept);
    pulses(pack, 800, 10);

    assertThat(e.report().condition().get(Quantity.INTERNAL_RESISTANCE)).isEmpty();
  }

  @Test
  void resistance_increase_is_against_the_first_stable_estimate() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.8, e::accept);
    pulses(pack, 2200, 5);
    assertThat(value(e, Quantity.INTERNAL_RESISTANCE_INCREASE).value()).isBetween(-300L, 300L);

    pack.resistanceMohm = 100;
    pulses(pack, 2200, 6);
    assertThat((double) value(e, Quantity.INTERNAL_RESISTANCE).value()).isCloseTo(100_000, within(3_000.0));
    Measured increase = value(e, Quantity.INTERNAL_RESISTANCE_INCREASE);
    assertThat((double) increase.value()).isCloseTo(2_500, within(400.0));
    assertThat(increase.method()).isEqualTo("dV/dI vs first stable estimate");
  }

  @Test
  void resistance_increase_uses_a_configured_initial_resistance() {
    Estimator e = new Estimator(nmc(Category.LMT).initialResistanceUohm(64_000).build());
    TestPack pack = new TestPack(4400, 0.8, e::accept);
    pulses(pack, 2200, 5);

    assertThat((double) value(e, Quantity.INTERNAL_RESISTANCE_INCREASE).value()).isCloseTo(2_500, within(400.0));
  }
}
