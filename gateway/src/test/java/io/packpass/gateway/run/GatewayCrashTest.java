package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.store.PassportHead;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.testing.EmbeddedPostgresServer;
import io.packpass.gateway.testing.Site;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.UpdateCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway and the registry as separate processes on loopback, the way they run on a site: the
 * gateway is killed with SIGKILL again and again while it syncs, the registry is killed and kept
 * away for a while, or killed again and again at random points of the sync; in the end the registry
 * holds every update exactly once.
 */
class GatewayCrashTest {
  /** Registry kills per run; raise with -Dpackpass.crash.kills=N for a longer soak. */
  static final int REGISTRY_KILLS = Integer.getInteger("packpass.crash.kills", 6);
  static final int PACKS = 3;
  static final int UPDATES_PER_PACK = 120;
  static final int TOTAL = PACKS * (UPDATES_PER_PACK + 1);

  @TempDir
  Path dir;
  private TestPki pki;
  private Site site;
  private Path gatewayStore;
  private List<TestPack> packs;
  private Path log;

  /** A site whose gateway holds {@link #PACKS} packs' updates in its outbox, none synced yet. */
  @BeforeEach
  void fillTheOutbox() {
    pki = new TestPki(dir.resolve("pki"));
    site = new Site(dir.resolve("site"), pki);
    gatewayStore = dir.resolve("gateway-db");
    packs = fill(pki, gatewayStore);
    log = dir.resolve("children.log");
  }

  private static List<TestPack> fill(TestPki pki, Path store) {
    List<TestPack> packs = new ArrayList<>();
    try (JdbcGatewayStore gateway = JdbcGatewayStore.open(StoreSettings.h2(store), Clock.systemUTC())) {
      Ingest ingest = new Ingest(gateway, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(), true);
      for (int p = 0; p < PACKS; p++) {
        TestPack pack = pki.pack();
        packs.add(pack);
        ingest.ingest(pack.upTo(UPDATES_PER_PACK).stream().map(u -> new Incoming(u.encoded(), "agent")).toList());
      }
      assertThat(gateway.outboxStatus().pending()).isEqualTo(TOTAL);
    }
    return packs;
  }

  /** Waits for the registry child to listen, and has the next start listen on the same port; returns it. */
  private static int pinPort(ChildProcess registry, Path config) throws Exception {
    String listening = registry.await("registry listening on", 60);
    int port = Integer.parseInt(listening.replaceAll(".*:(\\d+)/api/v1/sync$", "$1"));
    Files.writeString(config, Files.readString(config).replace("port: 0", "port: " + port));
    return port;
  }

  private static long pending(Path store) {
    try (JdbcGatewayStore gateway = JdbcGatewayStore.open(StoreSettings.h2(store), Clock.systemUTC())) {
      return gateway.outboxStatus().pending();
    }
  }

  private static void assertHeldExactlyOnce(JdbcGatewayStore registry, List<TestPack> packs) {
    assertThat(registry.updateCount()).isEqualTo(TOTAL);
    for (TestPack pack : packs) {
      List<byte[]> held = registry.updatesSince(pack.id, -1, 1_000);
      assertThat(held).hasSize(UPDATES_PER_PACK + 1);
      for (int seq = 0; seq <= UPDATES_PER_PACK; seq++) {
        assertThat(held.get(seq)).isEqualTo(pack.at(seq).encoded());
      }
    }
    assertThat(registry.quarantineCounts()).isEmpty();
    for (TestPack pack : packs) {
      PassportHead head = registry.head(pack.id).orElseThrow();
      assertThat(head.headSeq()).as("the head row names the last update").isEqualTo(UPDATES_PER_PACK);
      assertThat(head.headHash()).isEqualTo(pack.at(UPDATES_PER_PACK).hash());
    }
  }

