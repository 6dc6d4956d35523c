package io.packpass.bench;

import io.packpass.core.passport.Role;
import io.packpass.gateway.http.HttpsSyncTransport;
import io.packpass.gateway.http.RegistryHttpServer;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.sync.Backoff;
import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.sync.SyncSender;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.UpdateCertificates;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Load tool for the sync drain (issue 7): a gateway's outbox of N queued updates (default 100,000)
 * delivered to a registry on loopback over HTTPS with mutual TLS (the gateway's fleet role
 * certificate, the registry's server certificate), the registry verifying and storing every update
 * in its own H2 store. Prints the time from the first request to the empty outbox. The outbox is
 * filled through the gateway's own ingest first (timed apart).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.packpass.bench.SyncDrainBench [updates] [batch]}
 */
public final class SyncDrainBench {
  private SyncDrainBench() {
  }

  public static void main(String[] args) throws Exception {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int packs = Math.max(1, updates / 500);
    Path dir = Files.createTempDirectory("sync-bench");
    System.out.printf("updates %d (%d packs), batch %d, cores %d, %s%n", updates, packs, batch,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
    GatewayBenchFleet fleet = new GatewayBenchFleet(dir.resolve("pki"), packs, updates / packs - 1);
    Clock clock = Clock.systemUTC();

    try (JdbcGatewayStore gateway = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("gateway")), clock);
        JdbcGatewayStore registry = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("registry")), clock)) {
      Ingest collect = new Ingest(gateway, new UpdateCertificates(fleet.trust, clock), clock, true);
      List<byte[]> all = fleet.interleaved(0, 1);
      long fill = System.nanoTime();
      for (int i = 0; i < all.size(); i += 500) {
        List<Incoming> items = new ArrayList<>();
        for (byte[] u : all.subList(i, Math.min(all.size(), i + 500))) {
          items.add(new Incoming(u, "bench"));
        }
        collect.ingest(items);
      }
      System.out.printf(Locale.ROOT, "outbox filled: %d pending in %.1f s (gateway ingest)%n",
          gateway.outboxStatus().pending(), (System.nanoTime() - fill) / 1e9);

      char[] pass = GatewayBenchFleet.PASSPHRASE;
      Path serverStore = dir.resolve("registry-tls.p12");
      X509Certificate siteCa = serverCredential(serverStore, pass);
      // the fleet's CA clock stands a year back (the packs' history); the credential must be valid now
      RoleCredential fleetRole = fleet.ca.issueRole(Role.FLEET, "Bench Gateway", Period.ofYears(3), KeyAlgorithm.ED25519);
      Path client = Files.write(dir.resolve("fleet.p12"), fleetRole.pkcs12("fleet", pass));
      Ingest intake = new Ingest(registry, new UpdateCertificates(fleet.trust, clock), clock, false);
      try (RegistryHttpServer server = RegistryHttpServer.start("127.0.0.1", 0,
          TlsContexts.server(TlsContexts.keyStore(serverStore, pass), pass, fleet.trust, clock),
          TlsContexts.recheck(() -> fleet.trust, clock)::apply, new SyncIntake(intake, SyncIntake.Limits.DEFAULT))) {
        SyncSender sender = new SyncSender(gateway, new HttpsSyncTransport(URI.create("https://127.0.0.1:" + server.port()),
            TlsContexts.client(TlsContexts.keyStore(client, pass), pass, Optional.of(List.of(siteCa))),
            Duration.ofSeconds(60)), new SyncSender.Settings(batch, 8L * 1024 * 1024, Duration.ofMillis(10)),
            new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), new Random(1)), clock);
        long start = System.nanoTime();
        int requests = 0;
        for (SyncSender.Round round; (round = sender.sendOnce()) != SyncSender.Round.IDLE; ) {
          requests++;
          if (round != SyncSender.Round.DELIVERED && sender.failures() > 5) {
            throw new IllegalStateException("sync keeps failing: " + sender.lastError().orElse(round.toString()));
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (registry.updateCount() != updates || gateway.outboxStatus().total() != 0) {
          throw new IllegalStateException("registry holds " + registry.updateCount() + " of " + updates + ", outbox "
              + gateway.outboxStatus());
        }
        System.out.printf(Locale.ROOT, "drained %d updates in %d requests: %.1f s, %.0f updates/s%n", updates, requests,
            seconds, updates / seconds);
      }
    }
  }

  /** The registry's TLS identity: a site CA and a server certificate for 127.0.0.1; returns the CA. */
  static X509Certificate serverCredential(Path file, char[] pass) throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair caKeys = ec.generateKeyPair();
    KeyPair keys = ec.generateKeyPair();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=Bench Site CA");
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    X509Certificate ca = converter.getCertificate(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(7))), caName, caKeys.getPublic())
        .addExtension(Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(0))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    X509Certificate server = converter.getCertificate(new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(7))), new X500Name("CN=registry"),
        keys.getPublic())
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("registry", keys.getPrivate(), pass, new Certificate[] {server, ca});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, pass);
    Files.write(file, out.toByteArray());
    return ca;
  }
}
