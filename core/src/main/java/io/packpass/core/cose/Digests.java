package io.packpass.core.cose;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** The message digest each ECDSA COSE algorithm prescribes. */
final class Digests {
  private Digests() {
  }

  static Digest create(CoseAlgorithm algorithm) {
    return switch (algorithm) {
      case ES256 -> new SHA256Digest();
      case ES384 -> new SHA384Digest();
      case ES512 -> new SHA512Digest();
      default -> throw new IllegalArgumentException(algorithm + " does not hash before signing");
    };
  }
}
