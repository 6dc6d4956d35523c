package io.packpass.bench;

import io.packpass.core.cose.SoftwareSigner;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The typical update with ES256 (secondary: for secure elements that only speak P-256) against Bouncy
 * Castle's lightweight {@link ECDSASigner} with RFC 6979 nonces, initialised once and reused: SHA-256
 * of the same ToBeSigned bytes, then sign or verify. The baseline stops at BC's (r, s) pair; the
 * 64-byte r‖s encoding is counted as PackPass overhead.
 *
 * <p>The baseline takes P-256 from {@link CustomNamedCurves}, the specialised field arithmetic that
 * BC's own JCA provider uses. {@code ECNamedCurveTable} returns a generic {@code ECCurve.Fp} for the
 * same OID, about five times slower; a baseline on that curve would hide the cost of the curve
 * choice instead of measuring it (docs/benchmarks.md).
 *
 * <p>Which curve PackPass's own keys sit on depends on how they were built, hence {@link #keys}.
 */
public class Es256UpdateBenchmark extends SignedUpdateBenchmark {
  /**
   * {@code scalar}: {@code SoftwareSigner.es256(scalar)} and its verification key (generic curve, as
   * also from {@code generate} and {@code VerificationKey.ec}); {@code pkcs8}: the same key loaded
   * from PKCS#8, as from a key store (BC's key factories pick the specialised curve, as they do for a
   * SubjectPublicKeyInfo from a certificate).
   */
  @Param({"scalar", "pkcs8"})
  public String keys;

  private ECDSASigner rawSigner;
  private ECDSASigner rawVerifier;
  private BigInteger r;
  private BigInteger s;

  @Override
  SoftwareSigner signer() {
    SoftwareSigner fromScalar = SoftwareSigner.es256(TypicalUpdate.P256_SCALAR);
    return switch (keys) {
      case "scalar" -> fromScalar;
      case "pkcs8" -> SoftwareSigner.fromPkcs8(fromScalar.pkcs8());
      default -> throw new IllegalArgumentException("keys is scalar or pkcs8, not " + keys);
    };
  }

  @Override
  void prepareRaw() {
    ASN1ObjectIdentifier oid = ECNamedCurveTable.getOID("secp256r1");
    ECNamedDomainParameters domain = new ECNamedDomainParameters(oid, CustomNamedCurves.getByOID(oid));
    ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(new BigInteger(1, TypicalUpdate.P256_SCALAR), domain);
    rawSigner = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    rawSigner.init(true, privateKey);
    rawVerifier = new ECDSASigner();
    rawVerifier.init(false, new ECPublicKeyParameters(domain.getG().multiply(privateKey.getD()).normalize(), domain));
    r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    BigInteger[] rs = rawEs256Sign();
    check(rs[0].equals(r) && rs[1].equals(s), "raw ES256 signature differs from the COSE one (RFC 6979)");
    check(rawEs256Verify(), "raw ES256 does not verify the COSE signature");
  }

  @Benchmark
  public BigInteger[] rawEs256Sign() {
    return rawSigner.generateSignature(sha256(toBeSigned));
  }

  @Benchmark
  public boolean rawEs256Verify() {
    return rawVerifier.verifySignature(sha256(toBeSigned), r, s);
  }

  private static byte[] sha256(byte[] message) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(message, 0, message.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
