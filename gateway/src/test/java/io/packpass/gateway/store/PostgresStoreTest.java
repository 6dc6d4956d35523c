package io.packpass.gateway.store;

import io.packpass.gateway.testing.StoreFactory;

/** The store contract on a real PostgreSQL server (embedded binaries), one database per test. */
class PostgresStoreTest extends GatewayStoreContract {
  PostgresStoreTest() {
    super(StoreFactory.POSTGRESQL);
  }
}
