package io.packpass.core.label;

import io.packpass.core.id.PassportId;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * What {@link LabelVerifier} concluded about a scanned label, with a sentence saying why.
 * {@link #facts()} and {@link #signer()} are present for {@link Outcome#VERIFIED} only;
 * {@link #passport()} whenever the text was a passport's Digital Link (the id is then known, if not proven).
 */
public record LabelVerdict(Outcome outcome, String reason, Optional<PassportId> passport, Optional<LabelFacts> facts,
    Optional<X509Certificate> signer) {

  public enum Outcome {
    /** Signed by a key the trust file vouches for, entitled for this passport, signature good. */
    VERIFIED,
    /** The text is not a passport's GS1 Digital Link. */
    NOT_A_PASSPORT_LINK,
    /** A valid link without a signature: it identifies the pack, but proves nothing offline. */
    UNSIGNED,
    /** The signature part is damaged or not a PackPass label signature. */
    MALFORMED,
    /** The key id is in no certificate of the trust file, and the label carries no certificate. */
    UNKNOWN_SIGNER,
    /** The signer's certificate does not chain to a trusted root, was not valid at the label's time, or is revoked. */
    UNTRUSTED_SIGNER,
    /** The certificate is trusted but may not sign this passport's label (not a passport signer, nor its device). */
    NOT_ENTITLED,
    /** The signature does not verify: the facts or the link were changed. */
    BAD_SIGNATURE,
    /** The label is dated later than this clock allows. */
    FUTURE_DATED;

    public boolean isVerified() {
      return this == VERIFIED;
    }
  }

  static LabelVerdict fail(Outcome outcome, String reason, Optional<PassportId> passport) {
    return new LabelVerdict(outcome, reason, passport, Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return outcome + ": " + reason;
  }
}
