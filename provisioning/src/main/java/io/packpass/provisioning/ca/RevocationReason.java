package io.packpass.provisioning.ca;

import io.packpass.provisioning.ProvisioningException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;

/** CRL reason codes (RFC 5280 §5.3.1) an operator may give. certificateHold is left out: revocation is final. */
public enum RevocationReason {
  UNSPECIFIED("unspecified", CRLReason.unspecified),
  KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
  AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
  SUPERSEDED("superseded", CRLReason.superseded),
  CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
  PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

  private final String id;
  private final int code;

  RevocationReason(String id, int code) {
    this.id = id;
    this.code = code;
  }

  /** RFC 5280 name, as on the command line and in the registry. */
  public String id() {
    return id;
  }

  int code() {
    return code;
  }

  public static RevocationReason fromId(String id) {
    for (RevocationReason reason : values()) {
      if (reason.id.equalsIgnoreCase(id)) {
        return reason;
      }
    }
    throw new ProvisioningException("unknown revocation reason '" + id + "'; expected one of: "
        + Arrays.stream(values()).map(RevocationReason::id).collect(Collectors.joining(", ")));
  }
}
