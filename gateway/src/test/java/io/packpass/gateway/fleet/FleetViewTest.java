package io.packpass.gateway.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.passport.EventType;
import io.packpass.gateway.fleet.FleetRow.Flag;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.UpdateCertificates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetViewTest {
  @TempDir
  Path dir;

  @Test
  void each_pack_shows_its_soh_trend_flags_and_sync_lag() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Clock clock = Clock.systemUTC();
    try (JdbcGatewayStore store = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("db")), clock)) {
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), clock), clock, true);
      TestPack worn = pki.pack();
      TestPack fresh = pki.pack();
      worn.upTo(48);
      worn.nextEvent(EventType.BMS_FAULT, "BMS_SOH_DISAGREES: BMS 97.00 %, own 91.20 % (+/- 1.50 %), beyond 5.00 %");
      ingest.ingest(worn.upTo(49).stream().map(u -> new Incoming(u.encoded(), "agent")).toList());
      ingest.ingest(fresh.upTo(5).stream().map(u -> new Incoming(u.encoded(), "agent")).toList());
      store.delivered(store.nextBatch(50, 1 << 20).stream().map(i -> i.id()).toList());

      List<FleetRow> rows = new FleetView(store, Optional.of(store), clock).rows();
      FleetRow w = rows.stream().filter(r -> r.passport().equals(worn.id)).findFirst().orElseThrow();
      assertThat(w.headSeq()).isEqualTo(49);
      assertThat(w.sohCpct()).contains(9_800L - 48);
      // 1/100 % per hour over 47 hours, scaled to 30 days: -720 (-7.20 %)
      assertThat(w.trendCpctPer30Days()).contains(-720L);
      assertThat(w.flags()).containsExactlyInAnyOrder(Flag.BMS_DISAGREEMENT, Flag.OVER_TEMPERATURE);
      assertThat(w.syncPending()).isZero();
      FleetRow f = rows.stream().filter(r -> r.passport().equals(fresh.id)).findFirst().orElseThrow();
      assertThat(f.flags()).isEmpty();
      assertThat(f.syncPending()).isEqualTo(6);
      assertThat(f.syncLag()).isPresent();

      String table = FleetFormat.table(rows, Instant.now());
      assertThat(table).contains(worn.id.elementString()).contains("97.52 %").contains("-7.20 %")
          .contains("bms-disagreement,over-temperature").contains("6 pending");
      Map<String, Object> json = FleetFormat.json(rows, Instant.now()).stream()
          .filter(m -> m.get("passport").equals(fresh.id.elementString())).findFirst().orElseThrow();
      assertThat(json).containsEntry("sohCpct", 9_795L).containsEntry("headSeq", 5L);
    }
  }
}
