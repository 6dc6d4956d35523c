package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import java.time.Instant;

/** One accepted update waiting to be delivered upstream; {@code id} is its place in the outbox order. */
public record OutboxItem(long id, PassportId passport, long seq, byte[] cose, Instant enqueuedAt) {
  public OutboxItem {
    cose = cose.clone();
  }

  @Override
  public byte[] cose() {
    return cose.clone();
  }
}
