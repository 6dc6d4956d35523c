package io.packpass.agent.bms.jbd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import io.packpass.agent.TestClock;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.SnapshotChecks;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.FuzzBytes;
import io.packpass.agent.bus.FuzzedSerialLink;
import java.time.Duration;
import java.time.Instant;

/**
 * A JBD BMS whose UART answers are fuzzer data ({@link FuzzedSerialLink}: garbage, frames cut short
 * or arriving in pieces, wrong lengths and checksums, silence, a vanished port): the response reader
 * and the driver give a consistent snapshot of believable values (the ranges of {@link JbdDriver}'s
 * description) or a {@link BusException}, and always finish (the reader is bounded by bytes and by
 * silence).
 */
class JbdDriverFuzzTest {
  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
  private static final FuzzedSerialLink LINK = new FuzzedSerialLink();

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void reads_a_snapshot_of_believable_values_or_fails_with_a_bus_exception(byte[] input) {
    LINK.answerFrom(new FuzzBytes(input));
    BatterySnapshot s;
    try {
      s = new JbdDriver(LINK, CLOCK, Duration.ofMillis(1)).read();
    } catch (BusException failed) {
      assertThat(failed.getMessage()).isNotBlank();
      return;
    }
    SnapshotChecks.assertConsistent(s, CLOCK.instant());
    s.packVoltageMv().ifPresent(v -> assertThat(v).isBetween(10L, 655_350L));
    s.designCapacityMah().ifPresent(v -> assertThat(v).isPositive());
    assertThat(s.temperaturesDc()).allSatisfy(t -> assertThat(t).isBetween(-500L, 1_500L));
    assertThat(s.cellVoltagesMv()).hasSizeLessThanOrEqualTo(32).allSatisfy(v -> assertThat(v).isBetween(0L, 5_000L));
    s.identity().manufactureDate().ifPresent(d -> assertThat(d.getYear()).isBetween(2000, 2127));
  }
}
