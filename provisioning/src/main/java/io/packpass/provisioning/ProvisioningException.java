package io.packpass.provisioning;

/**
 * A problem the operator can fix (bad file, wrong passphrase, invalid row, refused enrollment):
 * reported in one line, exit code 2, nothing written.
 */
public class ProvisioningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProvisioningException(String message) {
    super(message);
  }

  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
