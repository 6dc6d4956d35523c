package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.packpass.gateway.collect.AgentCollector;
import io.packpass.gateway.collect.AgentLink;
import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.http.RegistryHttpServer;
import io.packpass.gateway.store.StoreException;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.sync.Backoff;
import io.packpass.gateway.sync.SyncSender.Round;
import io.packpass.gateway.testing.Site;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.testing.Tmpfs;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.IngestResult;
import io.packpass.gateway.verify.UpdateCertificates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The gateway's and the registry's H2 store on a disk that runs full for real: a small tmpfs filled
 * to the last byte, so the kernel answers H2's writes with ENOSPC. Ingest fails with a
 * {@link StoreException} naming the cause, nothing acknowledged is lost (to an agent: nothing is
 * acknowledged that is not stored), the sync intake answers 503 and the gateway keeps its outbox; once space is back both go on in the same process, and the store
 * opens again after a restart with every acknowledged update in its chain.
 */
@Tag("interop")
class DiskFullTest {
  static final int UPDATES_PER_PACK = 20;

  @TempDir
  Path dir;
  private Tmpfs disk;
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void mount() {
    disk = Tmpfs.mount(dir.resolve("small-disk"), "6m");
  }

  @AfterEach
  void unmount() {
    disk.close();
  }

  private static List<Incoming> batch(TestPack pack) {
    return pack.upTo(UPDATES_PER_PACK).stream().map(u -> new Incoming(u.encoded(), "agent")).toList();
  }

  private static void assertChains(JdbcGatewayStore store, List<TestPack> packs) {
    for (TestPack pack : packs) {
      List<byte[]> held = store.updatesSince(pack.id, -1, 1_000);
      assertThat(held).as("%s", pack.id).hasSize(UPDATES_PER_PACK + 1);
      for (int seq = 0; seq <= UPDATES_PER_PACK; seq++) {
        assertThat(held.get(seq)).isEqualTo(pack.at(seq).encoded());
      }
      assertThat(store.head(pack.id).orElseThrow().headHash()).isEqualTo(pack.at(UPDATES_PER_PACK).hash());
    }
  }

