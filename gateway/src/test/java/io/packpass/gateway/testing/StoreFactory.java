package io.packpass.gateway.testing;

import io.packpass.gateway.store.jdbc.StoreSettings;
import java.nio.file.Path;

/** Where a contract test's store lives: a fresh H2 file database, or a fresh database on the embedded PostgreSQL. */
public enum StoreFactory {
  H2 {
    @Override
    public StoreSettings newStore(Path dir) {
      return StoreSettings.h2(dir);
    }
  },
  POSTGRESQL {
    @Override
    public StoreSettings newStore(Path dir) {
      return EmbeddedPostgresServer.newDatabase();
    }
  };

  public abstract StoreSettings newStore(Path dir);
}
