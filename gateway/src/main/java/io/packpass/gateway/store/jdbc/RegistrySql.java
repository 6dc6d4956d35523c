package io.packpass.gateway.store.jdbc;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import io.packpass.gateway.registry.LogKind;
import io.packpass.gateway.registry.RecordState;
import io.packpass.gateway.store.LogRow;
import io.packpass.gateway.store.PassportRecord;
import io.packpass.gateway.store.RegistryTransaction;
import io.packpass.gateway.store.SohSample;
import io.packpass.gateway.store.StoredUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The registry's SQL (tables of V3__registry_log.sql and the device-chain tables it reads). */
final class RegistrySql {
  private static final String RECORD = "SELECT passport, head_seq, head_hash, head_time_s, log_seq, log_hash, "
      + "record_state, record_since_s FROM passports WHERE id = ?";

  private RegistrySql() {
  }

  static Optional<PassportRecord> record(Connection c, PassportId id, boolean lock) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(lock ? RECORD + " FOR UPDATE" : RECORD)) {
      s.setString(1, id.elementString());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long since = r.getLong(8);
        Optional<Instant> stateSince = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(since));
        return Optional.of(new PassportRecord(id, Passport.decode(r.getBytes(1)), r.getLong(2), r.getBytes(3),
            Instant.ofEpochSecond(r.getLong(4)), r.getLong(5), Optional.ofNullable(r.getBytes(6)),
            RecordState.fromId(r.getString(7)), stateSince));
      }
    }
  }

  static List<PassportId> passportIds(Connection c, Optional<PassportId> after, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM passports WHERE id > ? ORDER BY id LIMIT ?")) {
      s.setString(1, after.map(PassportId::elementString).orElse(""));
      s.setInt(2, limit);
      List<PassportId> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(PassportId.parseElementString(r.getString(1)));
        }
      }
      return out;
    }
  }

  static List<StoredUpdate> updates(Connection c, PassportId id, long afterSeq, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT seq, kind, time_s, hash, cose FROM updates "
        + "WHERE passport_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
      s.setString(1, id.elementString());
      s.setLong(2, afterSeq);
      s.setInt(3, limit);
      List<StoredUpdate> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new StoredUpdate(r.getLong(1), r.getShort(2), Instant.ofEpochSecond(r.getLong(3)), r.getBytes(4),
              r.getBytes(5)));
        }
      }
      return out;
    }
  }

  static List<LogRow> log(Connection c, PassportId id, long afterSeq, int limit, Optional<LogKind> kind)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT seq, kind, time_s, basis_seq, actor_role, actor, hash, cose "
        + "FROM registry_log WHERE passport_id = ? AND seq > ?" + (kind.isPresent() ? " AND kind = ?" : "")
        + " ORDER BY seq LIMIT ?")) {
      int i = 1;
      s.setString(i++, id.elementString());
      s.setLong(i++, afterSeq);
      if (kind.isPresent()) {
        s.setShort(i++, (short) kind.get().code());
      }
      s.setInt(i, limit);
      List<LogRow> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new LogRow(r.getLong(1), LogKind.fromCode(r.getShort(2)), Instant.ofEpochSecond(r.getLong(3)),
              r.getLong(4), r.getString(5), r.getString(6), r.getBytes(7), r.getBytes(8)));
        }
      }
      return out;
    }
  }

  static List<SohSample> soh(Connection c, PassportId id, long afterSeq, int limit) throws SQLException {
    return soh(c, "SELECT seq, time_s, soh_cpct, capacity_mah FROM soh_readings WHERE passport_id = ? AND seq > ? "
        + "ORDER BY seq LIMIT ?", id, afterSeq, limit);
  }

  static List<SohSample> latestSoh(Connection c, PassportId id, int limit) throws SQLException {
    List<SohSample> out = soh(c, "SELECT seq, time_s, soh_cpct, capacity_mah FROM soh_readings WHERE passport_id = ? "
        + "AND seq > ? ORDER BY seq DESC LIMIT ?", id, -1, limit);
    Collections.reverse(out);
    return out;
  }

  private static List<SohSample> soh(Connection c, String sql, PassportId id, long afterSeq, int limit)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id.elementString());
      s.setLong(2, afterSeq);
      s.setInt(3, limit);
      List<SohSample> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long capacity = r.getLong(4);
          out.add(new SohSample(r.getLong(1), Instant.ofEpochSecond(r.getLong(2)), r.getLong(3),
              r.wasNull() ? OptionalLong.empty() : OptionalLong.of(capacity)));
        }
      }
      return out;
    }
  }

  /** The transaction: reads lock the passport's row; the append writes the entry and the row together. */
  static final class Transaction implements RegistryTransaction {
    private final Connection connection;

    Transaction(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Optional<PassportRecord> lock(PassportId id) {
      try {
        return record(connection, id, true);
      } catch (SQLException e) {
        throw SqlErrors.map("reading " + id.elementString(), e);
      }
    }

    @Override
    public Optional<byte[]> deviceHashAt(PassportId id, long seq) {
      try (PreparedStatement s = connection.prepareStatement("SELECT hash FROM updates WHERE passport_id = ? AND seq = ?")) {
        s.setString(1, id.elementString());
        s.setLong(2, seq);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw SqlErrors.map("reading seq " + seq + " of " + id.elementString(), e);
      }
    }

    @Override
    public void append(PassportId id, LogRow row, Passport after, Optional<RecordState> state, Instant receivedAt) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_log (passport_id, seq, hash, "
          + "cose, kind, time_s, basis_seq, actor_role, actor, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement update = connection.prepareStatement("UPDATE passports SET log_seq = ?, log_hash = ?, "
              + "passport = ?, updated_ms = ?" + (state.isPresent() ? ", record_state = ?, record_since_s = ?" : "")
              + " WHERE id = ?")) {
        insert.setString(1, id.elementString());
        insert.setLong(2, row.seq());
        insert.setBytes(3, row.hash());
        insert.setBytes(4, row.cose());
        insert.setShort(5, (short) row.kind().code());
        insert.setLong(6, row.time().getEpochSecond());
        insert.setLong(7, row.basisSeq());
        insert.setString(8, row.actorRole());
        insert.setString(9, row.actor().length() > 200 ? row.actor().substring(0, 200) : row.actor());
        insert.setLong(10, receivedAt.toEpochMilli());
        insert.executeUpdate();
        int i = 1;
        update.setLong(i++, row.seq());
        update.setBytes(i++, row.hash());
        update.setBytes(i++, after.encode());
        update.setLong(i++, receivedAt.toEpochMilli());
        if (state.isPresent()) {
          update.setString(i++, state.get().id());
          update.setLong(i++, row.time().getEpochSecond());
        }
        update.setString(i, id.elementString());
        update.executeUpdate();
      } catch (SQLException e) {
        throw SqlErrors.map("appending to the log of " + id.elementString(), e);
      }
    }
  }
}
