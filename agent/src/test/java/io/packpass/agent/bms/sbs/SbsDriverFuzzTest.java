package io.packpass.agent.bms.sbs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import io.packpass.agent.TestClock;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.SnapshotChecks;
import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.FuzzBytes;
import io.packpass.agent.bus.FuzzedSmbusDevice;
import io.packpass.agent.bus.SmbusDevice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * SBS 1.1 and bq40z50 decoding over a {@link FuzzedSmbusDevice}: words of any value, block reads
 * with any count byte, short and long wires, NACKs, timeouts and PEC errors. The first input byte
 * picks the driver (odd: bq40z50), the rest answers its reads in order. A poll gives a consistent
 * snapshot of the values {@link SbsDriver}'s description calls believable, or a {@link BusException}
 * exactly when no read was answered.
 *
 * <p>One driver of each kind serves every input, as one driver polls one gauge for the agent's life
 * (its once-per-driver warning about capacities in 10 mWh is then logged once, not per input).
 */
class SbsDriverFuzzTest {
  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
  private static final FuzzedSmbusDevice DEVICE = new FuzzedSmbusDevice(SmbusDevice.SMART_BATTERY_ADDRESS);
  private static final SbsDriver SBS = new SbsDriver(DEVICE, CLOCK);
  private static final Bq40z50Driver BQ40Z50 = new Bq40z50Driver(DEVICE, CLOCK);

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void reads_a_snapshot_of_believable_values_or_fails_only_when_nothing_answered(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    SbsDriver driver = in.u8() % 2 == 1 ? BQ40Z50 : SBS;
    DEVICE.answerFrom(in);
    BatterySnapshot s;
    try {
      s = driver.read();
    } catch (BusException nothingAnswered) {
      assertThat(DEVICE.answered()).as("a poll with answers gives a (partial) snapshot").isZero();
      return;
    }
    assertThat(DEVICE.answered()).isPositive();
    SnapshotChecks.assertConsistent(s, CLOCK.instant());
    s.packVoltageMv().ifPresent(v -> assertThat(v).isBetween(0L, 0xFFFEL * 1000));
    assertThat(s.temperaturesDc()).allSatisfy(t -> assertThat(t).isBetween(-600L, 1_500L));
    s.cycleCount().ifPresent(c -> assertThat(c).isBetween(0L, 0xFFFEL));
    s.designCapacityMah().ifPresent(d -> {
      assertThat(d).isPositive();
      s.fullChargeCapacityMah().ifPresent(f -> assertThat(f).isLessThanOrEqualTo(2 * d));
      s.remainingCapacityMah().ifPresent(r -> assertThat(r).isLessThanOrEqualTo(2 * d));
    });
    s.identity().manufactureDate().ifPresent(d -> assertThat(d).isBeforeOrEqualTo(LocalDate.ofInstant(CLOCK.instant(),
        ZoneOffset.UTC)));
    if (driver == SBS) {
      assertThat(s.cellVoltagesMv()).isEmpty();
      assertThat(s.bmsStateOfHealthCpct()).isEmpty();
    } else {
      assertThat(s.cellVoltagesMv()).satisfiesAnyOf(
          cells -> assertThat(cells).isEmpty(),
          cells -> assertThat(cells).hasSize(4).allSatisfy(v -> assertThat(v).isBetween(0L, 5_000L)));
    }
  }
}
