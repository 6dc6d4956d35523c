package io.packpass.agent.estimate;

import static io.packpass.agent.estimate.EstimatorCapacityTest.nmc;
import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.records.EstimatorStateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatorStateTest {

  /** A day with everything in it: cycles, fade, pulses, heat, cold charging, a gap, a frozen BMS SOH. */
  static List<BatterySnapshot> eventfulHistory() {
    List<BatterySnapshot> out = new ArrayList<>();
    TestPack pack = new TestPack(4000, 0.7, out::add);
    pack.bmsSohCpct = 9300L;
    pack.chargeToFull(2000);
    for (int i = 0; i < 6; i++) {
      pack.capacityMah = 4000 - 40 * i;
      pack.temperatureDc = i % 2 == 0 ? 250 : 480;
      pack.cycle();
      EstimatorResistanceTest.pulses(pack, 2200, 2);
    }
    pack.temperatureDc = -50;
    pack.discharge(2000, Duration.ofMinutes(20));
    pack.step(1500);
    pack.step(1500);
    pack.unseen(Duration.ofHours(3), 0);
    pack.cellOneOffsetMv = -900;
    pack.discharge(2000, Duration.ofMinutes(10));
    pack.cycle();
    // partial cycles with rests on a table-shaped cell: rest-OCV anchors and their pairs
    pack.cellOneOffsetMv = 0;
    pack.temperatureDc = 250; // the 25 degree table is not used below 0 degrees
    pack.ocv = OcvTable.NMC;
    pack.moveTo(0.9, 2000);
    EstimatorOcvTest.partialCycles(pack, 2, 0.3, 0.9, Duration.ofMinutes(40));
    pack.rest(Duration.ofMinutes(40)); // the history ends mid-rest, an anchor pending
    return out;
  }

  @Test
  void resuming_from_the_saved_state_gives_the_same_result_as_an_uninterrupted_run() {
    EstimatorConfig config = nmc(Category.EV).stuck(3, Duration.ofDays(90)).build();
    List<BatterySnapshot> history = eventfulHistory();
    Estimator uninterrupted = new Estimator(config);
    history.forEach(uninterrupted::accept);

    int n = history.size();
    // besides early and middle splits: mid-rest before the anchor is due (n - 100), with an anchor pending
    // (n - 20), and just after a rest ended (the last partial cycle's final step)
    for (int split : new int[] {1, n / 3, n / 2 + 7, n - 250, n - 241, n - 100, n - 20, n - 1}) {
      Estimator first = new Estimator(config);
      history.subList(0, split).forEach(first::accept);
      Estimator resumed = new Estimator(config, first.state());
      history.subList(split, history.size()).forEach(resumed::accept);

      assertThat(resumed.report()).as("split at %d", split).isEqualTo(uninterrupted.report());
      assertThat(resumed.state()).as("split at %d", split).isEqualTo(uninterrupted.state());
    }
    EstimatorReport report = uninterrupted.report();
    assertThat(report.condition().get(Quantity.STATE_OF_CERTIFIED_ENERGY)).isPresent();
    assertThat(report.condition().get(Quantity.INTERNAL_RESISTANCE)).isPresent();
    assertThat(report.condition().get(Quantity.TIME_EXTREME_HIGH_TEMPERATURE).orElseThrow().value()).isPositive();
    assertThat(report.condition().get(Quantity.DEEP_DISCHARGE_EVENTS).orElseThrow().value()).isEqualTo(1);
    assertThat(report.pendingEvents()).isNotEmpty();
    assertThat(report.flags()).isNotEmpty();
    assertThat(report.rejections().gaps()).isEqualTo(1);
    assertThat(report.ocvCapacities()).isEqualTo(4);
    assertThat(uninterrupted.state().ocv().anchors()).hasSize(5);
    assertThat(uninterrupted.state().ocv().pendingTime()).isNotNull();
  }

  @Test
  void a_fresh_estimator_reports_nothing_it_has_not_seen() {
    Estimator e = new Estimator(nmc(Category.LMT).build());

    EstimatorReport r = e.report();
    assertThat(r.time()).isEmpty();
    assertThat(r.condition().values()).isEmpty();
    assertThat(r.condition().stateOfChargeHistogram()).isEmpty();
    assertThat(e.state().lastTime()).isNull();
    assertThat(new Estimator(e.config(), e.state()).state()).isEqualTo(e.state());
  }

  @Test
  void the_state_with_its_ocv_anchors_survives_the_json_file_and_an_older_file_without_them_still_loads(
      @TempDir Path dir) throws IOException {
    EstimatorConfig config = nmc(Category.EV).build();
    Estimator e = new Estimator(config);
    eventfulHistory().forEach(e::accept);
    EstimatorStateFile file = new EstimatorStateFile(dir);
    file.save(e.state());

    assertThat(file.load()).contains(e.state());

    // a file written before the anchors existed: no "ocv", no "capacityFromOcv"
    Path json = Files.list(dir).filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    String text = Files.readString(json);
    String old = text.replaceAll(",\\s*\"ocv\"\\s*:\\s*\\{.*\\}\\s*}\\s*$", "}")
        .replaceAll(",\\s*\"capacityFromOcv\"\\s*:\\s*\\[[^\\]]*\\]", "");
    assertThat(old).doesNotContain("ocv").doesNotContain("Ocv");
    Files.writeString(json, old);
    EstimatorState loaded = file.load().orElseThrow();
    assertThat(loaded.ocv()).isNull();
    Estimator resumed = new Estimator(config, loaded);
    assertThat(resumed.state().ocv()).isEqualTo(EstimatorState.Ocv.initial());
    assertThat(resumed.report().condition().get(Quantity.STATE_OF_HEALTH)).isPresent();
  }
}
