package io.packpass.gateway.verify;

import io.packpass.gateway.testing.StoreFactory;

/** Ingest on the embedded H2 file database. */
class H2IngestTest extends IngestContract {
  H2IngestTest() {
    super(StoreFactory.H2);
  }
}
