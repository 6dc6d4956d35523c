package io.packpass.bench;

import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.IngestResult;
import io.packpass.gateway.verify.UpdateCertificates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load tool for the gateway's ingest target (issue 7: at least 5,000 updates/s on 2 cores): the full
 * path, {@code Ingest} (parse, certificate checks, core's chain verdict with the Ed25519 signature,
 * store in one transaction per batch), against a raw JDBC batch insert of the same update rows into
 * the same schema in the same run, on the embedded H2 file database and on a real PostgreSQL.
 *
 * <p>Not JMH: each round consumes its updates (a store accepts a chain once), so a round is one timed
 * operation on a fresh database; rounds alternate ingest and raw, median reported. Threads split the
 * packs (as collectors own agents); each sends batches that interleave its packs (as a sync batch does).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.packpass.bench.IngestBench [packs] [readings]
 * [rounds] [batch] [threads]} (defaults 40 250 3 500 2: 10,040 updates a round).
 */
public final class IngestBench {
  /** Worker CPU time shows the cost per update apart from what else the machine is doing. */
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  private IngestBench() {
  }

  public static void main(String[] args) throws Exception {
    int packs = arg(args, 0, 40);
    int readings = arg(args, 1, 250);
    int rounds = arg(args, 2, 3);
    int batch = arg(args, 3, 500);
    int threads = arg(args, 4, 2);
    Path dir = Files.createTempDirectory("ingest-bench");
    System.out.printf("packs %d x %d readings, batch %d, threads %d, rounds %d, cores %d, %s%n", packs, readings, batch,
        threads, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
    GatewayBenchFleet fleet = new GatewayBenchFleet(dir.resolve("pki"), packs, readings);
    System.out.printf("signed %d updates (%d bytes each on average)%n", fleet.total(),
        fleet.chains.stream().flatMap(List::stream).mapToInt(b -> b.length).sum() / fleet.total());

    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      int[] databases = {0};
      List<String[]> rows = new ArrayList<>();
      for (String kind : List.of("h2", "postgresql")) {
        double[] ingest = new double[rounds];
        double[] raw = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ingest[r] = run(fleet, settings(kind, dir, postgres, ++databases[0]), batch, threads, true);
          raw[r] = run(fleet, settings(kind, dir, postgres, ++databases[0]), batch, threads, false);
          System.out.printf(Locale.ROOT, "%s round %d: ingest %.0f updates/s, raw insert %.0f rows/s%n", kind, r + 1,
              ingest[r], raw[r]);
        }
        double mi = median(ingest);
        double mr = median(raw);
        rows.add(new String[] {kind, String.format(Locale.ROOT, "%.0f", mi), String.format(Locale.ROOT, "%.0f", mr),
            String.format(Locale.ROOT, "%.2f", mi / mr)});
      }
      System.out.println();
      System.out.println("| store | ingest updates/s (median) | raw batch insert rows/s (median) | ingest / raw |");
      System.out.println("|---|---:|---:|---:|");
      for (String[] row : rows) {
        System.out.printf("| %s | %s | %s | %s |%n", (Object[]) row);
      }
    }
  }

  private static StoreSettings settings(String kind, Path dir, EmbeddedPostgres postgres, int n) throws Exception {
    if (kind.equals("h2")) {
      return StoreSettings.h2(dir.resolve("h2-" + n));
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE bench" + n);
    }
    return new StoreSettings(postgres.getJdbcUrl("postgres", "bench" + n), "postgres", "postgres",
        StoreSettings.DEFAULT_MAX_CONNECTIONS);
  }

  /** One round on a fresh database: updates (or raw rows) per second, wall clock. */
  private static double run(GatewayBenchFleet fleet, StoreSettings settings, int batch, int threads, boolean verify)
      throws Exception {
    Clock clock = Clock.systemUTC();
    try (JdbcGatewayStore store = JdbcGatewayStore.open(settings, clock)) {
      Ingest ingest = new Ingest(store, new UpdateCertificates(fleet.trust, clock), clock, true);
      List<List<byte[]>> shares = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        shares.add(fleet.interleaved(t, threads));
      }
      // the raw side parses outside the timing: it stands for the database work alone
      List<List<SignedUpdate>> parsed = new ArrayList<>();
      if (!verify) {
        for (List<byte[]> share : shares) {
          parsed.add(share.stream().map(SignedUpdate::parse).toList());
        }
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        long start = System.nanoTime();
        List<Future<long[]>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int share = t;
          done.add(pool.submit(() -> {
            long cpu = THREADS.getCurrentThreadCpuTime();
            int count = verify ? ingest(ingest, shares.get(share), batch) : rawInsert(settings, parsed.get(share), batch);
            return new long[] {count, THREADS.getCurrentThreadCpuTime() - cpu};
          }));
        }
        int n = 0;
        long cpuNanos = 0;
        for (Future<long[]> f : done) {
          long[] r = f.get();
          n += (int) r[0];
          cpuNanos += r[1];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  %s: %d in %.2f s, worker CPU %.0f us per update%n", verify ? "ingest" : "raw",
            n, seconds, cpuNanos / 1e3 / n);
        if (verify && store.updateCount() != fleet.total()) {
          throw new IllegalStateException("stored " + store.updateCount() + " of " + fleet.total());
        }
        return n / seconds;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static int ingest(Ingest ingest, List<byte[]> updates, int batch) {
    for (int i = 0; i < updates.size(); i += batch) {
      List<Incoming> items = new ArrayList<>();
      for (byte[] u : updates.subList(i, Math.min(updates.size(), i + batch))) {
        items.add(new Incoming(u, "bench"));
      }
      for (IngestResult r : ingest.ingest(items)) {
        if (r.status() != IngestResult.Status.ACCEPTED) {
          throw new IllegalStateException("not accepted: " + r);
        }
      }
    }
    return updates.size();
  }

  /** The same update rows (and one passport row per pack) as plain JDBC batches, one transaction per batch. */
  private static int rawInsert(StoreSettings settings, List<SignedUpdate> updates, int batch) throws Exception {
    try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      c.setAutoCommit(false);
      try (PreparedStatement passports = c.prepareStatement("INSERT INTO passports (id, head_seq, head_hash, head_time_s, "
          + "birth_time_s, passport, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement rows = c.prepareStatement("INSERT INTO updates (passport_id, seq, hash, cose, time_s, kind, "
              + "received_ms, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < updates.size(); i += batch) {
          for (SignedUpdate u : updates.subList(i, Math.min(updates.size(), i + batch))) {
            var p = u.payload();
            if (p.seq() == 0) {
              passports.setString(1, p.passportId().elementString());
              passports.setLong(2, 0);
              passports.setBytes(3, u.hash());
              passports.setLong(4, p.time().getEpochSecond());
              passports.setLong(5, p.time().getEpochSecond());
              passports.setBytes(6, u.encoded());
              passports.setLong(7, System.currentTimeMillis());
              passports.executeUpdate();
            }
            rows.setString(1, p.passportId().elementString());
            rows.setLong(2, p.seq());
            rows.setBytes(3, u.hash());
            rows.setBytes(4, u.encoded());
            rows.setLong(5, p.time().getEpochSecond());
            rows.setShort(6, (short) p.kind().code());
            rows.setLong(7, System.currentTimeMillis());
            rows.setString(8, "bench");
            rows.addBatch();
          }
          rows.executeBatch();
          c.commit();
        }
      }
    }
    return updates.size();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
