package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.sync.SyncSender.Round;
import io.packpass.gateway.testing.Site;
import io.packpass.gateway.testing.SteppingClock;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.IngestResult;
import io.packpass.gateway.verify.IngestResult.Status;
import io.packpass.gateway.verify.TrustUnavailableException;
import io.packpass.gateway.verify.UpdateCertificates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's and the registry's wall clock stepped back and forward while they run (a
 * {@link SteppingClock}; this machine's clock is not touched). The test packs were born 10 days ago
 * with a reading every hour, and their CRL is due 10 days from now.
 */
class ClockJumpTest {
  @TempDir
  Path dir;

  private static IngestResult offer(Ingest ingest, TestPack pack, int seq) {
    return ingest.ingest(new Incoming(pack.at(seq).encoded(), "agent"));
  }

  @Test
  void a_gateway_clock_stepped_back_quarantines_updates_from_its_future_which_are_accepted_once_it_is_right_again() {
    TestPki pki = new TestPki(dir.resolve("pki"));
    SteppingClock clock = new SteppingClock();
    try (JdbcGatewayStore store = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("db")), clock)) {
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), clock), clock, true);
      TestPack pack = pki.pack();
      for (int seq = 0; seq <= 3; seq++) {
        assertThat(offer(ingest, pack, seq).status()).isEqualTo(Status.ACCEPTED);
      }

      clock.step(Duration.ofDays(-11)); // before the pack was born: its readings lie in the gateway's future
      IngestResult ahead = offer(ingest, pack, 4);
      assertThat(ahead.reason()).as(ahead.toString()).contains(QuarantineReason.CLOCK_OUT_OF_TOLERANCE);
      assertThat(store.head(pack.id).orElseThrow().headSeq()).isEqualTo(3);

      clock.reset();
      assertThat(offer(ingest, pack, 4).status()).as("the same bytes, once the clock is right").isEqualTo(Status.ACCEPTED);

      clock.step(Duration.ofDays(1)); // ahead: honest updates are still in its past
      assertThat(offer(ingest, pack, 5).status()).isEqualTo(Status.ACCEPTED);

      clock.step(Duration.ofDays(29)); // past the CRL's next update: revocations since would go unseen
      assertThatThrownBy(() -> offer(ingest, pack, 6)).isInstanceOf(TrustUnavailableException.class)
          .hasMessageContaining("due for renewal");
      assertThat(store.head(pack.id).orElseThrow().headSeq()).as("nothing judged").isEqualTo(5);

      clock.reset();
      assertThat(offer(ingest, pack, 6).status()).isEqualTo(Status.ACCEPTED);
      List<byte[]> held = store.updatesSince(pack.id, -1, 100);
      assertThat(held).hasSize(7);
      for (int seq = 0; seq <= 6; seq++) {
        assertThat(held.get(seq)).isEqualTo(pack.at(seq).encoded());
      }
      assertThat(store.outboxStatus().pending()).isEqualTo(7);
      assertThat(store.quarantineCounts()).containsExactlyEntriesOf(Map.of(QuarantineReason.CLOCK_OUT_OF_TOLERANCE, 1L));
    }
  }

  @Test
  void a_registry_clock_behind_holds_back_the_gateway_s_updates_without_parking_them_and_takes_them_once_it_is_right()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path gatewayStore = dir.resolve("gateway-db");
    List<TestPack> packs = new ArrayList<>();
    try (JdbcGatewayStore gateway = JdbcGatewayStore.open(StoreSettings.h2(gatewayStore), Clock.systemUTC())) {
      Ingest ingest = new Ingest(gateway, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(),
          true);
      for (int p = 0; p < 2; p++) {
        TestPack pack = pki.pack();
        ingest.ingest(pack.upTo(20).stream().map(u -> new Incoming(u.encoded(), "agent")).toList());
        packs.add(pack);
      }
    }
    SteppingClock registryClock = new SteppingClock();
    GatewayConfigLoader loader = new GatewayConfigLoader();
    try (RegistryNode registry = RegistryNode.start(loader.load(site.registryConfig("registry.yaml",
        dir.resolve("registry-db"))), Map.of(), registryClock);
        SiteGateway gateway = SiteGateway.open(loader.load(site.gatewayConfig("gateway.yaml", gatewayStore,
            registry.port(), 10)), Map.of(), Clock.systemUTC())) {
      // the updates were signed hours after the packs' birth 10 days ago: in the registry's future now
      registryClock.step(Duration.ofDays(-11));
      for (int round = 0; round < 3; round++) {
        assertThat(gateway.sender().sendOnce()).isEqualTo(Round.RETRY);
      }
      assertThat(gateway.sender().lastError().orElseThrow()).contains("its clock is behind");
      assertThat(gateway.store().outboxStatus().parked()).as("nothing parked").isZero();
      assertThat(gateway.store().outboxStatus().pending()).isEqualTo(42);
      assertThat(registry.store().updateCount()).isZero();

      registryClock.reset();
      for (int round = 0; round < 20 && gateway.sender().sendOnce() != Round.IDLE; round++) {
        Thread.onSpinWait();
      }
      assertThat(gateway.store().outboxStatus().pending()).isZero();
      assertThat(gateway.store().outboxStatus().parked()).isZero();
      assertThat(registry.store().updateCount()).isEqualTo(42);
      for (TestPack pack : packs) {
        assertThat(registry.store().head(pack.id).orElseThrow().headHash()).isEqualTo(pack.at(20).hash());
      }
    }
  }
}
