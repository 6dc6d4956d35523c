package io.packpass.gateway.verify;

import io.packpass.core.id.PassportId;
import io.packpass.gateway.store.QuarantineReason;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What became of one incoming update.
 *
 * @param reason why it was rejected (quarantined); empty for accepted and duplicate
 * @param detail the verifier's sentence
 * @param passport, seq, hash what the update claims to be, when it could be parsed
 */
public record IngestResult(Status status, Optional<QuarantineReason> reason, String detail,
    Optional<PassportId> passport, OptionalLong seq, Optional<byte[]> hash) {

  public enum Status {
    /** Verified, next in its chain: stored (and queued upstream where there is an upstream). */
    ACCEPTED,
    /** Byte-identical to an update already stored: nothing done, delivery may stop. */
    DUPLICATE,
    /** Not valid: quarantined with the reason, never served as valid. */
    REJECTED
  }

  public IngestResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if ((status == Status.REJECTED) != reason.isPresent()) {
      throw new IllegalArgumentException("a reason goes with a rejection, and only with one");
    }
    hash = hash.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> hash() {
    return hash.map(byte[]::clone);
  }

  /** Whether the sender may forget the update: it is stored here, now or before. */
  public boolean isHeld() {
    return status != Status.REJECTED;
  }

  @Override
  public String toString() {
    return status + reason.map(r -> " " + r.code()).orElse("") + passport.map(p -> " " + p.elementString()).orElse("")
        + (seq.isPresent() ? " seq " + seq.getAsLong() : "") + ": " + detail;
  }
}
