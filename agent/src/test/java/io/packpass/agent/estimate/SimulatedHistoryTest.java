package io.packpass.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.ProfileLoader;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Months of simulated pack life, read through each profile's real protocol path (JBD frames for the
 * e-bike, the sim-model driver for the EV, Pylontech frames for the home battery), driving the
 * estimator: what the agent would report after that history, against what the simulation did.
 */
class SimulatedHistoryTest {
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
  static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir
  Path dir;

  @Test
  void an_ebike_month_with_a_deep_discharge_and_a_heat_wave() throws IOException {
    HardwareProfile profile = variant("sim-lmt", "lmt-faults", List.of(
        "{at: P10DT23H, event: deep-discharge, duration: P3D}",
        "{at: P20DT12H, event: over-temperature, duration: PT6H, ambientC: 70}"));

    History.Result r = new History(profile).simulate(Duration.ofDays(30), MINUTE, Duration.ZERO, (t, n) -> { });

    assertThat(r.polls()).isEqualTo(30 * 24 * 60 + 1);
    assertThat(r.failedPolls()).isZero();
    // the drain from full to below the floor is one deep discharge, and it is a full-to-empty segment
    assertThat(events(r, EventType.DEEP_DISCHARGE)).hasSize(1);
    assertThat(events(r, EventType.DEEP_DISCHARGE).get(0).time()).isBetween(START.plus(Duration.ofDays(11)),
        START.plus(Duration.ofDays(12)));
    assertThat(value(r, Quantity.DEEP_DISCHARGE_EVENTS).value()).isEqualTo(1);
    Measured soh = value(r, Quantity.STATE_OF_HEALTH);
    assertThat(soh.value()).as("SOH of a one-month-old pack that lost 2 %% to a deep discharge: %s", soh)
        .isBetween(9_400L, 10_000L);
    // the deep discharge on day 11 is the month's one full-to-empty segment; the daily rests (full in the
    // evening, about half after the rides) give rest-OCV anchor pairs, which by day 30 fill the median's
    // window, each less certain than a segment (SoC read from the voltage to +/- 1-2 points at each end
    // of a ~50-point swing, and days of current resolution in the count)
    assertThat(soh.uncertainty()).isLessThanOrEqualTo(1_000);
    assertThat(soh.method()).contains("rest-OCV");
    assertThat(r.report().capacitySegments()).as("the drain and the recharge after it").isEqualTo(2);
    // six hours at 70 °C ambient: the pack spends hours above the 45 °C boundary, and it is one event
    long hot = value(r, Quantity.TIME_EXTREME_HIGH_TEMPERATURE).value();
    assertThat(hot).isBetween(3 * 60L, 8 * 60L);
    assertThat(events(r, EventType.OVER_TEMPERATURE)).hasSize(1);
    // an e-bike charged every evening and ridden twice a weekday: about a third of a cycle a day
    assertThat(value(r, Quantity.FULL_EQUIVALENT_CYCLES).value()).isBetween(600L, 1_400L);
    assertThat(r.report().flags()).as("JBD reports no SOH: nothing to cross-check").isEmpty();
  }

  @Test
  void an_ev_whose_bms_soh_jumps_is_flagged_with_both_readings() throws IOException {
    HardwareProfile profile = variant("sim-ev-nmc", "ev-jump", List.of("{at: P30D, event: bms-soh-jump, sohPoints: -8}"));

    History.Result r = new History(profile).simulate(Duration.ofDays(45), MINUTE, Duration.ZERO, (t, n) -> { });

    assertThat(r.report().flags()).extracting(Flag::type).contains(FlagType.BMS_SOH_JUMP);
    Flag jump = r.report().flags().stream().filter(f -> f.type() == FlagType.BMS_SOH_JUMP).findFirst().orElseThrow();
    assertThat(jump.referenceCpct() - jump.bmsSohCpct()).isBetween(750L, 850L);
    assertThat(jump.bmsTime()).isBetween(START.plus(Duration.ofDays(30)), START.plus(Duration.ofDays(30)).plus(MINUTE));
    assertThat(events(r, EventType.DEEP_DISCHARGE)).isEmpty();
  }

