package io.packpass.gateway.store.jdbc;

import io.packpass.gateway.store.StoreConflictException;
import io.packpass.gateway.store.StoreException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps JDBC errors onto the store's exceptions, in this one place (H2 and PostgreSQL share the SQLSTATEs). */
final class SqlErrors {
  /**
   * 23505 unique violation, 23503 foreign key violation (a passport row another transaction is
   * inserting), 40001 serialization failure (H2's deadlock too), 40P01 PostgreSQL deadlock, HYT00 H2
   * lock timeout: another transaction got there first, so running again sees its result.
   */
  private static final Set<String> CONFLICTS = Set.of("23505", "23503", "40001", "40P01", "HYT00");
  /** PostgreSQL's disk_full. */
  private static final String DISK_FULL = "53100";
  /** H2: the database is closed, or closing. */
  private static final Set<String> H2_CLOSED = Set.of("90098", "90121");

  private SqlErrors() {
  }

  static StoreException map(String what, SQLException e) {
    String state = e.getSQLState();
    for (SQLException next = e; next != null && state == null; next = next.getNextException()) {
      state = next.getSQLState();
    }
    if (state != null && CONFLICTS.contains(state)) {
      return new StoreConflictException(what + ": another transaction took the same chain position (" + state + ")", e);
    }
    Optional<IOException> io = ioCause(e);
    if (DISK_FULL.equals(state) || io.map(SqlErrors::isDiskFull).orElse(false)) {
      return new StoreException(what + ": no space left on the store's disk; nothing of this transaction was kept"
          + " (" + io.map(Throwable::getMessage).orElse("PostgreSQL: " + e.getMessage()) + ")", e);
    }
    return new StoreException(what + ": " + e.getMessage() + io.map(c -> " (" + c + ")").orElse(""), e);
  }

  /**
   * Whether the database is gone for every pooled connection: H2 closes its database after a failed
   * write to its file (90098 afterwards), and a connection error (class 08) leaves the connection dead.
   */
  static boolean closesTheDatabase(SQLException e) {
    String state = e.getSQLState();
    return ioCause(e).isPresent() || (state != null && (state.startsWith("08") || H2_CLOSED.contains(state)));
  }

  /** ENOSPC as the JDK words it (its message is the C library's strerror), also EDQUOT. */
  private static boolean isDiskFull(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("No space left on device") || m.contains("Disk quota exceeded");
  }

  /** The I/O error under an SQL error, however deep H2 wrapped it (MVStoreException, then SQLException). */
  private static Optional<IOException> ioCause(Throwable e) {
    Set<Throwable> seen = new java.util.HashSet<>();
    List<Throwable> todo = new java.util.ArrayList<>(List.of(e));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (t instanceof IOException io) {
        return Optional.of(io);
      }
      todo.add(t.getCause());
      todo.addAll(List.of(t.getSuppressed()));
      if (t instanceof SQLException sql) {
        todo.add(sql.getNextException());
      }
    }
    return Optional.empty();
  }
}
