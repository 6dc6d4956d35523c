package io.packpass.agent.estimate;

import static io.packpass.agent.estimate.EstimatorCapacityTest.nmc;
import static io.packpass.agent.estimate.EstimatorCapacityTest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Histogram;
import io.packpass.core.passport.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EstimatorCountersTest {

  @Test
  void throughput_and_full_equivalent_cycles_follow_the_documented_definition() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 1.0, e::accept);
    pack.rest(Duration.ofMinutes(1));
    pack.discharge(2200, Duration.ofHours(1)); // 2200 mAh out
    pack.step(1100); // reverses: trapezoid of |I| over the sign change counts (2200 + 1100) / 2
    pack.discharge(0, Duration.ofMinutes(0));
    for (int i = 0; i < 359; i++) {
      pack.step(1100); // 1 h at 1.1 A in: 1100 mAh
    }
    pack.step(0);

    // trapezoid of |I| over 10 s intervals, in mAh: 0 -> 2200 (half an interval), 359 at 2200, 2200 -> 1100
    // across the sign change, 359 at 1100, 1100 -> 0
    double expected = (0.5 * 2200 + 359 * 2200 + 1650 + 359 * 1100 + 550) * 10 / 3600;
    assertThat((double) value(e, Quantity.CAPACITY_THROUGHPUT).value()).isCloseTo(expected, within(1.0));
    // cycles = throughput / (2 x 4400 mAh), in 0.01 cycle
    assertThat((double) value(e, Quantity.FULL_EQUIVALENT_CYCLES).value()).isCloseTo(expected * 100 / 8800,
        within(1.0));
    assertThat(value(e, Quantity.FULL_EQUIVALENT_CYCLES).method()).isEqualTo(
        "capacity throughput / (2 x rated capacity)");
    // the uncertainty is one current-resolution step (10 mA) over the whole 2 h
    assertThat(value(e, Quantity.CAPACITY_THROUGHPUT).uncertainty()).isEqualTo(21);
  }

  @Test
  void energy_throughput_integrates_voltage_times_current() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.5, e::accept);
    pack.resistanceMohm = 0;
    for (int i = 0; i <= 360; i++) {
      pack.soc = 0.5; // hold the voltage at 4 x 3800 mV
      pack.step(-4400);
    }
    // 4.4 A x 15.2 V x 1 h = 66.88 Wh
    assertThat(value(e, Quantity.ENERGY_THROUGHPUT).value()).isEqualTo(66);
    assertThat(value(e, Quantity.CAPACITY_THROUGHPUT).value()).isBetween(4399L, 4400L);
  }

  @Test
  void time_at_extreme_temperatures_and_charging_there_is_counted_in_minutes() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.5, e::accept);
    pack.temperatureDc = -50;
    pack.rest(Duration.ofMinutes(30));
    for (int i = 0; i < 120; i++) {
      pack.step(1000); // 20 min charging at -5 degrees
    }
    pack.temperatureDc = 500;
    pack.rest(Duration.ofMinutes(15));
    for (int i = 0; i < 60; i++) {
      pack.step(1000); // 10 min charging at 50 degrees
    }
    pack.temperatureDc = 250;
    pack.rest(Duration.ofMinutes(60));

    assertThat(value(e, Quantity.TIME_EXTREME_LOW_TEMPERATURE).value()).isEqualTo(50);
    assertThat(value(e, Quantity.TIME_CHARGING_EXTREME_LOW_TEMPERATURE).value()).isEqualTo(20);
    assertThat(value(e, Quantity.TIME_EXTREME_HIGH_TEMPERATURE).value()).isEqualTo(25);
    assertThat(value(e, Quantity.TIME_CHARGING_EXTREME_HIGH_TEMPERATURE).value()).isEqualTo(10);
    // each boundary was crossed inside one 10 s interval: less than a minute of doubt
    assertThat(value(e, Quantity.TIME_EXTREME_LOW_TEMPERATURE).uncertainty()).isEqualTo(1);
    assertThat(value(e, Quantity.TIME_EXTREME_LOW_TEMPERATURE).method()).isEqualTo("coldest sensor below 0.0 \u00b0C");
  }

  @Test
  void histograms_sum_to_the_observed_minutes() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.95, e::accept);
    pack.step = Duration.ofMinutes(1);
    pack.temperatureDc = 220;
    pack.discharge(2640, Duration.ofMinutes(45)); // 1 % per minute: 95 % -> 50 %
    pack.temperatureDc = 470;
    pack.rest(Duration.ofMinutes(30));
    pack.emit(0);

    Histogram soc = e.report().condition().stateOfChargeHistogram().orElseThrow();
    Histogram temperature = e.report().condition().temperatureHistogram().orElseThrow();
    assertThat(soc.totalMinutes()).isEqualTo(75);
    assertThat(temperature.totalMinutes()).isEqualTo(75);
    assertThat(temperature.lowerEdges()).isEqualTo(EstimatorConfig.DEFAULT_TEMPERATURE_EDGES_DC);
    // 22.0 degrees in the 20..30 bin, 47.0 in the 45..50 bin
    assertThat(temperature.minutes()).containsExactly(0L, 0L, 0L, 0L, 0L, 45L, 0L, 0L, 30L, 0L, 0L);
    // BMS SoC (no own estimate yet), each minute in the bin of its start: 95..90 % six minutes, 89..80,
    // 79..70 and 69..60 ten each, 59..51 nine plus 30 at rest at 50 %
    assertThat(soc.minutes()).containsExactly(0L, 0L, 0L, 0L, 0L, 39L, 10L, 10L, 10L, 6L);
  }

  @Test
  void a_two_hour_gap_and_a_backwards_clock_add_neither_throughput_nor_time() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.9, e::accept);
    pack.temperatureDc = 500;
    pack.discharge(2200, Duration.ofMinutes(30));
    long throughput = value(e, Quantity.CAPACITY_THROUGHPUT).value();
    long hot = value(e, Quantity.TIME_EXTREME_HIGH_TEMPERATURE).value();

    pack.unseen(Duration.ofHours(2), -0.5);
    pack.temperatureDc = 250;
    pack.step(-2200);
    pack.time = pack.time.minus(Duration.ofHours(1));
    pack.step(-2200);
    pack.step(-2200); // one 10 s interval integrated after the clock went back

    EstimatorReport r = e.report();
    assertThat(r.condition().get(Quantity.CAPACITY_THROUGHPUT).orElseThrow().value())
        .isBetween(throughput + 6, throughput + 7); // 2200 mA x 10 s = 6.1 mAh
    assertThat(r.condition().get(Quantity.TIME_EXTREME_HIGH_TEMPERATURE).orElseThrow().value()).isEqualTo(hot);
    assertThat(r.rejections().gaps()).isEqualTo(1);
    assertThat(r.rejections().gapMinutes()).isEqualTo(120);
    assertThat(r.rejections().clockBackwards()).isEqualTo(1);
  }

  @Test
  void partial_snapshots_are_bridged_only_within_the_maximum_gap() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.9, e::accept);
    pack.discharge(2200, Duration.ofMinutes(10));
    long before = value(e, Quantity.CAPACITY_THROUGHPUT).value();
    pack.tamper = s -> new BatterySnapshot(s.time(), s.packVoltageMv(), Optional.empty(), s.temperaturesDc(),
        s.cellVoltagesMv(), s.stateOfChargeCpct(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Set.of(), s.identity(), Set.of("currentMa"));
    pack.discharge(2200, Duration.ofMinutes(20)); // current missing for 20 min: longer than the 5 min bridge
    pack.tamper = s -> s;
    pack.step(-2200);
    pack.step(-2200);

    assertThat(value(e, Quantity.CAPACITY_THROUGHPUT).value()).isBetween(before + 6, before + 7);
    assertThat(e.report().rejections().fieldGaps()).isEqualTo(1);
    assertThat(e.report().rejections().gaps()).isZero();
  }

  @Test
  void an_absurd_full_charge_capacity_is_counted_and_ignored() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4000, 0.9, e::accept);
    pack.fullChargeCapacityMah = 8800L;
    pack.rest(Duration.ofMinutes(10));
    pack.fullChargeCapacityMah = 4000L;
    pack.rest(Duration.ofMinutes(1));

    EstimatorReport r = e.report();
    assertThat(r.rejections().absurd(InputField.FULL_CHARGE_CAPACITY)).isEqualTo(60);
    assertThat(r.rejections().absurdByField()).containsOnlyKeys("fullChargeCapacityMah");
    assertThat(r.flags()).isEmpty();
    assertThat(r.condition().get(Quantity.STATE_OF_HEALTH)).isEmpty();
  }

  @Test
  void absurd_measurements_are_dropped_per_field_without_touching_the_rest() {
    Estimator e = new Estimator(nmc(Category.LMT).build());
    TestPack pack = new TestPack(4400, 0.5, e::accept);
    pack.rest(Duration.ofMinutes(1));
    pack.tamper = s -> new BatterySnapshot(s.time(), Optional.of(-5L), Optional.of(900_000L), List.of(3000L, 250L),
        List.of(3800L, 0L, 3800L, 3800L), Optional.of(25_000L), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(-1L), Set.of(), s.identity(), Set.of());
    pack.step(0);

    Rejections r = e.report().rejections();
    assertThat(r.absurd(InputField.PACK_VOLTAGE)).isEqualTo(1);
    assertThat(r.absurd(InputField.CURRENT)).isEqualTo(1);
    assertThat(r.absurd(InputField.TEMPERATURE)).isEqualTo(1);
    assertThat(r.absurd(InputField.CELL_VOLTAGES)).isEqualTo(1);
    assertThat(r.absurd(InputField.STATE_OF_CHARGE)).isEqualTo(1);
    assertThat(r.absurd(InputField.BMS_STATE_OF_HEALTH)).isEqualTo(1);
    // the plausible second sensor still counts
    assertThat(value(e, Quantity.TEMPERATURE).value()).isEqualTo(250);
  }
}
