package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway and the registry as separate processes on loopback, the way they run on a site: the
 * gateway is killed with SIGKILL again and again while it syncs, the registry is killed and kept
 * away for a while; in the end the registry holds every update exactly once.
 */
class GatewayCrashTest {
  static final int PACKS = 3;
  static final int UPDATES_PER_PACK = 120;
  static final int TOTAL = PACKS * (UPDATES_PER_PACK + 1);

  @TempDir
  Path dir;

  private List<TestPack> fill(TestPki pki, Path store) {
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
  }

  @Test
  void a_gateway_killed_again_and_again_while_syncing_leaves_the_registry_with_every_update_exactly_once()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path gatewayStore = dir.resolve("gateway-db");
    List<TestPack> packs = fill(pki, gatewayStore);
    Path log = dir.resolve("children.log");
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
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path gatewayStore = dir.resolve("gateway-db");
    Path registryStore = dir.resolve("registry-db");
    List<TestPack> packs = fill(pki, gatewayStore);
    Path log = dir.resolve("children.log");

    Path registryConfig = site.registryConfig("registry.yaml", registryStore);
    ChildProcess registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString());
    String listening = registry.await("registry listening on", 60);
    int port = Integer.parseInt(listening.replaceAll(".*:(\\d+)/api/v1/sync$", "$1"));
    Path gatewayConfig = site.gatewayConfig("gateway.yaml", gatewayStore, port, 25);
    try (ChildProcess gateway = ChildProcess.gateway(log, "run", "--drain", "--config", gatewayConfig.toString())) {
      gateway.await("gateway running", 60);
      Thread.sleep(300);
      registry.kill(); // away, mid-sync
      Thread.sleep(2_000);
      try (JdbcGatewayStore held = JdbcGatewayStore.open(StoreSettings.h2(registryStore), Clock.systemUTC())) {
        assertThat(held.updateCount()).as("what got through before the registry went away").isLessThan(TOTAL);
      }
      Files.writeString(registryConfig, Files.readString(registryConfig).replace("port: 0", "port: " + port));
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

  @Test
  void a_registry_killed_again_and_again_while_a_gateway_syncs_ends_with_every_update_exactly_once() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path gatewayStore = dir.resolve("gateway-db");
    Path registryStore = dir.resolve("registry-db");
    List<TestPack> packs = fill(pki, gatewayStore);
    Path log = dir.resolve("children.log");
    Random random = new Random(20_261_204);
    int kills = Integer.getInteger("packpass.crash.kills", 6);

    Path registryConfig = site.registryConfig("registry.yaml", registryStore);
    ChildProcess registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString());
    String listening = registry.await("registry listening on", 60);
    int port = Integer.parseInt(listening.replaceAll(".*:(\\d+)/api/v1/sync$", "$1"));
    Files.writeString(registryConfig, Files.readString(registryConfig).replace("port: 0", "port: " + port));
    // one update per request, so the drain lasts long enough for the kills to land in it
    Path gatewayConfig = site.gatewayConfig("gateway.yaml", gatewayStore, port, 1);
    int landed = 0;
    try (ChildProcess gateway = ChildProcess.gateway(log, "run", "--drain", "--config", gatewayConfig.toString())) {
      gateway.await("gateway running", 60);
      for (int k = 0; k < kills && gateway.alive(); k++) {
        Thread.sleep(100 + random.nextInt(400)); // SIGKILL mid-request, mid-commit or between: wherever it lands
        registry.kill();
        landed++;
        Thread.sleep(random.nextInt(300));
        registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString());
        registry.await("registry listening on", 60);
      }
      String stopped = gateway.await("gateway stopped", 120);
      assertThat(stopped).contains("0 pending");
    } finally {
      registry.close();
    }
    System.out.printf("registry SIGKILLed %d times while the gateway drained %d updates%n", landed, TOTAL);
    assertThat(landed).as("kills while the gateway was syncing").isGreaterThanOrEqualTo(Math.min(kills, 3));
    try (JdbcGatewayStore held = JdbcGatewayStore.open(StoreSettings.h2(registryStore), Clock.systemUTC())) {
      assertHeldExactlyOnce(held, packs);
    }
    assertThat(pending(gatewayStore)).as("the outbox drained").isZero();
  }
}
