package io.packpass.core.cose;

import io.packpass.core.id.KeyId;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * A {@link Signer} over a private key held in memory (Bouncy Castle lightweight API): Ed25519
 * for {@link CoseAlgorithm#EDDSA}, P-256 with deterministic nonces (RFC 6979) for
 * {@link CoseAlgorithm#ES256}. {@link #toString()} never shows key material.
 */
public final class SoftwareSigner implements Signer {
  private final CoseAlgorithm algorithm;
  private final AsymmetricKeyParameter privateKey;
  private final VerificationKey publicKey;
  private final List<byte[]> chain;

  private SoftwareSigner(CoseAlgorithm algorithm, AsymmetricKeyParameter privateKey,
      VerificationKey publicKey, List<byte[]> chain) {
    this.algorithm = algorithm;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.chain = chain.stream().map(byte[]::clone).toList();
  }

  /** Ed25519 from its 32-byte RFC 8032 seed. */
  public static SoftwareSigner ed25519(byte[] seed) {
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 private keys are 32 bytes, got " + seed.length);
    }
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);
    return new SoftwareSigner(CoseAlgorithm.EDDSA, key, VerificationKey.of(key.generatePublicKey()), List.of());
  }

  /** ES256 from the 32-byte P-256 private scalar. */
  public static SoftwareSigner es256(byte[] scalar) {
    var domain = VerificationKey.namedCurve("P-256");
    ECPrivateKeyParameters key = new ECPrivateKeyParameters(new BigInteger(1, scalar), domain);
    var q = domain.getG().multiply(key.getD()).normalize();
    return new SoftwareSigner(CoseAlgorithm.ES256, key, VerificationKey.of(new ECPublicKeyParameters(q, domain)), List.of());
  }

  /** A fresh key for {@code algorithm} (EDDSA or ES256). */
  public static SoftwareSigner generate(CoseAlgorithm algorithm, SecureRandom random) {
    switch (algorithm) {
      case EDDSA:
        return ed25519(new Ed25519PrivateKeyParameters(random).getEncoded());
      case ES256:
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(VerificationKey.namedCurve("P-256"), random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new SoftwareSigner(CoseAlgorithm.ES256, pair.getPrivate(), VerificationKey.of(pair.getPublic()), List.of());
      default:
        throw new IllegalArgumentException("PackPass signs with EdDSA (Ed25519) or ES256, not " + algorithm);
    }
  }

  /** From DER PKCS#8 PrivateKeyInfo, as stored in PKCS#12 or an unencrypted PEM PRIVATE KEY. */
  public static SoftwareSigner fromPkcs8(byte[] der) {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(der);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a readable PKCS#8 private key", e);
    }
    if (key instanceof Ed25519PrivateKeyParameters ed) {
      return new SoftwareSigner(CoseAlgorithm.EDDSA, ed, VerificationKey.of(ed.generatePublicKey()), List.of());
    }
    if (key instanceof ECPrivateKeyParameters ec && ec.getParameters().getCurve().getFieldSize() == 256) {
      var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
      return new SoftwareSigner(CoseAlgorithm.ES256, ec,
          VerificationKey.of(new ECPublicKeyParameters(q, ec.getParameters())), List.of());
    }
    throw new IllegalArgumentException("PackPass signs with Ed25519 or P-256 keys only");
  }

  /** The same key, announcing {@code certificates} (DER, leaf first) in x5chain. */
  public SoftwareSigner withCertificateChain(List<byte[]> certificates) {
    return new SoftwareSigner(algorithm, privateKey, publicKey, certificates);
  }

  /** DER PKCS#8 of the private key, for key stores. Handle with care: never log it. */
  public byte[] pkcs8() {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the private key", e);
    }
  }

  public VerificationKey verificationKey() {
    return publicKey;
  }

  @Override
  public CoseAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public KeyId keyId() {
    return publicKey.keyId();
  }

  @Override
  public List<byte[]> certificateChain() {
    return chain.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] sign(byte[] toBeSigned) {
    if (algorithm == CoseAlgorithm.EDDSA) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, privateKey);
      signer.update(toBeSigned, 0, toBeSigned.length);
      return signer.generateSignature();
    }
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, privateKey);
    BigInteger[] rs = signer.generateSignature(VerificationKey.digest(algorithm, toBeSigned));
    byte[] out = new byte[64];
    fixed(rs[0], out, 0);
    fixed(rs[1], out, 32);
    return out;
  }

  private static void fixed(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
  }

  @Override
  public String toString() {
    return "SoftwareSigner[" + algorithm + ", kid " + keyId() + "]";
  }
}
