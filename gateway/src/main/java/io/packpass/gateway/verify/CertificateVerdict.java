package io.packpass.gateway.verify;

import io.packpass.core.update.TrustedKeys;
import io.packpass.gateway.store.QuarantineReason;
import java.util.Objects;

/** What {@link UpdateCertificates} found: the keys the update may be checked with, or why it may not be trusted. */
public sealed interface CertificateVerdict {
  /** The update's certificate chain is trusted; {@code keys} grants exactly what its leaf certificate allows. */
  record Trusted(TrustedKeys keys) implements CertificateVerdict {
    public Trusted {
      Objects.requireNonNull(keys, "keys");
    }
  }

  record Refused(QuarantineReason reason, String detail) implements CertificateVerdict {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
