package io.packpass.gateway.store;

import java.time.Instant;
import java.util.Optional;

/**
 * How full the outbox is.
 *
 * @param pending items waiting for delivery
 * @param parked items the registry refused (or that a 4xx answer stopped), kept until an operator acts
 * @param oldestPending when the oldest pending item was enqueued
 */
public record OutboxStatus(long pending, long parked, Optional<Instant> oldestPending) {
  public long total() {
    return pending + parked;
  }
}
