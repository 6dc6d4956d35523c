package io.packpass.gateway.collect;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Port: one agent as the collector sees it (its CoAP resources, agent/README.md "CoAP service").
 * The Californium adapter is {@code gateway.coap.CoapAgentLink}.
 */
public interface AgentLink extends AutoCloseable {
  /** Where the agent is, as configured ({@code coaps://host:port}). */
  String address();

  /** Checks the agent offers what collecting needs ({@code /updates}, {@code /soh}) through {@code /.well-known/core}. */
  void discover() throws AgentUnavailableException;

  /**
   * One page of the agent's log: the exact COSE bytes of updates {@code since + 1} onwards, in seq
   * order, at most {@code max} ({@code since} -1: from the birth record).
   */
  List<byte[]> updatesSince(long since, int max) throws AgentUnavailableException;

  /** Tells the agent this gateway holds every update up to {@code seq}, so its journal may rotate them out. */
  void acknowledge(long seq) throws AgentUnavailableException;

  /**
   * Observes the agent's {@code /soh}: {@code newest} gets the seq of the agent's newest update at
   * each notification. Observe only promises the latest state; the log is fetched separately.
   */
  void observe(LongConsumer newest);

  /** Whether an observation is registered and alive. */
  boolean observing();

  @Override
  void close();
}
