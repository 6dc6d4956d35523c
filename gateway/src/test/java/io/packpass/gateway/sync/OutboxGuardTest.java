package io.packpass.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.verify.BackpressureException;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.UpdateCertificates;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.update.ChainVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxGuardTest {
  @TempDir
  Path dir;

  private static List<Incoming> in(List<SignedUpdate> updates) {
    return updates.stream().map(u -> new Incoming(u.encoded(), "agent")).toList();
  }

  @Test
  void a_full_outbox_stops_intake_without_dropping_anything_and_intake_resumes_once_it_drains() {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Clock clock = Clock.systemUTC();
    try (JdbcGatewayStore store = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("db")), clock)) {
      OutboxGuard guard = new OutboxGuard(store, new OutboxLimits(10, Duration.ofDays(1)), clock);
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), clock), clock,
          ChainVerifier.DEFAULT_CLOCK_TOLERANCE, CborLimits.DEFAULT, true, guard);
      TestPack pack = pki.pack();
      ingest.ingest(in(pack.upTo(7)));

      assertThatThrownBy(() -> ingest.ingest(in(pack.upTo(10).subList(8, 11))))
          .isInstanceOf(BackpressureException.class).hasMessageContaining("bound of 10");
      assertThat(guard.alarm()).isPresent();
      assertThat(store.updateCount()).as("nothing of the refused batch is stored").isEqualTo(8);

      store.delivered(store.nextBatch(5, 1 << 20).stream().map(i -> i.id()).toList());
      assertThatCode(() -> ingest.ingest(in(pack.upTo(10).subList(8, 11)))).doesNotThrowAnyException();
      assertThat(guard.alarm()).isEmpty();
      assertThat(store.updateCount()).isEqualTo(11);
    }
  }

  @Test
  void an_outbox_whose_oldest_update_waits_too_long_stops_intake() {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Instant start = Instant.now();
    MutableClock clock = new MutableClock(start);
    try (JdbcGatewayStore store = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("db")), clock)) {
      long[] nanos = {0};
      OutboxGuard guard = new OutboxGuard(store, new OutboxLimits(1_000, Duration.ofHours(6)), clock, () -> nanos[0]);
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), clock), clock,
          ChainVerifier.DEFAULT_CLOCK_TOLERANCE, CborLimits.DEFAULT, true, guard);
      TestPack pack = pki.pack();
      ingest.ingest(in(pack.upTo(1)));
      clock.now = start.plus(Duration.ofHours(7));
      nanos[0] += Duration.ofHours(7).toNanos();

      assertThatThrownBy(() -> ingest.ingest(in(List.of(pack.at(2))))).isInstanceOf(BackpressureException.class)
          .hasMessageContaining("longer than its bound");
    }
  }

  @Test
  void a_wall_clock_stepped_back_does_not_keep_a_stale_count_refusing_intake() {
    TestPki pki = new TestPki(dir.resolve("pki"));
    MutableClock clock = new MutableClock(Instant.now());
    long[] nanos = {0};
    try (JdbcGatewayStore store = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("db")), Clock.systemUTC())) {
      OutboxGuard guard = new OutboxGuard(store, new OutboxLimits(10, Duration.ofDays(1)), clock, () -> nanos[0]);
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(),
          ChainVerifier.DEFAULT_CLOCK_TOLERANCE, CborLimits.DEFAULT, true, guard);
      TestPack pack = pki.pack();
      ingest.ingest(in(pack.upTo(7)));
      store.delivered(store.nextBatch(100, 1 << 20).stream().map(i -> i.id()).toList());

      clock.now = clock.now.minus(Duration.ofHours(1)); // NTP steps the clock back an hour
      nanos[0] += Duration.ofSeconds(2).toNanos();
      assertThatCode(() -> ingest.ingest(in(pack.upTo(12).subList(8, 13))))
          .as("the outbox is empty: counted again after a second, whatever the wall clock says")
          .doesNotThrowAnyException();
      assertThat(guard.alarm()).isEmpty();
    }
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
