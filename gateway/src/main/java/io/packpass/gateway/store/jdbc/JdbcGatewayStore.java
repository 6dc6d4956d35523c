package io.packpass.gateway.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.passport.Passport;
import io.packpass.gateway.store.AgentRecord;
import io.packpass.gateway.store.ChainTransaction;
import io.packpass.gateway.store.FleetRecord;
import io.packpass.gateway.store.FleetRecord.SohPoint;
import io.packpass.gateway.store.GatewayStore;
import io.packpass.gateway.store.LogRow;
import io.packpass.gateway.store.PassportRecord;
import io.packpass.gateway.store.RegistryStore;
import io.packpass.gateway.store.RegistryTransaction;
import io.packpass.gateway.store.SohSample;
import io.packpass.gateway.store.StoredUpdate;
import io.packpass.gateway.registry.LogKind;
import io.packpass.gateway.store.OutboxItem;
import io.packpass.gateway.store.OutboxStatus;
import io.packpass.gateway.store.PassportHead;
import io.packpass.gateway.store.QuarantineEntry;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The gateway's store on JDBC: an embedded H2 file database or PostgreSQL, the same SQL for both
 * (see {@code db/migration}). The schema is brought up to date by Flyway when the store opens.
 */
public final class JdbcGatewayStore implements GatewayStore, RegistryStore {
  /** H2: "Database may be already in use" (another process holds the file's lock). */
  private static final String H2_IN_USE = "90020";
  private final HikariDataSource pool;
  private final Clock clock;

