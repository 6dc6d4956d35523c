package io.packpass.bench;

import io.packpass.core.id.Gtin;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import io.packpass.core.passport.Passport;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.gateway.actor.ActorVerifier;
import io.packpass.gateway.http.RegistryHttpServer;
import io.packpass.gateway.http.RegistryRoutes;
import io.packpass.gateway.registry.RegistryLog;
import io.packpass.gateway.registry.RegistryService;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.token.BearerTokens;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.UpdateCertificates;
import io.packpass.gateway.web.Pages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Load tool for the registry's resolver (issue 8): N passports (default 1,000,000) loaded into an
 * embedded PostgreSQL with COPY, the registry's real HTTPS server on loopback, and concurrent
 * anonymous {@code GET /01/<gtin>/21/<serial>} for random passports (seeded), as HTML and as JSON.
 * Baselines in the same run, same clients, same requests count: a trivial handler on the same
 * server (the stylesheet: TLS, Jetty, Javalin, authentication and rate limiting, no store), and the
 * bare SQL lookup of the same rows over JDBC with the same concurrency. Prints p50/p99/p99.9 per case.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.packpass.bench.ResolverBench [passports] [requests] [clients]}
 */
public final class ResolverBench {
  private static final Gtin GTIN = Gtin.parse("09521234000013");

  private ResolverBench() {
  }

  public static void main(String[] args) throws Exception {
    int passports = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    System.out.printf("passports %d, requests %d per case, clients %d, cores %d, %s%n", passports, requests, clients,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
    Path dir = Files.createTempDirectory("resolver-bench");
    Clock clock = Clock.systemUTC();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      StoreSettings settings = new StoreSettings(url, "postgres", "postgres", 2 * clients);
      try (JdbcGatewayStore store = JdbcGatewayStore.open(settings, clock)) {
        load(url, passports);
        GatewayBenchFleet fleet = new GatewayBenchFleet(dir.resolve("pki"), 1, 0);
        char[] pass = GatewayBenchFleet.PASSPHRASE;
        Path serverStore = dir.resolve("registry-tls.p12");
        X509Certificate siteCa = SyncDrainBench.serverCredential(serverStore, pass);
        UpdateCertificates certificates = new UpdateCertificates(fleet.trust, clock);
        Ingest ingest = new Ingest(store, certificates, clock, false);
        ActorVerifier actors = new ActorVerifier(fleet.trust);
        String base = "https://id.packpass.example";
        RegistryRoutes routes = new RegistryRoutes(new RegistryService(store, new RegistryLog(store, actors,
            certificates, Optional.of(ingest), clock, RegistryLog.DEFAULT_CLOCK_TOLERANCE), ingest, base),
            new BearerTokens(actors, base, clock), 1_000_000_000, 1_000_000_000, new Pages(), clock,
            "{}".getBytes(StandardCharsets.UTF_8));
        try (RegistryHttpServer server = RegistryHttpServer.start("127.0.0.1", 0,
            TlsContexts.server(TlsContexts.keyStore(serverStore, pass), pass, fleet.trust, clock),
            TlsContexts.recheck(() -> fleet.trust, clock)::apply, new SyncIntake(ingest, SyncIntake.Limits.DEFAULT),
            routes)) {
          String origin = "https://127.0.0.1:" + server.port();
          SSLContext tls = clientTls(siteCa);
          IntFunction<String> page = n -> origin + "/01/" + GTIN.digits() + "/21/R" + n;
          // warm-up: JIT, connection pools, PostgreSQL's buffer cache for part of the table
          http(tls, clients, requests / 2, passports, page, "text/html", 11);
          for (int round = 1; round <= 3; round++) {
            System.out.printf("round %d%n", round);
            report("baseline: trivial handler (same server)", http(tls, clients, requests, passports,
                n -> origin + "/assets/registry.css", "text/css", round));
            report("baseline: bare SQL lookup (JDBC)", sql(url, clients, requests, passports, round));
            report("resolver GET, HTML page", http(tls, clients, requests, passports, page, "text/html", round));
            report("resolver GET, JSON", http(tls, clients, requests, passports, page, "application/json", round));
          }
        }
      }
    }
  }

