package io.packpass.bench;

import io.packpass.core.cose.SoftwareSigner;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The typical update with Ed25519 (COSE EdDSA, PackPass's default) against Bouncy Castle's
 * lightweight {@link Ed25519Signer}, initialised once and reused (the §3.3 baseline), over the same
 * ToBeSigned bytes.
 */
public class Ed25519UpdateBenchmark extends SignedUpdateBenchmark {
  private Ed25519Signer rawSigner;
  private Ed25519Signer rawVerifier;

  @Override
  SoftwareSigner signer() {
    return SoftwareSigner.ed25519(TypicalUpdate.ED25519_SEED);
  }

  @Override
  void prepareRaw() {
    Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(TypicalUpdate.ED25519_SEED, 0);
    rawSigner = new Ed25519Signer();
    rawSigner.init(true, privateKey);
    rawVerifier = new Ed25519Signer();
    rawVerifier.init(false, privateKey.generatePublicKey());
    check(Arrays.equals(rawEd25519Sign(), signature), "raw Ed25519 signature differs from the COSE one");
    check(rawEd25519Verify(), "raw Ed25519 does not verify the COSE signature");
  }

  @Benchmark
  public byte[] rawEd25519Sign() {
    rawSigner.update(toBeSigned, 0, toBeSigned.length);
    return rawSigner.generateSignature();
  }

  @Benchmark
  public boolean rawEd25519Verify() {
    rawVerifier.update(toBeSigned, 0, toBeSigned.length);
    return rawVerifier.verifySignature(signature);
  }
}
