package io.packpass.gateway.testing;

import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every contract test on a store shares: one PKI per class, a fresh store per test on the
 * implementation the subclass names (H2 or the embedded PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContractBase {
  private final StoreFactory factory;
  protected TestPki pki;
  protected JdbcGatewayStore store;
  @TempDir
  protected Path dir;

  protected StoreContractBase(StoreFactory factory) {
    this.factory = factory;
  }

  @BeforeAll
  void makePki(@TempDir Path pkiDir) {
    pki = new TestPki(pkiDir);
  }

  @BeforeEach
  void openStore() {
    store = JdbcGatewayStore.open(factory.newStore(dir), Clock.systemUTC());
    opened();
  }

  /** Called after each test's store is open. */
  protected void opened() {
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
