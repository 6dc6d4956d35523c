package io.packpass.agent.estimate;

import static io.packpass.agent.estimate.EstimatorCapacityTest.nmc;
import static io.packpass.agent.estimate.EstimatorCapacityTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimatorEventsTest {
  final Estimator estimator = new Estimator(nmc(Category.LMT).build());
  Instant time = TestPack.START;

  /** One reading of 4 cells, the first at {@code lowestMv}, the others at {@code othersMv}. */
  void cells(long lowestMv, long othersMv, long currentMa, long temperatureDc) {
    List<Long> cells = List.of(lowestMv, othersMv, othersMv, othersMv);
    estimator.accept(TestPack.snapshot(time, lowestMv + 3 * othersMv, currentMa, temperatureDc, cells));
    time = time.plus(Duration.ofSeconds(10));
  }

  List<EventType> drainedTypes() {
    return estimator.drainEvents().stream().map(NegativeEvent::type).toList();
  }

  @Test
  void a_deep_discharge_is_counted_once_per_excursion_not_per_poll() {
    cells(3400, 3400, -2000, 250);
    for (int i = 0; i < 50; i++) {
      cells(i % 2 == 0 ? 2690 : 2710, 3000, -2000, 250); // hovering around the 2700 mV floor
    }
    cells(3000, 3000, 0, 250); // recovered at rest, but not above the 3300 mV re-arm level
    cells(2650, 3000, -2000, 250);
    assertThat(value(estimator, Quantity.DEEP_DISCHARGE_EVENTS).value()).isEqualTo(1);

    cells(3500, 3500, 2000, 250); // recharged
    cells(2600, 3000, -2000, 250);
    assertThat(value(estimator, Quantity.DEEP_DISCHARGE_EVENTS).value()).isEqualTo(2);
    List<NegativeEvent> events = estimator.drainEvents();
    assertThat(events).extracting(NegativeEvent::type).containsExactly(EventType.DEEP_DISCHARGE,
        EventType.DEEP_DISCHARGE);
    assertThat(events.get(0).time()).isEqualTo(TestPack.START.plusSeconds(10));
    assertThat(events.get(0).description()).contains("lowest cell 2690 mV below 2700 mV");
    assertThat(estimator.drainEvents()).isEmpty();
    assertThat(value(estimator, Quantity.DEEP_DISCHARGE_EVENTS).value()).as("the count survives draining")
        .isEqualTo(2);
  }

  @Test
  void overcharge_is_counted_once_until_the_cells_fall_below_the_full_threshold() {
    cells(4100, 4100, 1000, 250);
    cells(4300, 4240, 500, 250);
    cells(4260, 4240, 200, 250); // back under the limit but above the 4150 mV re-arm level
    cells(4300, 4240, 100, 250);
    cells(4100, 4100, 0, 250);
    cells(4300, 4240, 500, 250);

    assertThat(value(estimator, Quantity.OVERCHARGE_EVENTS).value()).isEqualTo(2);
    assertThat(drainedTypes()).containsExactly(EventType.OVERCHARGE, EventType.OVERCHARGE);
  }

  @Test
  void over_temperature_and_charging_at_extreme_temperature_use_hysteresis() {
    cells(3700, 3700, 0, 300);
    cells(3700, 3700, 0, 460);
    cells(3700, 3700, 0, 440); // still within the 2 degree hysteresis
    cells(3700, 3700, 0, 470);
    cells(3700, 3700, 0, 420);
    cells(3700, 3700, 0, 460);
    assertThat(drainedTypes()).containsExactly(EventType.OVER_TEMPERATURE, EventType.OVER_TEMPERATURE);

    for (int i = 0; i < 30; i++) {
      cells(3700, 3700, 1500, -100);
    }
    cells(3700, 3700, 0, -100);
    cells(3700, 3700, 1500, -100);
    assertThat(drainedTypes()).containsExactly(EventType.CHARGING_AT_EXTREME_TEMPERATURE,
        EventType.CHARGING_AT_EXTREME_TEMPERATURE);
  }

  @Test
  void cell_imbalance_counts_at_rest_but_not_under_load() {
    for (int i = 0; i < 10; i++) {
      cells(3550, 3700, -2000, 250); // 150 mV spread under load: unequal resistance, not imbalance
    }
    assertThat(drainedTypes()).isEmpty();
    for (int i = 0; i < 10; i++) {
      cells(3550, 3700, 0, 250);
    }
    assertThat(drainedTypes()).containsExactly(EventType.CELL_IMBALANCE);
  }
}
