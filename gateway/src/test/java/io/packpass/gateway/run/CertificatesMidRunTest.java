package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.packpass.core.pki.ReloadingTrust;
import io.packpass.core.pki.TrustStore;
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
import io.packpass.gateway.verify.UpdateCertificates;
import io.packpass.provisioning.ca.RevocationReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Certificates that stop being good while the gateway and the registry run: a device certificate
 * revoked on a CRL published meanwhile (copied over crl.pem, looked at again every second here), the
 * gateway's own fleet certificate revoked or expiring while it syncs.
 */
class CertificatesMidRunTest {
  /** A little over the test configuration's trust.crlReloadEvery. */
  static final long RELOAD_MS = 1_100;

  @TempDir
  Path dir;
  private final GatewayConfigLoader loader = new GatewayConfigLoader();

  private static IngestResult offer(Ingest ingest, TestPack pack, int seq) {
    return ingest.ingest(new Incoming(pack.at(seq).encoded(), "agent"));
  }

  private static List<Incoming> batch(TestPack pack, int upTo) {
    return pack.upTo(upTo).stream().map(u -> new Incoming(u.encoded(), "agent")).toList();
  }

  @Test
  void a_device_revoked_on_a_crl_published_while_the_gateway_runs_has_its_later_updates_quarantined_and_keeps_the_earlier()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    ListAppender<ILoggingEvent> log = listen(ReloadingTrust.class);
    try (SiteGateway gateway = SiteGateway.open(loader.load(site.gatewayConfig("gateway.yaml", dir.resolve("db"), 1,
        10)), Map.of(), Clock.systemUTC())) {
      TestPack pack = pki.pack();
      for (int seq = 0; seq <= 3; seq++) {
        assertThat(offer(gateway.ingest(), pack, seq).status()).isEqualTo(Status.ACCEPTED);
      }

      pki.ca.revoke(TrustStore.fromDer(pack.device.certificateChain()).get(0).getSerialNumber(),
          RevocationReason.CESSATION_OF_OPERATION);
      site.publishCrl();
      Thread.sleep(RELOAD_MS);
      IngestResult later = offer(gateway.ingest(), pack, 4);
      assertThat(later.reason()).as(later.toString()).contains(QuarantineReason.REVOKED);
      assertThat(later.detail()).contains("revoked");
      assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("loaded CRL", "1 revoked"));

      Files.writeString(site.dir.resolve("crl.pem"), "half a CRL, copied while the gateway read it");
      Thread.sleep(RELOAD_MS);
      assertThat(offer(gateway.ingest(), pack, 5).reason()).as("the CRL in use stays").contains(QuarantineReason.REVOKED);
      assertThat(log.list).anySatisfy(e -> {
        assertThat(e.getLevel()).isEqualTo(Level.WARN);
        assertThat(e.getFormattedMessage()).contains("cannot be used", "still using");
      });

