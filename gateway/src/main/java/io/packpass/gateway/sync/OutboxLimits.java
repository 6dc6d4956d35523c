package io.packpass.gateway.sync;

import java.time.Duration;

/**
 * Bounds of the outbox. Overflow policy (docs/sync.md): nothing is ever dropped. When the outbox holds
 * {@code maxItems} (pending and parked together), or its oldest pending item is older than
 * {@code maxAge}, the gateway stops accepting updates and raises an alarm; agents keep what they have
 * not been told is held, and intake resumes by itself once the outbox drains below the bounds.
 */
public record OutboxLimits(long maxItems, Duration maxAge) {
  public static final OutboxLimits DEFAULT = new OutboxLimits(1_000_000, Duration.ofDays(7));

  public OutboxLimits {
    if (maxItems < 1) {
      throw new IllegalArgumentException("outbox maxItems must be at least 1");
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("outbox maxAge must be positive");
    }
  }
}
