package io.packpass.gateway.testing;

import io.packpass.gateway.store.jdbc.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central) on a free loopback port, started
 * once for the whole test run and stopped when the JVM exits; each test gets a database of its own.
 */
public final class EmbeddedPostgresServer {
  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private EmbeddedPostgresServer() {
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** A new, empty database on the shared server. */
  public static StoreSettings newDatabase() {
    String name = "gw" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new StoreSettings(server().getJdbcUrl("postgres", name), "postgres", "postgres",
        StoreSettings.DEFAULT_MAX_CONNECTIONS);
  }
}
