package io.packpass.gateway.store.jdbc;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.gateway.store.AcceptedUpdate;
import io.packpass.gateway.store.ChainTransaction;
import io.packpass.gateway.store.PassportHead;
import io.packpass.gateway.store.QuarantineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ChainTransaction} on one JDBC connection. Writes are collected and sent as JDBC batches
 * when the transaction commits ({@link #flush()}), so a batch of a thousand updates costs a handful of
 * round trips; the reads consult what is collected first, so they still see this transaction's writes.
 */
final class JdbcChainTransaction implements ChainTransaction {
  private final Connection connection;
  private final long nowMs;
  /** Heads read (and locked) or written in this transaction, by passport. */
  private final Map<PassportId, Head> heads = new LinkedHashMap<>();
  private final List<AcceptedUpdate> accepted = new ArrayList<>();
  private final List<QuarantineEntry> quarantined = new ArrayList<>();

  private static final class Head {
    final boolean stored;
    long seq;
    byte[] hash;
    long timeS;
    long birthS;
    Passport passport;
    boolean dirty;
    /** Hashes accepted in this transaction, by seq. */
    final Map<Long, byte[]> pending = new HashMap<>();

    Head(boolean stored, long seq, byte[] hash, long timeS, long birthS, Passport passport) {
      this.stored = stored;
      this.seq = seq;
      this.hash = hash;
      this.timeS = timeS;
      this.birthS = birthS;
      this.passport = passport;
    }
  }

  JdbcChainTransaction(Connection connection, long nowMs) {
    this.connection = connection;
    this.nowMs = nowMs;
  }

  @Override
  public Optional<PassportHead> lockHead(PassportId id) {
    Head head = heads.get(id);
    if (head == null) {
      head = readLocked(id);
      if (head == null) {
        return Optional.empty();
      }
      heads.put(id, head);
    }
    return Optional.of(new PassportHead(id, head.seq, head.hash, head.passport));
  }

  private Head readLocked(PassportId id) {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT head_seq, head_hash, head_time_s, birth_time_s, passport FROM passports WHERE id = ? FOR UPDATE")) {
      select.setString(1, id.elementString());
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        return new Head(true, rows.getLong(1), rows.getBytes(2), rows.getLong(3), rows.getLong(4),
            Passport.decode(rows.getBytes(5)));
      }
    } catch (SQLException e) {
      throw SqlErrors.map("reading the head of " + id.elementString(), e);
    }
  }

  @Override
  public Optional<byte[]> hashAt(PassportId id, long seq) {
    Head head = heads.get(id);
    if (head != null) {
      if (seq > head.seq) {
        return Optional.empty();
      }
      if (seq == head.seq) {
        return Optional.of(head.hash.clone());
      }
      byte[] pending = head.pending.get(seq);
      if (pending != null) {
        return Optional.of(pending.clone());
      }
    }
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT hash FROM updates WHERE passport_id = ? AND seq = ?")) {
      select.setString(1, id.elementString());
      select.setLong(2, seq);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlErrors.map("reading seq " + seq + " of " + id.elementString(), e);
    }
  }

  @Override
  public void accept(AcceptedUpdate update) {
    UpdatePayload payload = update.update().payload();
    PassportId id = payload.passportId();
    Head head = heads.get(id);
    if (head == null) {
      if (payload.kind() != UpdateKind.BIRTH) {
        throw new IllegalStateException("seq " + payload.seq() + " of " + id + " accepted before its head was read");
      }
      head = new Head(false, -1, UpdatePayload.genesis(), payload.time().getEpochSecond(),
          payload.time().getEpochSecond(), update.after());
      heads.put(id, head);
    }
    if (payload.seq() != head.seq + 1) {
      throw new IllegalStateException("seq " + payload.seq() + " of " + id + " accepted out of order (head " + head.seq + ")");
    }
    byte[] hash = update.update().hash();
    head.pending.put(payload.seq(), hash);
    head.seq = payload.seq();
    head.hash = hash;
    head.timeS = payload.time().getEpochSecond();
    head.passport = update.after();
    head.dirty = true;
    accepted.add(update);
  }

  @Override
  public void quarantine(QuarantineEntry entry) {
    quarantined.add(entry);
  }

  /** Sends everything collected; the caller commits. Parents before children: passports, updates, the rest. */
  void flush() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO passports "
        + "(id, head_seq, head_hash, head_time_s, birth_time_s, passport, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement update = connection.prepareStatement("UPDATE passports SET head_seq = ?, head_hash = ?, "
            + "head_time_s = ?, passport = ?, updated_ms = ? WHERE id = ?")) {
      boolean inserts = false;
      boolean updates = false;
      for (Map.Entry<PassportId, Head> e : heads.entrySet()) {
        Head h = e.getValue();
        if (!h.dirty) {
          continue;
        }
        byte[] passport = h.passport.encode();
        if (h.stored) {
          update.setLong(1, h.seq);
          update.setBytes(2, h.hash);
          update.setLong(3, h.timeS);
          update.setBytes(4, passport);
          update.setLong(5, nowMs);
          update.setString(6, e.getKey().elementString());
          update.addBatch();
          updates = true;
        } else {
          insert.setString(1, e.getKey().elementString());
          insert.setLong(2, h.seq);
          insert.setBytes(3, h.hash);
          insert.setLong(4, h.timeS);
          insert.setLong(5, h.birthS);
          insert.setBytes(6, passport);
          insert.setLong(7, nowMs);
          insert.addBatch();
          inserts = true;
        }
      }
      if (inserts) {
        insert.executeBatch();
      }
      if (updates) {
        update.executeBatch();
      }
    }
    if (!accepted.isEmpty()) {
      insertUpdates();
    }
    if (!quarantined.isEmpty()) {
      insertQuarantine();
    }
  }

  private void insertUpdates() throws SQLException {
    try (PreparedStatement updates = connection.prepareStatement("INSERT INTO updates "
        + "(passport_id, seq, hash, cose, time_s, kind, received_ms, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement soh = connection.prepareStatement(
            "INSERT INTO soh_readings (passport_id, seq, time_s, soh_cpct, capacity_mah) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement outbox = connection.prepareStatement(
            "INSERT INTO outbox (passport_id, seq, enqueued_ms, state) VALUES (?, ?, ?, 'PENDING')");
        PreparedStatement announce = connection.prepareStatement(
            "UPDATE announced_keys SET seq = ? WHERE passport_id = ? AND kid = ?");
        PreparedStatement firstAnnounce = connection.prepareStatement(
            "INSERT INTO announced_keys (passport_id, kid, seq) VALUES (?, ?, ?)")) {
      boolean anySoh = false;
      boolean anyOutbox = false;
      for (AcceptedUpdate a : accepted) {
        SignedUpdate u = a.update();
        UpdatePayload p = u.payload();
        String id = p.passportId().elementString();
        updates.setString(1, id);
        updates.setLong(2, p.seq());
        updates.setBytes(3, u.hash());
        updates.setBytes(4, u.encoded());
        updates.setLong(5, p.time().getEpochSecond());
        updates.setShort(6, (short) p.kind().code());
        updates.setLong(7, a.receivedAt().toEpochMilli());
        updates.setString(8, a.source().length() > 200 ? a.source().substring(0, 200) : a.source());
        updates.addBatch();
        Optional<Measured> measured = p.kind() == UpdateKind.READING
            ? a.after().condition().flatMap(c -> c.get(Quantity.STATE_OF_HEALTH)) : Optional.empty();
        // the folded condition keeps older values: only a reading that itself carries an SOH is a point
        if (measured.isPresent() && p.body().get(Quantity.STATE_OF_HEALTH.key()).isPresent()) {
          soh.setString(1, id);
          soh.setLong(2, p.seq());
          soh.setLong(3, measured.get().time().getEpochSecond());
          soh.setLong(4, measured.get().value());
          Optional<Measured> capacity = p.body().get(Quantity.REMAINING_CAPACITY.key()).isPresent()
              ? a.after().condition().flatMap(c -> c.get(Quantity.REMAINING_CAPACITY)) : Optional.empty();
          if (capacity.isPresent()) {
            soh.setLong(5, capacity.get().value());
          } else {
            soh.setNull(5, Types.BIGINT);
          }
          soh.addBatch();
          anySoh = true;
        }
        if (!u.cose().certificateChain().isEmpty()) {
          // the passport's row is locked by this transaction, so update-then-insert cannot race
          announce.setLong(1, p.seq());
          announce.setString(2, id);
          announce.setString(3, u.kid().toString());
          if (announce.executeUpdate() == 0) {
            firstAnnounce.setString(1, id);
            firstAnnounce.setString(2, u.kid().toString());
            firstAnnounce.setLong(3, p.seq());
            firstAnnounce.executeUpdate();
          }
        }
        if (a.forward()) {
          outbox.setString(1, id);
          outbox.setLong(2, p.seq());
          outbox.setLong(3, a.receivedAt().toEpochMilli());
          outbox.addBatch();
          anyOutbox = true;
        }
      }
      updates.executeBatch();
      if (anySoh) {
        soh.executeBatch();
      }
      if (anyOutbox) {
        outbox.executeBatch();
      }
    }
  }

  /**
   * Bytes already quarantined for the same reason count up that entry's repeats; others are inserted.
   * Within this transaction the same bytes twice make one entry too.
   */
  private void insertQuarantine() throws SQLException {
    Map<String, QuarantineEntry> firsts = new LinkedHashMap<>();
    Map<String, Long> counts = new HashMap<>();
    Map<String, byte[]> digests = new HashMap<>();
    for (QuarantineEntry q : quarantined) {
      byte[] digest = sha256(q.bytes());
      String key = java.util.HexFormat.of().formatHex(digest) + "/" + q.reason().code();
      firsts.putIfAbsent(key, q);
      digests.putIfAbsent(key, digest);
      counts.merge(key, 1L, Long::sum);
    }
    try (PreparedStatement again = connection.prepareStatement(
        "UPDATE quarantine SET repeats = repeats + ?, last_ms = ? WHERE digest = ? AND reason = ?");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine (received_ms, last_ms, repeats, "
            + "source, reason, detail, passport_id, seq, hash, digest, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      boolean inserts = false;
      for (Map.Entry<String, QuarantineEntry> e : firsts.entrySet()) {
        QuarantineEntry q = e.getValue();
        long n = counts.get(e.getKey());
        again.setLong(1, n);
        again.setLong(2, q.receivedAt().toEpochMilli());
        again.setBytes(3, digests.get(e.getKey()));
        again.setString(4, q.reason().code());
        if (again.executeUpdate() > 0) {
          continue;
        }
        insert.setLong(1, q.receivedAt().toEpochMilli());
        insert.setLong(2, q.receivedAt().toEpochMilli());
        insert.setLong(3, n);
        insert.setString(4, q.source().length() > 200 ? q.source().substring(0, 200) : q.source());
        insert.setString(5, q.reason().code());
        insert.setString(6, q.detail());
        if (q.passport().isPresent()) {
          insert.setString(7, q.passport().get().elementString());
        } else {
          insert.setNull(7, Types.VARCHAR);
        }
        if (q.seq().isPresent()) {
          insert.setLong(8, q.seq().getAsLong());
        } else {
          insert.setNull(8, Types.BIGINT);
        }
        if (q.hash().isPresent()) {
          insert.setBytes(9, q.hash().get());
        } else {
          insert.setNull(9, Types.BINARY);
        }
        insert.setBytes(10, digests.get(e.getKey()));
        insert.setBytes(11, q.bytes());
        insert.addBatch();
        inserts = true;
      }
      if (inserts) {
        insert.executeBatch();
      }
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
