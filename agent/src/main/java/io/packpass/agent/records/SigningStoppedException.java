package io.packpass.agent.records;

/**
 * The device certificate no longer lets the agent sign (it expired, or the CRL lists it): what was
 * signed before stays in the journal and is served; nothing new is signed until a valid certificate
 * is installed and the agent restarted.
 */
public class SigningStoppedException extends RecordsException {
  private static final long serialVersionUID = 1L;

  public SigningStoppedException(String message) {
    super(message);
  }
}
