package io.packpass.gateway.store.jdbc;

import io.packpass.gateway.store.StoreConflictException;
import io.packpass.gateway.store.StoreException;
import java.sql.SQLException;
import java.util.Set;

/** Maps JDBC errors onto the store's exceptions, in this one place (H2 and PostgreSQL share the SQLSTATEs). */
final class SqlErrors {
  /**
   * 23505 unique violation, 23503 foreign key violation (a passport row another transaction is
   * inserting), 40001 serialization failure (H2's deadlock too), 40P01 PostgreSQL deadlock, HYT00 H2
   * lock timeout: another transaction got there first, so running again sees its result.
   */
  private static final Set<String> CONFLICTS = Set.of("23505", "23503", "40001", "40P01", "HYT00");

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
    return new StoreException(what + ": " + e.getMessage(), e);
  }
}
