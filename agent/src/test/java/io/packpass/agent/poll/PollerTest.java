package io.packpass.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.TestClock;
import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.poll.Reading.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollerTest {
  static final Duration INTERVAL = Duration.ofSeconds(5);

  final TestClock clock = new TestClock(Instant.parse("2026-11-25T06:00:00Z"));
  final SbsRegisterMap gauge = SbsRegisterMap.fixture4s();
  final List<String> warnings = new ArrayList<>();
  final List<String> infos = new ArrayList<>();
  final List<Duration> sleeps = new ArrayList<>();
  final FaultLog log = new FaultLog(Duration.ofMinutes(10), new FaultLog.Sink() {
    @Override
    public void warn(String line) {
      warnings.add(line);
    }

    @Override
    public void info(String line) {
      infos.add(line);
    }
  });
  final Poller poller = new Poller(new SbsDriver(gauge, clock), clock, INTERVAL, RetryPolicy.DEFAULT, d -> {
    sleeps.add(d);
    clock.advance(d);
  }, log);

  @Test
  void a_good_bus_gives_fresh_readings_without_retries() throws InterruptedException {
    Reading r = poller.poll();

    assertThat(r.status()).isEqualTo(Status.FRESH);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.snapshot().orElseThrow().packVoltageMv()).contains(15_400L);
    assertThat(sleeps).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void a_dead_bus_is_retried_with_backoff_then_the_last_good_snapshot_comes_back_stale() throws InterruptedException {
    Reading good = poller.poll();
    clock.advance(INTERVAL);
    gauge.faultEverywhere(SbsRegisterMap.Fault.NACK);

    Reading r = poller.poll();

    assertThat(r.status()).isEqualTo(Status.STALE);
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(r.snapshot()).isEqualTo(good.snapshot());
    assertThat(r.snapshot().orElseThrow().time()).as("stale keeps its own time").isBefore(r.polledAt());
    assertThat(r.failure().orElseThrow().kind()).isEqualTo(BusException.Kind.NACK);
    assertThat(poller.stats().failures()).containsEntry(BusException.Kind.NACK, 3L);
    assertThat(warnings).hasSize(1).first().asString().startsWith("bus nack (attempt 1 of 3): ");
  }

  @Test
  void a_bus_that_keeps_failing_is_left_alone_longer_and_longer_and_recovery_is_logged_once()
      throws InterruptedException {
    gauge.faultEverywhere(SbsRegisterMap.Fault.NACK);
    List<Integer> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      attempts.add(poller.poll().attempts());
      clock.advanceTo(INTERVAL.multipliedBy(i + 1));
    }
    // polls touch the bus at 0, 1, 3, 7, 15 intervals: 1, 2, 4, 8 polls apart
    assertThat(attempts).containsExactly(3, 3, 0, 3, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3);
    assertThat(poller.stats().skipped()).isEqualTo(11);
    assertThat(warnings).as("one line per 10 minutes, not per read").hasSize(1);

    gauge.clearFaults();
    for (int i = 16; i < 40; i++) {
      poller.poll();
      clock.advanceTo(INTERVAL.multipliedBy(i + 1));
    }
    assertThat(infos).hasSize(1).first().asString().contains("after 5 failed polls");
    assertThat(poller.stats().fresh()).isPositive();
  }

  @Test
  void the_skip_is_capped_so_a_reconnected_pack_is_found_within_max_skip() throws InterruptedException {
    RetryPolicy policy = new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(20));
    Poller p = new Poller(new SbsDriver(gauge, clock), clock, INTERVAL, policy, d -> { }, log);
    gauge.faultEverywhere(SbsRegisterMap.Fault.TIMEOUT);
    int touched = 0;
    for (int i = 0; i < 40; i++) {
      if (p.poll().attempts() > 0) {
        touched++;
      }
      clock.advanceTo(INTERVAL.multipliedBy(i + 1));
    }
    // 0, 1, 3, 7 (skips 1, 2, 4 polls), then every 4 polls (20 s) up to poll 39: 7, 11, ..., 39
    assertThat(touched).isEqualTo(3 + 9);
  }

  @Test
  void partial_readings_count_their_missing_fields_and_log_each_field_once_per_quiet_period()
      throws InterruptedException {
    gauge.fault(SbsDriver.CURRENT, SbsRegisterMap.Fault.TRUNCATED);
    for (int i = 0; i < 30; i++) {
      Reading r = poller.poll();
      assertThat(r.status()).isEqualTo(Status.PARTIAL);
      assertThat(r.snapshot().orElseThrow().currentMa()).isEmpty();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(poller.stats().missing()).containsEntry("currentMa", 30L);
    assertThat(poller.stats().partial()).isEqualTo(30);
    assertThat(warnings).hasSize(3);
    assertThat(warnings.get(1)).endsWith("(9 more like it since 2026-11-25T06:00:00Z not logged)");
  }

  @Test
  void no_reading_at_all_is_stale_with_no_snapshot_rather_than_an_invented_one() throws InterruptedException {
    gauge.faultEverywhere(SbsRegisterMap.Fault.NACK);
    Reading r = poller.poll();
    assertThat(r.status()).isEqualTo(Status.STALE);
    assertThat(r.snapshot()).isEmpty();
  }
}
