package io.packpass.gateway.store;

import io.packpass.core.update.Verdict;
import java.util.Locale;

/**
 * Why an incoming update was not stored as valid. The first group comes from the certificate checks
 * the gateway makes before the chain is looked at; the second is core's chain verdict, one for one.
 * The stored and wire form is {@link #code()}: lower case with hyphens.
 */
public enum QuarantineReason {
  /** Not a well-formed PackPass signed update (COSE structure, payload, size or depth limits). */
  MALFORMED,
  /**
   * The update carries no certificate chain (x5chain) and no earlier update of its passport announced
   * one for its kid, so nothing ties its key to the manufacturer.
   */
  NO_CERTIFICATE,
  /** The chain does not lead to a configured trust anchor, or a certificate was not valid at the update's time. */
  UNTRUSTED_CERTIFICATE,
  /** The signer's certificate is on the CRL (revoked before the update's time, or for key compromise). */
  REVOKED,
  /** The kid in the protected header is not the key of the certificate that comes with it. */
  KID_MISMATCH,
  /** A birth record signed by a certificate without the passport-signing extended key usage. */
  NOT_PASSPORT_SIGNER,
  /** A device update whose certificate does not name this passport in its SAN. */
  PASSPORT_NOT_IN_CERTIFICATE,
  /** The certificate may not sign this kind of update (e.g. a role certificate signing a reading). */
  NOT_ENTITLED,
  GAP,
  FORK,
  ROLLBACK,
  BAD_SIGNATURE,
  UNKNOWN_KEY,
  CLOCK_OUT_OF_TOLERANCE,
  INVALID;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static QuarantineReason fromCode(String code) {
    for (QuarantineReason reason : values()) {
      if (reason.code().equals(code)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("unknown quarantine reason '" + code + "'");
  }

  /** The reason for a chain verdict that is neither accepted nor duplicate. */
  public static QuarantineReason of(Verdict.Outcome outcome) {
    switch (outcome) {
      case ACCEPTED:
      case DUPLICATE:
        throw new IllegalArgumentException(outcome + " is not a reason to quarantine");
      default:
        return valueOf(outcome.name());
    }
  }
}
