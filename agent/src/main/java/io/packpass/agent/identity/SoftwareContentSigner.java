package io.packpass.agent.identity;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;

/**
 * Bouncy Castle's X.509 signing hook backed by a {@link SoftwareSigner}, so requests and certificates
 * are signed without the private key leaving the object that holds it: Ed25519 signs the bytes as
 * they are (RFC 8410), ES256's raw {@code r || s} is re-encoded as the DER ECDSA-Sig-Value X.509 expects.
 */
final class SoftwareContentSigner implements ContentSigner {
  private final SoftwareSigner key;
  private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

  SoftwareContentSigner(SoftwareSigner key) {
    this.key = key;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return key.algorithm() == CoseAlgorithm.EDDSA ? new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519)
        : new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
  }

  @Override
  public OutputStream getOutputStream() {
    return toBeSigned;
  }

  @Override
  public byte[] getSignature() {
    byte[] signature = key.sign(toBeSigned.toByteArray());
    if (key.algorithm() == CoseAlgorithm.EDDSA) {
      return signature;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding in memory failed", e);
    }
  }
}
