package io.packpass.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cbor.CborLimits;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.IngestResult.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clocks that disagree or jump: an agent whose clock ran ahead, a gateway whose clock is stepped back
 * and forward. Updates from the future wait (quarantined, the chain's head stays put) and are taken
 * once the gateway's clock reaches them; nothing already stored is judged again.
 */
class ClockJumpIngestTest {
  @TempDir
  Path dir;

  /** The gateway's clock, stepped by the test. */
  static final class SteppedClock extends Clock {
    volatile Instant now;

    SteppedClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void an_update_from_the_future_waits_and_is_taken_when_the_gateways_clock_reaches_it() {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPack pack = pki.pack();
    List<SignedUpdate> chain = pack.upTo(6); // hourly from TestPki.BORN
    SteppedClock clock = new SteppedClock(TestPack.timeOf(3).plus(Duration.ofMinutes(1)));
    try (JdbcGatewayStore store = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("db")), clock)) {
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), clock), clock,
          ChainVerifier.DEFAULT_CLOCK_TOLERANCE, CborLimits.DEFAULT, true, IntakeGate.OPEN);
      List<IngestResult> first = ingest.ingest(chain.stream().map(u -> new Incoming(u.encoded(), "agent")).toList());
      assertThat(first).extracting(IngestResult::status).containsExactly(Status.ACCEPTED, Status.ACCEPTED,
          Status.ACCEPTED, Status.ACCEPTED, Status.REJECTED, Status.REJECTED, Status.REJECTED);
      assertThat(first.get(4).reason()).contains(QuarantineReason.CLOCK_OUT_OF_TOLERANCE);
      assertThat(store.head(pack.id).orElseThrow().headSeq()).isEqualTo(3);

      clock.now = TestPack.timeOf(1); // the gateway's clock stepped back: what is stored stays stored
      assertThat(ingest.ingest(new Incoming(chain.get(2).encoded(), "agent")).status()).isEqualTo(Status.DUPLICATE);
      assertThat(store.head(pack.id).orElseThrow().headSeq()).isEqualTo(3);

      clock.now = TestPack.timeOf(6).plus(Duration.ofMinutes(1)); // and forward: the waiting updates are taken
      List<IngestResult> later = ingest.ingest(chain.subList(4, 7).stream()
          .map(u -> new Incoming(u.encoded(), "agent")).toList());
      assertThat(later).extracting(IngestResult::status).containsOnly(Status.ACCEPTED);
      assertThat(store.head(pack.id).orElseThrow().headSeq()).isEqualTo(6);
    }
  }
}
