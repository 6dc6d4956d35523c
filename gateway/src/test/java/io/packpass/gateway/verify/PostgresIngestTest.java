package io.packpass.gateway.verify;

import io.packpass.gateway.testing.StoreFactory;

/** Ingest on a real PostgreSQL server. */
class PostgresIngestTest extends IngestContract {
  PostgresIngestTest() {
    super(StoreFactory.POSTGRESQL);
  }
}
