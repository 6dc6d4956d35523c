package io.packpass.gateway.store;

import io.packpass.gateway.registry.LogKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored registry log entry.
 *
 * @param actorRole the signer's role ({@code grader}, {@code recycler}, ...) or {@code passport-signer}
 * @param actor the signer's certificate subject
 */
public record LogRow(long seq, LogKind kind, Instant time, long basisSeq, String actorRole, String actor,
    byte[] hash, byte[] cose) {
  public LogRow {
    Objects.requireNonNull(kind, "kind");
    hash = hash.clone();
    cose = cose.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public byte[] cose() {
    return cose.clone();
  }
}
