package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the collector's notes on each agent address (the fleet view's "last seen"). */
public interface AgentLog {
  /** The passport the agent at {@code address} served last time, if it was reached before. */
  Optional<PassportId> agentPassport(String address);

  void agentSeen(String address, PassportId passport, Instant at);

  void agentFailed(String address, String error, Instant at);

  List<AgentRecord> agents();
}
