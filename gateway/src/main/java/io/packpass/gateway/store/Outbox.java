package io.packpass.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port: the durable queue of accepted updates for the upstream registry. Items are enqueued in the
 * same transaction that accepts them ({@link AcceptedUpdate#forward()}), so an update is either
 * stored and queued or neither; they leave only when the registry has acknowledged them.
 */
public interface Outbox {
  /** The oldest pending items, in outbox order: at most {@code maxItems}, and at most {@code maxBytes} of COSE (at least one item). */
  List<OutboxItem> nextBatch(int maxItems, long maxBytes);

  /** The registry holds these (accepted or duplicate): they leave the outbox. */
  void delivered(List<Long> ids);

  /** The registry refused these, or the request was refused as a whole: kept, parked, with why. */
  void park(Map<Long, String> reasons, Instant at);

  /** Parked items go back to pending (after an operator fixed the cause); returns how many. */
  int unparkAll();

  OutboxStatus outboxStatus();

  /** Pending items per passport element string, with the oldest one's enqueue time: the fleet view's sync lag. */
  Map<String, OutboxStatus> outboxByPassport();
}
