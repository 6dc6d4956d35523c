package io.packpass.core.update;

import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.Signer;
import io.packpass.core.id.KeyId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A passport update as it travels: a COSE_Sign1 (tag 18) whose payload is an
 * {@link UpdatePayload}, with alg and kid in the protected header. {@link #hash()} is the SHA-256
 * of the exact COSE bytes, which the next update names as its {@code prev}.
 *
 * <p>Parsing checks structure only; whether the signature is good and the update fits the chain is
 * {@link ChainVerifier}'s call.
 */
public final class SignedUpdate {
  private final CoseSign1 cose;
  private final UpdatePayload payload;
  private final KeyId kid;
  private final byte[] hash;

  private SignedUpdate(CoseSign1 cose, UpdatePayload payload, KeyId kid) {
    this.cose = cose;
    this.payload = payload;
    this.kid = kid;
    this.hash = sha256(cose.encoded());
  }

  public static SignedUpdate sign(Signer signer, UpdatePayload payload) {
    return new SignedUpdate(CoseSign1.sign(signer, payload.encode()), payload, signer.keyId());
  }

  public static SignedUpdate parse(byte[] bytes) {
    return parse(bytes, CborLimits.DEFAULT);
  }

  /**
   * @throws UpdateFormatException when the bytes are not a well-formed PackPass update
   */
  public static SignedUpdate parse(byte[] bytes, CborLimits limits) {
    CoseSign1 cose;
    try {
      cose = CoseSign1.parse(bytes, limits);
    } catch (CoseException e) {
      throw new UpdateFormatException(e.getMessage(), e);
    }
    if (!cose.algorithmIsProtected()) {
      throw new UpdateFormatException("update must carry 'alg' in the protected header");
    }
    if (!cose.protectedHeaders().get(CoseSign1.LABEL_KID).isPresent()) {
      throw new UpdateFormatException("update must carry 'kid' in the protected header");
    }
    KeyId kid;
    try {
      cose.algorithm();
      kid = KeyId.of(cose.kid().orElseThrow());
    } catch (CoseException | IllegalArgumentException e) {
      throw new UpdateFormatException("update header: " + e.getMessage(), e);
    }
    byte[] payloadBytes = cose.payload()
        .orElseThrow(() -> new UpdateFormatException("update payload must not be detached"));
    UpdatePayload payload;
    try {
      payload = UpdatePayload.decode(payloadBytes, limits);
    } catch (CborException e) {
      throw new UpdateFormatException("update payload: " + e.getMessage(), e);
    }
    return new SignedUpdate(cose, payload, kid);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  public CoseSign1 cose() {
    return cose;
  }

  public UpdatePayload payload() {
    return payload;
  }

  public KeyId kid() {
    return kid;
  }

  /** SHA-256 of {@link #encoded()}. */
  public byte[] hash() {
    return hash.clone();
  }

  /** The exact COSE_Sign1 bytes. */
  public byte[] encoded() {
    return cose.encoded();
  }

  @Override
  public String toString() {
    return "SignedUpdate[" + payload.passportId() + " seq " + payload.seq() + " " + payload.kind() + ", kid " + kid
        + ", hash " + HexFormat.of().formatHex(hash, 0, 8) + "...]";
  }
}
