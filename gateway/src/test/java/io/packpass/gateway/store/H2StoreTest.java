package io.packpass.gateway.store;

import io.packpass.gateway.testing.StoreFactory;

/** The store contract on the embedded H2 file database (the gateway's default). */
class H2StoreTest extends GatewayStoreContract {
  H2StoreTest() {
    super(StoreFactory.H2);
  }
}
