package io.packpass.gateway.registry;

import java.util.Locale;

/** Why the registry did not append an entry to a passport's log. Wire form: {@link #code()}. */
public enum LogRefusal {
  /** Not a well-formed entry (COSE, payload, body). */
  MALFORMED,
  /** The entry names another passport than the one it was sent to. */
  WRONG_PASSPORT,
  /** The registry holds no passport with this id. */
  UNKNOWN_PASSPORT,
  /** The signer's certificate chain does not lead to the manufacturer's root, or is not valid now. */
  UNTRUSTED_CERTIFICATE,
  REVOKED,
  KID_MISMATCH,
  BAD_SIGNATURE,
  /** The signer's role may not make this entry (Art. 77 entitlements, docs/registry.md). */
  NOT_ENTITLED,
  /** The entry is not at the log's head (another entry came first): fetch the head and sign again. */
  CONFLICT,
  /** The device-chain update the entry says it was based on is not the registry's. */
  BASIS_MISMATCH,
  /** A decision without a verifiable fresh reading (evidence), or evidence that does not fit. */
  BAD_EVIDENCE,
  /** The entry's time is too far from the registry's clock. */
  CLOCK_OUT_OF_TOLERANCE,
  /** The change is not allowed from the passport's current status or record state. */
  ILLEGAL_TRANSITION;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static LogRefusal fromCode(String code) {
    for (LogRefusal r : values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown log refusal '" + code + "'");
  }
}