      JdbcGatewayStore store = gateway.store();
      assertThat(store.head(pack.id).orElseThrow().headSeq()).as("the earlier updates stay").isEqualTo(3);
      List<byte[]> held = store.updatesSince(pack.id, -1, 100);
      for (int seq = 0; seq <= 3; seq++) {
        assertThat(held.get(seq)).isEqualTo(pack.at(seq).encoded());
      }
      assertThat(store.outboxStatus().pending()).isEqualTo(4);
    } finally {
      unlisten(ReloadingTrust.class, log);
    }
  }

  @Test
  void a_gateway_whose_fleet_certificate_is_revoked_while_it_syncs_is_refused_saying_so_and_keeps_its_outbox()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path gatewayStore = fill(pki, dir.resolve("gateway-db"));
    try (RegistryNode registry = RegistryNode.start(loader.load(site.registryConfig("registry.yaml",
        dir.resolve("registry-db"))), Map.of(), Clock.systemUTC())) {
      Path config = site.gatewayConfig("gateway.yaml", gatewayStore, registry.port(), 5);
      try (SiteGateway gateway = SiteGateway.open(loader.load(config), Map.of(), Clock.systemUTC())) {
        assertThat(gateway.sender().sendOnce()).isEqualTo(Round.DELIVERED);

        pki.ca.revoke(site.fleet.certificate().getSerialNumber(), RevocationReason.PRIVILEGE_WITHDRAWN);
        site.publishCrl();
        Thread.sleep(RELOAD_MS);
        // the gateway's TLS connection is still open: the registry checks the certificate again per request
        assertRefusedAndKept(gateway, registry, "revoked");
      }
      try (SiteGateway restarted = SiteGateway.open(loader.load(config), Map.of(), Clock.systemUTC())) {
        // a new connection: refused in the handshake (JSSE's TLS 1.3 server alerts certificate_unknown for
        // any certificate its trust manager refuses, so the reason is on the registry's side only)
        assertRefusedAndKept(restarted, registry, "the TLS handshake ended with alert");
      }
    }
  }

  @Test
  void a_gateway_whose_fleet_certificate_expires_while_it_syncs_is_refused_saying_so_and_keeps_its_outbox()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path gatewayStore = fill(pki, dir.resolve("gateway-db"));
    SteppingClock registryClock = new SteppingClock();
    try (RegistryNode registry = RegistryNode.start(loader.load(site.registryConfig("registry.yaml",
        dir.resolve("registry-db"))), Map.of(), registryClock)) {
      Path config = site.gatewayConfig("gateway.yaml", gatewayStore, registry.port(), 5);
      try (SiteGateway gateway = SiteGateway.open(loader.load(config), Map.of(), Clock.systemUTC())) {
        assertThat(gateway.sender().sendOnce()).isEqualTo(Round.DELIVERED);
        // the fleet certificate was issued for a year, 20 days ago
        registryClock.step(Duration.between(registryClock.instant(), site.fleet.certificate().getNotAfter().toInstant())
            .plusDays(1));
        assertRefusedAndKept(gateway, registry, "expired on " + site.fleet.certificate().getNotAfter().toInstant());
      }
      try (SiteGateway restarted = SiteGateway.open(loader.load(config), Map.of(), Clock.systemUTC())) {
        assertRefusedAndKept(restarted, registry, "the TLS handshake ended with alert");
      }
    }
  }

  /** Two packs of 10 readings in the gateway's outbox: 22 updates. */
  private static Path fill(TestPki pki, Path store) {
    try (JdbcGatewayStore gateway = JdbcGatewayStore.open(StoreSettings.h2(store), Clock.systemUTC())) {
      Ingest ingest = new Ingest(gateway, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(),
          true);
      ingest.ingest(batch(pki.pack(), 10));
      ingest.ingest(batch(pki.pack(), 10));
    }
    return store;
  }

  private static void assertRefusedAndKept(SiteGateway gateway, RegistryNode registry, String reason) {
    for (int round = 0; round < 3; round++) {
      assertThat(gateway.sender().sendOnce()).isEqualTo(Round.RETRY);
    }
    String said = gateway.sender().lastError().orElseThrow();
    System.out.println("refused: " + said);
    assertThat(said).contains("refused this gateway's fleet certificate", reason, "renew upstream.credential");
    assertThat(gateway.store().outboxStatus().pending()).as("the outbox is kept").isEqualTo(17);
    assertThat(gateway.store().outboxStatus().parked()).as("nothing parked").isZero();
    assertThat(registry.store().updateCount()).isEqualTo(5);
  }

  private static ListAppender<ILoggingEvent> listen(Class<?> source) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(source);
    logger.addAppender(appender);
    logger.setLevel(Level.INFO); // logback-test.xml keeps io.packpass at WARN
    return appender;
  }

  private static void unlisten(Class<?> source, ListAppender<ILoggingEvent> appender) {
    Logger logger = (Logger) LoggerFactory.getLogger(source);
    logger.detachAppender(appender);
    logger.setLevel(null);
  }
}
