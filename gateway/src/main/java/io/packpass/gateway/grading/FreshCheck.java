package io.packpass.gateway.grading;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.gateway.verify.UpdateCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A grader's checks of a fresh reading before it is graded: the pack's own signature under a device
 * certificate that chains to the manufacturer's root, names this passport and is not revoked; the
 * grader's nonce; a time near now; and against the registry's history: the same passport, a seq past
 * the registry's head (continuing it when it is the next one), a time not before the head's, and no
 * lifetime counter lower than the registry already holds.
 */
public final class FreshCheck {
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private FreshCheck() {
  }

  /** A check that failed; the message says which. */
  public static final class FreshReadingException extends Exception {
    private static final long serialVersionUID = 1L;

    public FreshReadingException(String message) {
      super(message);
    }
  }

  public static SignedUpdate verify(byte[] bytes, byte[] nonce, UpdateCertificates certificates, Instant now)
      throws FreshReadingException {
    SignedUpdate fresh;
    try {
      fresh = SignedUpdate.parse(bytes);
    } catch (UpdateFormatException e) {
      throw new FreshReadingException("the agent's answer is not a signed update: " + e.getMessage());
    }
    UpdatePayload p = fresh.payload();
    if (p.kind() != UpdateKind.READING) {
      throw new FreshReadingException("the agent answered a " + p.kind() + ", not a reading");
    }
    if (p.nonce().isEmpty() || !Arrays.equals(p.nonce().get(), nonce)) {
      throw new FreshReadingException("the reading does not carry this grader's nonce: it is not fresh");
    }
    if (Duration.between(p.time(), now).abs().compareTo(TOLERANCE) > 0) {
      throw new FreshReadingException("the reading is signed at " + p.time() + ", not now (" + now + ")");
    }
    Optional<String> problem = certificates.verifyAlone(fresh);
    if (problem.isPresent()) {
      throw new FreshReadingException("the reading's certificate or signature: " + problem.get());
    }
    return fresh;
  }

  /**
   * @param heldAtSeq the hash of the update the registry holds at the fresh reading's seq, if it holds one
   *     (the site gateway may have synced the very reading already)
   */
  public static void againstHistory(SignedUpdate fresh, PassportId id, Passport held, long headSeq, byte[] headHash,
      Instant headTime, Optional<byte[]> heldAtSeq) throws FreshReadingException {
    UpdatePayload p = fresh.payload();
    if (!p.passportId().equals(id)) {
      throw new FreshReadingException("the agent serves " + p.passportId().elementString() + ", not "
          + id.elementString());
    }
    if (p.seq() <= headSeq) {
      if (heldAtSeq.isPresent() && Arrays.equals(heldAtSeq.get(), fresh.hash())) {
        return; // this very reading reached the registry already, through the pack's gateway
      }
      throw new FreshReadingException("the registry holds another update at seq " + p.seq() + " of this pack (its"
          + " chain is at seq " + headSeq + "): the agent's chain forked or went back");
    }
    if (p.seq() == headSeq + 1 && !Arrays.equals(p.prev(), headHash)) {
      throw new FreshReadingException("the reading continues another chain than the registry's (prev of seq "
          + p.seq() + " is not the registry's head)");
    }
    if (p.time().isBefore(headTime)) {
      throw new FreshReadingException("the reading (" + p.time() + ") is older than the registry's newest update ("
          + headTime + ")");
    }
    Condition now = Condition.fromCbor(p.body(), "$.6");
    if (held.condition().isPresent()) {
      for (Map.Entry<Quantity, Measured> e : held.condition().get().values().entrySet()) {
        Measured after = now.values().get(e.getKey());
        if (e.getKey().isMonotonic() && after != null && after.value() < e.getValue().value()) {
          throw new FreshReadingException(e.getKey().label() + " went down from " + e.getValue().value() + " to "
              + after.value() + ": a lifetime counter never does");
        }
      }
    }
  }
}