  @Test
  void a_weak_cell_in_an_ev_shows_as_cell_imbalance_at_rest() throws IOException {
    HardwareProfile profile = variant("sim-ev-nmc", "ev-weak-cell",
        List.of("{at: P5D, event: cell-imbalance, cell: 7, capacityLossPercent: 30}"));

    History.Result r = new History(profile).simulate(Duration.ofDays(20), MINUTE, Duration.ZERO, (t, n) -> { });

    List<NegativeEvent> imbalance = events(r, EventType.CELL_IMBALANCE);
    assertThat(imbalance).isNotEmpty();
    assertThat(imbalance.get(0).time()).isAfter(START.plus(Duration.ofDays(5)));
    assertThat(r.eventCount()).as("one event per excursion, not one per poll").isLessThan(50);
  }

  @Test
  void a_healthy_home_battery_quarter_raises_nothing_and_counts_its_cycles() throws IOException {
    HardwareProfile profile = variant("sim-stationary-lfp", "home", List.of());

    History.Result r = new History(profile).simulate(Duration.ofDays(90), MINUTE, Duration.ZERO, (t, n) -> { });

    assertThat(r.eventCount()).isZero();
    assertThat(r.report().flags()).isEmpty();
    // winter PV: well under one full cycle a day
    assertThat(value(r, Quantity.FULL_EQUIVALENT_CYCLES).value()).isBetween(20 * 100L, 90 * 100L);
    assertThat(r.report().condition().stateOfChargeHistogram().orElseThrow().totalMinutes())
        .isBetween(90 * 24 * 60L - 60, 90 * 24 * 60L);
    assertThat(r.report().rejections().gaps()).isZero();
    // never full-to-empty (a 10 % reserve), yet an own SOH: LFP anchors at its knees, the evening reserve
    // and the full afternoon; the plateau rests in between are rejected
    assertThat(r.report().capacitySegments()).isZero();
    assertThat(r.report().ocvAnchorsRejected()).isPositive();
    Measured soh = value(r, Quantity.STATE_OF_HEALTH);
    assertThat(soh.method()).startsWith("coulomb count between rest-OCV anchors");
    assertThat(soh.value()).isBetween(9_500L, 10_000L);
  }

  @Test
  void an_ev_commuting_between_partial_charges_gets_an_own_soh_from_rest_voltages() throws IOException {
    HardwareProfile profile = variant("sim-ev-nmc", "ev-commute", List.of());

    History.Result r = new History(profile).simulate(Duration.ofDays(30), MINUTE, Duration.ZERO, (t, n) -> { });

    assertThat(r.report().capacitySegments()).as("never full-to-empty").isZero();
    assertThat(r.report().ocvCapacities()).isPositive();
    Measured capacity = value(r, Quantity.REMAINING_CAPACITY);
    assertThat(capacity.method()).startsWith("coulomb count between rest-OCV anchors");
    // a month-old 214 Ah pack; the generic table differs from the simulated cell by up to 12 mV
    assertThat((double) capacity.value()).isCloseTo(214_000, org.assertj.core.api.Assertions.within(214_000 * 0.03));
    assertThat(Math.abs(capacity.value() - 214_000)).isLessThanOrEqualTo(capacity.uncertainty());
    assertThat(r.report().flags()).isEmpty();
  }

  private HardwareProfile variant(String bundled, String id, List<String> events) throws IOException {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("/io/packpass/hwprofiles/" + bundled + ".yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String eventList = events.isEmpty() ? "  events: []" : "  events:\n" + events.stream().map(e -> "    - " + e)
        .collect(Collectors.joining("\n"));
    yaml = yaml.replace("id: " + bundled, "id: " + id)
        .replace("simulation:\n", "simulation:\n  start: " + START + "\n")
        .replace("  events: []", eventList);
    Path file = Files.writeString(dir.resolve(id + ".yaml"), yaml);
    return new ProfileLoader().loadFile(file);
  }

  private static Measured value(History.Result r, Quantity q) {
    return r.report().condition().get(q).orElseThrow(() -> new AssertionError(q + " not reported"));
  }

  private static List<NegativeEvent> events(History.Result r, EventType type) {
    return r.events().stream().filter(e -> e.type() == type).collect(Collectors.toList());
  }
}
