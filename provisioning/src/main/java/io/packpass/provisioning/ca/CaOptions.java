package io.packpass.provisioning.ca;

import io.packpass.provisioning.ProvisioningException;
import java.util.Objects;

/**
 * How {@link CaStore#init} builds a new CA.
 *
 * @param algorithm key type of root, issuing CA and passport signer
 * @param name organisation name, used in every subject (O=...)
 * @param rootValidityYears lifetime of the root CA
 * @param issuingValidityYears lifetime of the issuing CA and the passport signer; at most the root's
 */
public record CaOptions(KeyAlgorithm algorithm, String name, int rootValidityYears, int issuingValidityYears) {
  public static final String DEFAULT_NAME = "Voltaris Demo Cells GmbH";

  public CaOptions {
    Objects.requireNonNull(algorithm, "algorithm");
    if (name == null || name.isBlank()) {
      throw new ProvisioningException("the CA name must not be empty");
    }
    if (rootValidityYears < 1 || issuingValidityYears < 1) {
      throw new ProvisioningException("validity must be at least one year");
    }
    if (issuingValidityYears > rootValidityYears) {
      throw new ProvisioningException("the issuing CA (" + issuingValidityYears
          + " years) cannot outlive the root (" + rootValidityYears + " years)");
    }
  }

  /** Ed25519, {@value #DEFAULT_NAME}, root 20 years, issuing CA 10 years. */
  public static CaOptions defaults() {
    return new CaOptions(KeyAlgorithm.ED25519, DEFAULT_NAME, 20, 10);
  }
}
