package io.packpass.gateway.store;

/** Everything the gateway keeps, in one database. */
public interface GatewayStore extends ChainStore, QuarantineLog, Outbox, FleetSource, AgentLog, AutoCloseable {
  @Override
  void close();
}