  private JdbcGatewayStore(HikariDataSource pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * Connects, migrates the schema and returns the store.
   *
   * @throws StoreException naming the URL when the database cannot be reached or migrated
   */
  public static JdbcGatewayStore open(StoreSettings settings, Clock clock) {
    if (settings.url().startsWith("jdbc:h2:file:")) {
      refuseIfHeldElsewhere(settings);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    if (!settings.user().isEmpty()) {
      config.setUsername(settings.user());
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.maxConnections());
    config.setAutoCommit(false);
    config.setPoolName("packpass-store");
    config.setConnectionTimeout(10_000);
    // PostgreSQL answers a first connection refusal at once; retrying belongs to the caller.
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException("cannot prepare the database at " + settings.url() + ": " + oneLine(e), e);
    }
    return new JdbcGatewayStore(pool, clock);
  }

  /**
   * H2 lets one process at a time open its file and says so at once; through the pool the same
   * refusal would come after the pool's 10 s connection timeout, wrapped in Flyway's report. A status
   * command run beside {@code gateway run} is the usual case, so it gets a plain answer.
   */
  private static void refuseIfHeldElsewhere(StoreSettings settings) {
    try (Connection probe = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      probe.isValid(1);
    } catch (SQLException e) {
      if (H2_IN_USE.equals(e.getSQLState())) {
        String file = settings.url().substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db";
        throw new StoreException("the database " + file + " is in use by another process (a running 'packpass gateway"
            + " run' or 'packpass gateway registry'?): H2 opens its file for one process at a time. Stop that process"
            + " first, or keep the store on PostgreSQL to use the status commands while the service runs", e);
      }
      // anything else: the pool below reports it with the URL
    }
  }

  /** Flyway's report spans several lines (a rule, SQL state, code); the database's own message is one. */
  private static String oneLine(FlywayException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getMessage() != null) {
        return sql.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
      }
    }
    return String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
  }

  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T withConnection(String what, boolean write, SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      try {
        T result = work.run(connection);
        if (write) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException | RuntimeException failed) {
          // a database that failed to write may refuse the rollback too: the first error says why
          e.addSuppressed(failed);
        }
        throw e;
      }
    } catch (SQLException e) {
      if (SqlErrors.closesTheDatabase(e)) {
        // H2 closes its database when a write to the file fails (a full disk, say): the pooled
        // connections are dead. Fresh ones open it again, from what was committed, once space is back.
        pool.getHikariPoolMXBean().softEvictConnections();
      }
      throw SqlErrors.map(what, e);
    }
  }

  @Override
  public <T> T inTransaction(Function<ChainTransaction, T> work) {
    return withConnection("storing updates", true, connection -> {
      JdbcChainTransaction tx = new JdbcChainTransaction(connection, clock.millis());
      T result = work.apply(tx);
      tx.flush();
      return result;
    });
  }

  @Override
  public Optional<PassportHead> head(PassportId id) {
    return withConnection("reading " + id.elementString(), false, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT head_seq, head_hash, passport FROM passports WHERE id = ?")) {
        s.setString(1, id.elementString());
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(new PassportHead(id, r.getLong(1), r.getBytes(2), Passport.decode(r.getBytes(3))))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<byte[]> updatesSince(PassportId id, long seq, int max) {
    return withConnection("reading updates of " + id.elementString(), false, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT cose FROM updates WHERE passport_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
        s.setString(1, id.elementString());
        s.setLong(2, seq);
        s.setInt(3, max);
        List<byte[]> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(r.getBytes(1));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Optional<List<byte[]>> announcedChain(PassportId id, KeyId kid) {
    return withConnection("reading the certificates of " + id.elementString(), false, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT u.cose FROM announced_keys k JOIN updates u"
          + " ON u.passport_id = k.passport_id AND u.seq = k.seq WHERE k.passport_id = ? AND k.kid = ?")) {
        s.setString(1, id.elementString());
        s.setString(2, kid.toString());
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(SignedUpdate.parse(r.getBytes(1)).cose().certificateChain())
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public long updateCount() {
    return withConnection("counting updates", false, c -> single(c, "SELECT COUNT(*) FROM updates"));
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  // ---------------------------------------------------------------------------------------- registry

  @Override
  public Optional<PassportRecord> record(PassportId id) {
    return withConnection("reading " + id.elementString(), false, c -> RegistrySql.record(c, id, false));
  }

  @Override
  public List<PassportId> passportIds(Optional<PassportId> after, int limit) {
    return withConnection("listing passports", false, c -> RegistrySql.passportIds(c, after, limit));
  }

  @Override
  public List<StoredUpdate> updates(PassportId id, long afterSeq, int limit) {
    return withConnection("reading updates of " + id.elementString(), false,
        c -> RegistrySql.updates(c, id, afterSeq, limit));
  }

  @Override
  public List<LogRow> log(PassportId id, long afterSeq, int limit, Optional<LogKind> kind) {
    return withConnection("reading the log of " + id.elementString(), false,
        c -> RegistrySql.log(c, id, afterSeq, limit, kind));
  }

  @Override
  public List<SohSample> sohHistory(PassportId id, long afterSeq, int limit) {
    return withConnection("reading the SOH history of " + id.elementString(), false,
        c -> RegistrySql.soh(c, id, afterSeq, limit));
  }

  @Override
  public List<SohSample> latestSoh(PassportId id, int limit) {
    return withConnection("reading the SOH history of " + id.elementString(), false,
        c -> RegistrySql.latestSoh(c, id, limit));
  }

  @Override
  public <T> T inRegistryTransaction(Function<RegistryTransaction, T> work) {
    return withConnection("writing the registry log", true, c -> work.apply(new RegistrySql.Transaction(c)));
  }

  // ---------------------------------------------------------------------------------------- quarantine

  @Override
  public List<QuarantineEntry> recentQuarantine(int max) {
    return withConnection("reading the quarantine", false, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, received_ms, source, reason, detail, passport_id, seq, "
          + "hash, bytes, repeats FROM quarantine ORDER BY last_ms DESC, id DESC LIMIT ?")) {
        s.setInt(1, max);
        List<QuarantineEntry> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String passport = r.getString(6);
            long seq = r.getLong(7);
            OptionalLong seqOrEmpty = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(seq);
            out.add(new QuarantineEntry(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getLong(10), r.getString(3),
                QuarantineReason.fromCode(r.getString(4)), r.getString(5),
                Optional.ofNullable(passport).map(PassportId::parseElementString), seqOrEmpty,
                Optional.ofNullable(r.getBytes(8)), r.getBytes(9)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Map<QuarantineReason, Long> quarantineCounts() {
    return withConnection("counting the quarantine", false, c -> {
      Map<QuarantineReason, Long> counts = new EnumMap<>(QuarantineReason.class);
      try (PreparedStatement s = c.prepareStatement("SELECT reason, COUNT(*) FROM quarantine GROUP BY reason");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counts.put(QuarantineReason.fromCode(r.getString(1)), r.getLong(2));
        }
      }
      return counts;
    });
  }

  // ---------------------------------------------------------------------------------------- outbox

  @Override
  public List<OutboxItem> nextBatch(int maxItems, long maxBytes) {
    return withConnection("reading the outbox", false, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT o.id, o.passport_id, o.seq, o.enqueued_ms, u.cose "
          + "FROM outbox o JOIN updates u ON u.passport_id = o.passport_id AND u.seq = o.seq "
          + "WHERE o.state = 'PENDING' ORDER BY o.id LIMIT ?")) {
        s.setInt(1, maxItems);
        List<OutboxItem> out = new ArrayList<>();
        long bytes = 0;
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            byte[] cose = r.getBytes(5);
            if (!out.isEmpty() && bytes + cose.length > maxBytes) {
              break;
            }
            bytes += cose.length;
            out.add(new OutboxItem(r.getLong(1), PassportId.parseElementString(r.getString(2)), r.getLong(3), cose,
                Instant.ofEpochMilli(r.getLong(4))));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void delivered(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    withConnection("removing delivered updates from the outbox", true, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
        for (long id : ids) {
          s.setLong(1, id);
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void park(Map<Long, String> reasons, Instant at) {
    if (reasons.isEmpty()) {
      return;
    }
    withConnection("parking outbox items", true, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE outbox SET state = 'PARKED', parked_reason = ?, parked_ms = ? WHERE id = ?")) {
        for (Map.Entry<Long, String> e : new TreeMap<>(reasons).entrySet()) {
          String reason = e.getValue();
          s.setString(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
          s.setLong(2, at.toEpochMilli());
          s.setLong(3, e.getKey());
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public int unparkAll() {
    return withConnection("unparking outbox items", true, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE outbox SET state = 'PENDING', parked_reason = NULL, parked_ms = NULL WHERE state = 'PARKED'")) {
        return s.executeUpdate();
      }
    });
  }

  @Override
  public OutboxStatus outboxStatus() {
    return withConnection("reading the outbox", false, c -> {
      long pending = 0;
      long parked = 0;
      Optional<Instant> oldest = Optional.empty();
      try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*), MIN(enqueued_ms) FROM outbox GROUP BY state");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if ("PENDING".equals(r.getString(1))) {
            pending = r.getLong(2);
            oldest = Optional.of(Instant.ofEpochMilli(r.getLong(3)));
          } else {
            parked = r.getLong(2);
          }
        }
      }
      return new OutboxStatus(pending, parked, oldest);
    });
  }

  @Override
  public Map<String, OutboxStatus> outboxByPassport() {
    return withConnection("reading the outbox", false, c -> {
      Map<String, long[]> counts = new HashMap<>();
      Map<String, Instant> oldest = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT passport_id, state, COUNT(*), MIN(enqueued_ms) FROM outbox GROUP BY passport_id, state");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long[] pair = counts.computeIfAbsent(r.getString(1), k -> new long[2]);
          if ("PENDING".equals(r.getString(2))) {
            pair[0] = r.getLong(3);
            oldest.put(r.getString(1), Instant.ofEpochMilli(r.getLong(4)));
          } else {
            pair[1] = r.getLong(3);
          }
        }
      }
      Map<String, OutboxStatus> out = new HashMap<>();
      counts.forEach((id, pair) -> out.put(id, new OutboxStatus(pair[0], pair[1], Optional.ofNullable(oldest.get(id)))));
      return out;
    });
  }

  // ---------------------------------------------------------------------------------------- fleet

  @Override
  public List<FleetRecord> fleet(Instant trendSince) {
    return withConnection("reading the fleet", false, c -> {
      Map<String, Instant> seen = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT passport_id, MAX(last_seen_ms) FROM agents "
          + "WHERE passport_id IS NOT NULL AND last_seen_ms IS NOT NULL GROUP BY passport_id");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          seen.put(r.getString(1), Instant.ofEpochMilli(r.getLong(2)));
        }
      }
      Map<String, SohPoint> latest = soh(c, "SELECT s.passport_id, s.time_s, s.soh_cpct FROM soh_readings s WHERE s.seq = "
          + "(SELECT MAX(seq) FROM soh_readings m WHERE m.passport_id = s.passport_id)", Optional.empty());
      Map<String, SohPoint> earlier = soh(c, "SELECT s.passport_id, s.time_s, s.soh_cpct FROM soh_readings s WHERE s.seq = "
          + "(SELECT MIN(seq) FROM soh_readings m WHERE m.passport_id = s.passport_id AND m.time_s >= ?)",
          Optional.of(trendSince));
      List<FleetRecord> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, head_seq, passport, updated_ms FROM passports ORDER BY id");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String id = r.getString(1);
          out.add(new FleetRecord(Passport.decode(r.getBytes(3)), r.getLong(2), Instant.ofEpochMilli(r.getLong(4)),
              Optional.ofNullable(seen.get(id)), Optional.ofNullable(latest.get(id)),
              Optional.ofNullable(earlier.get(id))));
        }
      }
      return out;
    });
  }

  private static Map<String, SohPoint> soh(Connection c, String sql, Optional<Instant> since) throws SQLException {
    Map<String, SohPoint> out = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (since.isPresent()) {
        s.setLong(1, since.get().getEpochSecond());
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), new SohPoint(Instant.ofEpochSecond(r.getLong(2)), r.getLong(3)));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------- agents

  @Override
  public Optional<PassportId> agentPassport(String address) {
    return withConnection("reading agent " + address, false, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT passport_id FROM agents WHERE address = ?")) {
        s.setString(1, address);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.ofNullable(r.getString(1)).map(PassportId::parseElementString) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void agentSeen(String address, PassportId passport, Instant at) {
    // one collector thread per address: update, else insert (PostgreSQL 14 has no MERGE)
    withConnection("noting agent " + address, true, c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE agents SET passport_id = ?, last_seen_ms = ? WHERE address = ?")) {
        u.setString(1, passport.elementString());
        u.setLong(2, at.toEpochMilli());
        u.setString(3, address);
        if (u.executeUpdate() == 0) {
          try (PreparedStatement i = c.prepareStatement(
              "INSERT INTO agents (address, passport_id, last_seen_ms, errors) VALUES (?, ?, ?, 0)")) {
            i.setString(1, address);
            i.setString(2, passport.elementString());
            i.setLong(3, at.toEpochMilli());
            i.executeUpdate();
          }
        }
      }
      return null;
    });
  }

  @Override
  public void agentFailed(String address, String error, Instant at) {
    String detail = error.length() > 1000 ? error.substring(0, 1000) : error;
    withConnection("noting agent " + address, true, c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE agents SET last_error = ?, last_error_ms = ?, errors = errors + 1 WHERE address = ?")) {
        u.setString(1, detail);
        u.setLong(2, at.toEpochMilli());
        u.setString(3, address);
        if (u.executeUpdate() == 0) {
          try (PreparedStatement i = c.prepareStatement(
              "INSERT INTO agents (address, last_error, last_error_ms, errors) VALUES (?, ?, ?, 1)")) {
            i.setString(1, address);
            i.setString(2, detail);
            i.setLong(3, at.toEpochMilli());
            i.executeUpdate();
          }
        }
      }
      return null;
    });
  }

  @Override
  public List<AgentRecord> agents() {
    return withConnection("reading agents", false, c -> {
      List<AgentRecord> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT address, passport_id, last_seen_ms, last_error, last_error_ms,"
          + " errors FROM agents ORDER BY address"); ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new AgentRecord(r.getString(1), Optional.ofNullable(r.getString(2)).map(PassportId::parseElementString),
              millis(r, 3), Optional.ofNullable(r.getString(4)), millis(r, 5), r.getLong(6)));
        }
      }
      return out;
    });
  }

  private static Optional<Instant> millis(ResultSet r, int column) throws SQLException {
    long ms = r.getLong(column);
    return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
  }

  @Override
  public void close() {
    pool.close();
  }
}
