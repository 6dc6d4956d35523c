package io.packpass.core.update;

import io.packpass.core.passport.Passport;
import java.util.Optional;

/**
 * How {@link ChainVerifier} classified an incoming update, with a sentence saying why.
 * {@link #passport()} is the passport after the update, for {@link Outcome#ACCEPTED} only.
 */
public record Verdict(Outcome outcome, String reason, Optional<Passport> passport) {

  public enum Outcome {
    /** Signature good, next in the chain: stored and applied. */
    ACCEPTED,
    /** Byte-identical to an update already accepted: nothing to do (idempotent delivery). */
    DUPLICATE,
    /** Later than the next expected seq: the missing updates must be fetched first. */
    GAP,
    /** Same seq as an accepted update but other content, or not chained to the head: equivocation evidence. */
    FORK,
    /** Chained correctly but going back in time, or monotonic counters going down. */
    ROLLBACK,
    /** The signature does not verify with the signer's key. */
    BAD_SIGNATURE,
    /** The kid is not a key trusted to sign this kind of update for this passport. */
    UNKNOWN_KEY,
    /** Dated further in the future than the clock tolerance allows. */
    CLOCK_OUT_OF_TOLERANCE,
    /** Signed and chained, but the content is not a valid update of this passport. */
    INVALID;

    public boolean isAccepted() {
      return this == ACCEPTED;
    }
  }

  static Verdict of(Outcome outcome, String reason) {
    return new Verdict(outcome, reason, Optional.empty());
  }

  @Override
  public String toString() {
    return outcome + ": " + reason;
  }
}
