package io.packpass.agent.bms.pylontech;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import io.packpass.agent.TestClock;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.SnapshotChecks;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.FuzzBytes;
import io.packpass.agent.bus.FuzzedCanChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Pylontech CAN decoder over a {@link FuzzedCanChannel}: frames of the cycle with any length and
 * data, unknown and extended ids, silence, a window that runs out. The first input byte picks the
 * protocol generation (odd: v1.3). A read gives a consistent snapshot of the values
 * {@link PylontechCanDriver}'s description calls believable, with the decoded cycle holding only
 * frames of the profile, or a TIMEOUT when none of them arrived.
 */
class PylontechCanDriverFuzzTest {
  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
  private static final List<Integer> IDS = Stream.of(PylontechProfile.values())
      .flatMap(p -> p.cycleIds().stream()).distinct().sorted().toList();
  private static final FuzzedCanChannel CHANNEL = new FuzzedCanChannel(IDS, CLOCK);

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void reads_a_snapshot_of_believable_values_or_times_out(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    PylontechProfile profile = in.u8() % 2 == 1 ? PylontechProfile.V1_3 : PylontechProfile.V1_2;
    CHANNEL.answerFrom(in);
    PylontechCanDriver driver = new PylontechCanDriver(CHANNEL, CLOCK, profile, PylontechCanDriver.DEFAULT_WINDOW);
    Instant start = CLOCK.instant();
    BatterySnapshot s;
    try {
      s = driver.read();
    } catch (BusException nothingOfTheProfile) {
      assertThat(nothingOfTheProfile.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(driver.lastCycle()).isEmpty();
      return;
    }
    SnapshotChecks.assertConsistent(s, start);
    s.packVoltageMv().ifPresent(v -> assertThat(v).isBetween(1L, 100_000L));
    s.currentMa().ifPresent(i -> assertThat(Math.abs(i)).isLessThanOrEqualTo(3_000_000L));
    assertThat(s.temperaturesDc()).hasSizeLessThanOrEqualTo(1).allSatisfy(t -> assertThat(t).isBetween(-500L, 1_500L));
    s.bmsStateOfHealthCpct().ifPresent(v -> assertThat(v).isPositive());
    assertThat(s.cellVoltagesMv()).isEmpty();
    PylontechCycle cycle = driver.lastCycle().orElseThrow();
    assertThat(cycle.frames()).isNotEmpty();
    cycle.frames().forEach((id, frame) -> {
      assertThat(profile.cycleIds()).contains(id);
      assertThat(frame.id()).isEqualTo(id);
      assertThat(frame.extended()).isFalse();
    });
    assertThat(CLOCK.instant()).isBeforeOrEqualTo(start.plus(PylontechCanDriver.DEFAULT_WINDOW)
        .plus(Duration.ofMillis(2_550)));
  }
}
