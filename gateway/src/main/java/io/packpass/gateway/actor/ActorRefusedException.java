package io.packpass.gateway.actor;

/** A signer the registry does not accept: the chain, the key or the signature is not good; the message says which. */
public final class ActorRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why, as a code for machines: untrusted-certificate, revoked, kid-mismatch, bad-signature, no-role. */
  private final String code;

  public ActorRefusedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