  /** COPY of generated passports: a birth record folded with one reading, each with its own id. */
  private static void load(String url, int passports) throws Exception {
    long start = System.nanoTime();
    Instant born = Instant.parse("2026-03-02T08:00:00Z");
    byte[] hash = new byte[32];
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY passports (id, head_seq, head_hash, "
          + "head_time_s, birth_time_s, passport, updated_ms) FROM STDIN");
      StringBuilder rows = new StringBuilder(4 << 20);
      HexFormat hex = HexFormat.of();
      for (int n = 0; n < passports; n++) {
        PassportId id = new PassportId(GTIN, new Serial("R" + n));
        Passport birth = Passport.born(id, SamplePassports.evModel(), SamplePassports.evItem(), born,
            SamplePassports.evModel().manufacturer().name());
        Instant t = born.plusSeconds(3_600L * (1 + n % 1000));
        Passport p = UpdateBody.apply(Optional.of(birth), new UpdatePayload(id, 1, hash, t, UpdateKind.READING,
            UpdateBody.reading(SamplePassports.evReading(t, 9_000 + n % 1000, n % 700)), Optional.empty()));
        rows.append(id.elementString()).append("\t1\t\\\\x").append(hex.formatHex(hash)).append('\t')
            .append(t.getEpochSecond()).append('\t').append(born.getEpochSecond()).append("\t\\\\x")
            .append(hex.formatHex(p.encode())).append('\t').append(System.currentTimeMillis()).append('\n');
        if (rows.length() > (4 << 20) - 8192) {
          byte[] b = rows.toString().getBytes(StandardCharsets.UTF_8);
          copy.writeToCopy(b, 0, b.length);
          rows.setLength(0);
        }
      }
      byte[] b = rows.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(b, 0, b.length);
      copy.endCopy();
      c.createStatement().execute("ANALYZE passports");
    }
    System.out.printf(Locale.ROOT, "loaded %d passports in %.1f s (COPY)%n", passports, (System.nanoTime() - start) / 1e9);
  }

  private static SSLContext clientTls(X509Certificate ca) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(anchors);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }

  /** Latencies in nanoseconds of {@code requests} GETs shared by {@code clients} threads, each its own connection. */
  private static long[] http(SSLContext tls, int clients, int requests, int passports, IntFunction<String> url,
      String accept, long seed) throws Exception {
    return concurrently(clients, requests, passports, seed, () -> {
      HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
      return n -> {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url.apply(n))).header("Accept", accept)
            .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          throw new IllegalStateException(url.apply(n) + ": " + r.statusCode());
        }
      };
    });
  }

  private static long[] sql(String url, int clients, int requests, int passports, long seed) throws Exception {
    return concurrently(clients, requests, passports, seed, () -> {
      Connection c = DriverManager.getConnection(url, "postgres", "postgres");
      PreparedStatement s = c.prepareStatement("SELECT passport, head_seq, head_hash, head_time_s, log_seq, log_hash, "
          + "record_state, record_since_s FROM passports WHERE id = ?");
      return n -> {
        s.setString(1, new PassportId(GTIN, new Serial("R" + n)).elementString());
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new IllegalStateException("no row R" + n);
          }
          r.getBytes(1);
        }
      };
    });
  }

  private interface Call {
    void run(int n) throws Exception;
  }

  private interface CallFactory {
    Call open() throws Exception;
  }

  private static long[] concurrently(int clients, int requests, int passports, long seed, CallFactory factory)
      throws Exception {
    long[] latencies = new long[requests];
    int each = requests / clients;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      Future<?>[] done = new Future<?>[clients];
      for (int t = 0; t < clients; t++) {
        int thread = t;
        done[t] = pool.submit(() -> {
          Call call = factory.open();
          Random random = new Random(seed * 1000 + thread);
          for (int i = 0; i < each; i++) {
            int n = random.nextInt(passports);
            long start = System.nanoTime();
            call.run(n);
            latencies[thread * each + i] = System.nanoTime() - start;
          }
          return null;
        });
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return Arrays.copyOf(latencies, each * clients);
  }

  private static void report(String what, long[] latencies) {
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "  %-42s n=%d p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.1f ms%n", what,
        sorted.length, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