  @Test
  void a_gateway_killed_again_and_again_while_syncing_leaves_the_registry_with_every_update_exactly_once()
      throws Exception {
    Random random = new Random(20_261_203);

    try (RegistryNode registry = RegistryNode.start(new GatewayConfigLoader().load(
        site.registryConfig("registry.yaml", dir.resolve("registry-db"))), Map.of(), Clock.systemUTC())) {
      Path config = site.gatewayConfig("gateway.yaml", gatewayStore, registry.port(), 7);
      int kills = 0;
      while (kills < 10 && registry.store().updateCount() < TOTAL) {
        ChildProcess gateway = ChildProcess.gateway(log, "run", "--config", config.toString());
        gateway.await("gateway running", 60);
        Thread.sleep(50 + random.nextInt(400));
        gateway.kill();
        kills++;
      }
      assertThat(kills).as("kills before everything was through").isGreaterThanOrEqualTo(3);
      try (ChildProcess gateway = ChildProcess.gateway(log, "run", "--config", config.toString())) {
        gateway.await("gateway running", 60);
        long end = System.nanoTime() + 60_000_000_000L;
        while (registry.store().updateCount() < TOTAL && System.nanoTime() < end) {
          Thread.sleep(100);
        }
      }
      assertHeldExactlyOnce(registry.store(), packs);
    }
    assertThat(pending(gatewayStore)).as("the outbox drained").isZero();
  }

  @Test
  void with_the_registry_away_for_a_while_everything_arrives_once_it_is_back() throws Exception {
    Path registryStore = dir.resolve("registry-db");
    Path registryConfig = site.registryConfig("registry.yaml", registryStore);
    ChildProcess registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString());
    int port = pinPort(registry, registryConfig);
    Path gatewayConfig = site.gatewayConfig("gateway.yaml", gatewayStore, port, 25);
    try (ChildProcess gateway = ChildProcess.gateway(log, "run", "--drain", "--config", gatewayConfig.toString())) {
      gateway.await("gateway running", 60);
      Thread.sleep(300);
      registry.kill(); // away, mid-sync
      Thread.sleep(2_000);
      try (JdbcGatewayStore held = JdbcGatewayStore.open(StoreSettings.h2(registryStore), Clock.systemUTC())) {
        assertThat(held.updateCount()).as("what got through before the registry went away").isLessThan(TOTAL);
      }
      registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString());
      registry.await("registry listening on", 60);
      String stopped = gateway.await("gateway stopped", 90);
      assertThat(stopped).contains("0 pending");
    } finally {
      registry.close();
    }
    try (JdbcGatewayStore held = JdbcGatewayStore.open(StoreSettings.h2(registryStore), Clock.systemUTC())) {
      assertHeldExactlyOnce(held, packs);
    }
  }

  /**
   * The registry on PostgreSQL (which, as on a real site, outlives the registry process) is killed at
   * a random point 0-300 ms after it stored its first batch since it started, {@link #REGISTRY_KILLS}
   * times, while a gateway drains its outbox to it in batches of 4; it comes back on the same port.
   */
  @Test
  void a_registry_killed_again_and_again_while_a_gateway_syncs_ends_with_every_update_once_and_the_outbox_drained()
      throws Exception {
    Random random = new Random(20_261_204);
    StoreSettings postgres = EmbeddedPostgresServer.newDatabase();
    Path registryConfig = site.registryConfig("registry.yaml", postgres);

    ChildProcess registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString());
    int port = pinPort(registry, registryConfig);
    Path gatewayConfig = site.gatewayConfig("gateway.yaml", gatewayStore, port, 4);
    int killedMidSync = 0;
    try (ChildProcess gateway = ChildProcess.gateway(log, "run", "--drain", "--config", gatewayConfig.toString());
        JdbcGatewayStore held = JdbcGatewayStore.open(postgres, Clock.systemUTC())) {
      gateway.await("gateway running", 60);
      long before = 0;
      for (int kill = 0; kill < REGISTRY_KILLS && before < TOTAL; kill++) {
        // a cold registry JVM takes a while over its first batch: wait for it to store something, then kill
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (held.updateCount() == before && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        Thread.sleep(random.nextInt(300));
        registry.kill();
        before = held.updateCount();
        System.out.printf("registry kill %d: %d of %d updates held%n", kill + 1, before, TOTAL);
        if (before < TOTAL) {
          killedMidSync++;
        }
        registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString());
        registry.await("registry listening on", 60);
      }
      String stopped = gateway.await("gateway stopped", 90);
      assertThat(stopped).contains("0 pending");
      assertThat(killedMidSync).as("kills that landed with the sync part way").isGreaterThanOrEqualTo(
          Math.min(3, REGISTRY_KILLS));
      assertHeldExactlyOnce(held, packs);
    } finally {
      registry.close();
    }
    assertThat(pending(gatewayStore)).as("the outbox drained").isZero();
  }
}
