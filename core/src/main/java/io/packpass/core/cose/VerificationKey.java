package io.packpass.core.cose;

import io.packpass.core.id.KeyId;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A public key that checks COSE signatures, on Bouncy Castle's lightweight API (JDK 17's own
 * EdDSA and ECDSA are 8 to 20 times slower, see coap-cose.md §3.3). Supports Ed25519, Ed448 and
 * ECDSA over P-256, P-384 and P-521.
 */
public final class VerificationKey {
  private final AsymmetricKeyParameter key;
  private final byte[] subjectPublicKeyInfo;
  private final KeyId keyId;

  private VerificationKey(AsymmetricKeyParameter key) {
    if (key.isPrivate()) {
      throw new IllegalArgumentException("a verification key must be public");
    }
    this.key = key;
    try {
      this.subjectPublicKeyInfo = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode the public key", e);
    }
    this.keyId = KeyId.ofSubjectPublicKeyInfo(subjectPublicKeyInfo);
  }

  static VerificationKey of(AsymmetricKeyParameter key) {
    return new VerificationKey(key);
  }

  /** From DER SubjectPublicKeyInfo (what X.509 certificates and PEM PUBLIC KEY files carry). */
  public static VerificationKey fromSubjectPublicKeyInfo(byte[] der) {
    try {
      return new VerificationKey(PublicKeyFactory.createKey(der));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a supported SubjectPublicKeyInfo (Ed25519, Ed448, EC P-256/384/521)", e);
    }
  }

  public static VerificationKey fromPublicKey(PublicKey key) {
    if (!"X.509".equals(key.getFormat())) {
      throw new IllegalArgumentException("public key must be X.509-encodable, is " + key.getFormat());
    }
    return fromSubjectPublicKeyInfo(key.getEncoded());
  }

  /** Raw 32-byte Ed25519 public key (RFC 8032). */
  public static VerificationKey ed25519(byte[] raw) {
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 public keys are 32 bytes, got " + raw.length);
    }
    return new VerificationKey(new Ed25519PublicKeyParameters(raw, 0));
  }

  /** Raw 57-byte Ed448 public key (RFC 8032). */
  public static VerificationKey ed448(byte[] raw) {
    if (raw.length != Ed448PublicKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("Ed448 public keys are 57 bytes, got " + raw.length);
    }
    return new VerificationKey(new Ed448PublicKeyParameters(raw, 0));
  }

  /** EC public key from affine coordinates, curve named as in COSE/JOSE: P-256, P-384, P-521. */
  public static VerificationKey ec(String curve, byte[] x, byte[] y) {
    ECNamedDomainParameters domain = namedCurve(curve);
    var point = domain.getCurve().validatePoint(new BigInteger(1, x), new BigInteger(1, y));
    return new VerificationKey(new ECPublicKeyParameters(point, domain));
  }

  static ECNamedDomainParameters namedCurve(String curve) {
    String name = switch (curve) {
      case "P-256" -> "secp256r1";
      case "P-384" -> "secp384r1";
      case "P-521" -> "secp521r1";
      default -> throw new IllegalArgumentException("unsupported curve " + curve);
    };
    ASN1ObjectIdentifier oid = ECNamedCurveTable.getOID(name);
    // Bouncy Castle's specialised field arithmetic for the NIST curves is several times faster
    // than the generic curve the plain table returns; the domain (and every key) is identical.
    X9ECParameters params = CustomNamedCurves.getByOID(oid);
    return new ECNamedDomainParameters(oid, params != null ? params : ECNamedCurveTable.getByOID(oid));
  }

  public KeyId keyId() {
    return keyId;
  }

  public byte[] subjectPublicKeyInfo() {
    return subjectPublicKeyInfo.clone();
  }

  /** Whether {@code algorithm} may be used with this key at all. */
  public boolean supports(CoseAlgorithm algorithm) {
    if (key instanceof Ed25519PublicKeyParameters) {
      return algorithm == CoseAlgorithm.EDDSA || algorithm == CoseAlgorithm.ED25519;
    }
    if (key instanceof Ed448PublicKeyParameters) {
      return algorithm == CoseAlgorithm.EDDSA;
    }
    return algorithm.isEcdsa();
  }

  /**
   * Checks {@code signature} over {@code toBeSigned}.
   *
   * @throws CoseException if the algorithm does not fit this key
   */
  public boolean verify(CoseAlgorithm algorithm, byte[] toBeSigned, byte[] signature) {
    if (!supports(algorithm)) {
      throw new CoseException("algorithm " + algorithm + " (" + algorithm.id() + ") does not fit a " + describe() + " key");
    }
    if (key instanceof Ed25519PublicKeyParameters) {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, key);
      verifier.update(toBeSigned, 0, toBeSigned.length);
      return verifier.verifySignature(signature);
    }
    if (key instanceof Ed448PublicKeyParameters) {
      Ed448Signer verifier = new Ed448Signer(new byte[0]);
      verifier.init(false, key);
      verifier.update(toBeSigned, 0, toBeSigned.length);
      return verifier.verifySignature(signature);
    }
    ECPublicKeyParameters ec = (ECPublicKeyParameters) key;
    int size = (ec.getParameters().getN().bitLength() + 7) / 8;
    if (signature.length != 2 * size) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, ec);
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, size));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, size, 2 * size));
    return verifier.verifySignature(digest(algorithm, toBeSigned), r, s);
  }

  static byte[] digest(CoseAlgorithm algorithm, byte[] message) {
    Digest digest = Digests.create(algorithm);
    digest.update(message, 0, message.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }

  private String describe() {
    if (key instanceof Ed25519PublicKeyParameters) {
      return "Ed25519";
    }
    if (key instanceof Ed448PublicKeyParameters) {
      return "Ed448";
    }
    return "EC";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationKey k && Arrays.equals(subjectPublicKeyInfo, k.subjectPublicKeyInfo);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(subjectPublicKeyInfo);
  }

  @Override
  public String toString() {
    return describe() + " public key " + keyId;
  }
}
