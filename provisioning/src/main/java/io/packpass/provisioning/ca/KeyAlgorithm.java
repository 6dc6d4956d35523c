package io.packpass.provisioning.ca;

import io.packpass.provisioning.ProvisioningException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Key types the PackPass CA issues and accepts: Ed25519 (default) and ECDSA P-256. */
public enum KeyAlgorithm {
  ED25519("ed25519", "Ed25519"),
  P256("p256", "SHA256withECDSA");

  private final String id;
  private final String signatureAlgorithm;

  KeyAlgorithm(String id, String signatureAlgorithm) {
    this.id = id;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** Name on the command line: {@code ed25519} or {@code p256}. */
  public String id() {
    return id;
  }

  /** JCA name of the signature algorithm a key of this type signs certificates and CRLs with. */
  String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public static KeyAlgorithm fromId(String id) {
    for (KeyAlgorithm algorithm : values()) {
      if (algorithm.id.equals(id.toLowerCase(Locale.ROOT))) {
        return algorithm;
      }
    }
    throw new ProvisioningException("unknown key algorithm '" + id + "'; expected one of: "
        + Arrays.stream(values()).map(KeyAlgorithm::id).collect(Collectors.joining(", ")));
  }
}
