package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import io.packpass.gateway.registry.RecordState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry holds of one passport: the passport folded from its device chain and its
 * registry log, the heads of both, and the record's state.
 *
 * @param headSeq, headHash, headTime the newest accepted device-chain update
 * @param logSeq the newest registry log entry (-1: none), {@code logHash} its hash
 * @param stateSince when the record left {@link RecordState#ACTIVE}, if it did
 */
public record PassportRecord(PassportId id, Passport passport, long headSeq, byte[] headHash, Instant headTime,
    long logSeq, Optional<byte[]> logHash, RecordState state, Optional<Instant> stateSince) {
  public PassportRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(passport, "passport");
    Objects.requireNonNull(state, "state");
    headHash = headHash.clone();
    logHash = logHash.map(byte[]::clone);
  }

  @Override
  public byte[] headHash() {
    return headHash.clone();
  }

  @Override
  public Optional<byte[]> logHash() {
    return logHash.map(byte[]::clone);
  }

  /** Changes whenever anything a reader sees could change: for ETags. */
  public String version() {
    return headSeq + "." + logSeq;
  }
}