  @Test
  void ingest_on_a_full_disk_fails_naming_the_cause_keeps_what_it_acknowledged_and_resumes_when_space_returns() {
    TestPki pki = new TestPki(dir.resolve("pki"));
    StoreSettings settings = StoreSettings.h2(disk.dir.resolve("gateway-db"));
    List<TestPack> acknowledged = new ArrayList<>();
    try (JdbcGatewayStore store = JdbcGatewayStore.open(settings, clock)) {
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), clock), clock, true);
      TestPack first = pki.pack();
      assertThat(ingest.ingest(batch(first))).allMatch(IngestResult::isHeld);
      acknowledged.add(first);
      disk.fill();

      TestPack refused = pki.pack();
      StoreException full = null;
      for (int attempt = 0; attempt < 50 && full == null; attempt++) {
        TestPack pack = attempt == 0 ? refused : pki.pack();
        try {
          assertThat(ingest.ingest(batch(pack))).allMatch(IngestResult::isHeld);
          acknowledged.add(pack); // H2 found room in its file: held, so it must survive
        } catch (StoreException e) {
          full = e;
          refused = pack;
        }
      }
      assertThat(full).as("a full disk stops ingest").isNotNull();
      assertThat(full).hasMessageContaining("No space left on device");
      System.out.println("disk full: " + full.getMessage() + " (after " + acknowledged.size() + " batches held)");
      TestPack stillFull = refused;
      assertThatThrownBy(() -> ingest.ingest(batch(stillFull))).as("still full").isInstanceOf(StoreException.class);

      disk.release();
      assertThat(ingest.ingest(batch(refused))).as("space is back: the same process goes on")
          .allMatch(r -> r.status() == IngestResult.Status.ACCEPTED);
      acknowledged.add(refused);
      assertChains(store, acknowledged);
    }
    try (JdbcGatewayStore reopened = JdbcGatewayStore.open(settings, clock)) {
      assertChains(reopened, acknowledged);
      assertThat(reopened.outboxStatus().pending()).isEqualTo(acknowledged.size() * (UPDATES_PER_PACK + 1L));
      assertThat(reopened.quarantineCounts()).isEmpty();
    }
  }

  @Test
  void a_registry_on_a_full_disk_answers_503_the_gateway_keeps_its_outbox_and_everything_arrives_once_space_returns()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path registryStore = disk.dir.resolve("registry-db");
    Path gatewayStore = dir.resolve("gateway-db");
    List<TestPack> packs = new ArrayList<>();
    try (JdbcGatewayStore gateway = JdbcGatewayStore.open(StoreSettings.h2(gatewayStore), clock)) {
      Ingest ingest = new Ingest(gateway, new UpdateCertificates(pki.trust(), clock), clock, true);
      for (int p = 0; p < 4; p++) {
        TestPack pack = pki.pack();
        ingest.ingest(batch(pack));
        packs.add(pack);
      }
    }
    long total = packs.size() * (UPDATES_PER_PACK + 1L);
    GatewayConfigLoader loader = new GatewayConfigLoader();
    try (RegistryNode registry = RegistryNode.start(loader.load(site.registryConfig("registry.yaml", registryStore)),
        Map.of(), clock)) {
      Path gatewayConfig = site.gatewayConfig("gateway.yaml", gatewayStore, registry.port(), 10);
      ListAppender<ILoggingEvent> registryLog = new ListAppender<>();
      registryLog.start();
      Logger logger = (Logger) LoggerFactory.getLogger(RegistryHttpServer.class);
      logger.addAppender(registryLog);
      logger.setLevel(Level.INFO); // logback-test.xml keeps io.packpass at WARN
      try (SiteGateway gateway = SiteGateway.open(loader.load(gatewayConfig), Map.of(), clock)) {
        disk.fill();
        int refused = 0;
        for (int round = 0; round < 20 && registry.store().updateCount() < total; round++) {
          Round r = gateway.sender().sendOnce();
          if (r == Round.RETRY) {
            refused++;
            assertThat(gateway.sender().lastError().orElseThrow()).contains("503");
          }
        }
        assertThat(refused).as("batches the full registry refused").isGreaterThan(0);
        assertThat(registry.store().updateCount()).as("the disk filled before the sync was through").isLessThan(total);
        assertThat(gateway.store().outboxStatus().parked()).as("nothing parked").isZero();
        assertThat(registryLog.list).as("one line for the episode, not one per refused batch")
            .filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
            .satisfies(e -> assertThat(e.getFormattedMessage()).contains("no space left"));
        System.out.println("registry disk full: " + refused + " batches refused, " + registry.store().updateCount()
            + " of " + total + " held; gateway: " + gateway.sender().lastError().orElseThrow());

        disk.release();
        for (int round = 0; round < 50 && gateway.sender().sendOnce() != Round.IDLE; round++) {
          Thread.sleep(20);
        }
        assertThat(gateway.store().outboxStatus().pending()).as("the outbox drained").isZero();
        assertThat(gateway.store().outboxStatus().parked()).isZero();
        assertThat(registryLog.list).filteredOn(e -> e.getLevel() == Level.INFO)
            .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("storing again"));
      } finally {
        logger.detachAppender(registryLog);
        logger.setLevel(null);
      }
      assertChains(registry.store(), packs);
      assertThat(registry.store().updateCount()).isEqualTo(total);
    }
    try (JdbcGatewayStore reopened = JdbcGatewayStore.open(StoreSettings.h2(registryStore), clock)) {
      assertChains(reopened, packs);
      assertThat(reopened.quarantineCounts()).isEmpty();
    }
  }

  @Test
  void a_collector_on_a_full_disk_acknowledges_to_the_agent_only_what_is_stored_and_catches_up_when_space_returns()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPack pack = pki.pack();
    pack.at(150);
    PackLink agent = new PackLink(pack, 150);
    try (JdbcGatewayStore store = JdbcGatewayStore.open(StoreSettings.h2(disk.dir.resolve("gateway-db")), clock)) {
      Ingest ingest = new Ingest(store, new UpdateCertificates(pki.trust(), clock), clock, true);
      AgentCollector collector = new AgentCollector(agent, ingest, store, store,
          new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), new Random(1)), clock, AgentCollector.Settings.DEFAULT);
      assertThat(collector.collectOnce()).isEqualTo(AgentCollector.Round.MORE);
      disk.fill();
      StoreException full = null;
      for (int round = 0; round < 10 && full == null; round++) {
        try {
          collector.collectOnce();
        } catch (StoreException e) {
          full = e;
        }
        assertThat(agent.acknowledged).as("acknowledged only what the store holds")
            .isLessThanOrEqualTo(store.head(pack.id).orElseThrow().headSeq());
      }
      assertThat(full).as("the full disk reached the collector").isNotNull();
      assertThat(full).hasMessageContaining("no space left");
      long heldWhenFull = store.head(pack.id).orElseThrow().headSeq();
      assertThat(heldWhenFull).isLessThan(150);

      disk.release();
      AgentCollector.Round round = AgentCollector.Round.MORE;
      for (int i = 0; i < 20 && round == AgentCollector.Round.MORE; i++) {
        round = collector.collectOnce();
      }
      assertThat(round).isEqualTo(AgentCollector.Round.CAUGHT_UP);
      assertThat(agent.acknowledged).isEqualTo(150);
      List<byte[]> held = store.updatesSince(pack.id, -1, 1_000);
      assertThat(held).hasSize(151);
      for (int seq = 0; seq <= 150; seq++) {
        assertThat(held.get(seq)).isEqualTo(pack.at(seq).encoded());
      }
    }
  }

  /** An agent serving one pack's log up to {@code newest}, remembering what the gateway acknowledged. */
  private static final class PackLink implements AgentLink {
    private final TestPack pack;
    private final int newest;
    long acknowledged = -1;

    PackLink(TestPack pack, int newest) {
      this.pack = pack;
      this.newest = newest;
    }

    @Override
    public String address() {
      return "coaps://192.0.2.7:5684";
    }

    @Override
    public void discover() {
    }

    @Override
    public List<byte[]> updatesSince(long since, int max) {
      List<byte[]> page = new ArrayList<>();
      for (long seq = since + 1; seq <= newest && page.size() < max; seq++) {
        page.add(pack.at((int) seq).encoded());
      }
      return page;
    }

    @Override
    public void acknowledge(long seq) {
      acknowledged = seq;
    }

    @Override
    public void observe(LongConsumer newestSeq) {
    }

    @Override
    public boolean observing() {
      return true;
    }

    @Override
    public void close() {
    }
  }
}
