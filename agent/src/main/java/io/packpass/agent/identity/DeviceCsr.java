package io.packpass.agent.identity;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A PKCS#10 certificate signing request for the device key, for {@code packpass provision device
 * enroll}. Signed through the {@link SoftwareSigner} itself, so the private key never leaves the
 * object that holds it: Ed25519 signs the request bytes as they are (RFC 8410), ES256's raw
 * {@code r || s} is re-encoded as the DER ECDSA-Sig-Value X.509 expects.
 */
public final class DeviceCsr {
  private DeviceCsr() {
  }

  /** PEM {@code CERTIFICATE REQUEST} with subject {@code CN=<commonName>}. */
  public static String create(SoftwareSigner key, String commonName) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.verificationKey().subjectPublicKeyInfo());
    PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(subject, spki).build(new Signing(key));
    StringWriter text = new StringWriter();
    try (PemWriter pem = new PemWriter(text)) {
      pem.writeObject(new PemObject("CERTIFICATE REQUEST", csr.getEncoded()));
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding in memory failed", e);
    }
    return text.toString();
  }

  /** BC's signing hook, backed by the device key. */
  private static final class Signing implements ContentSigner {
    private final SoftwareSigner key;
    private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

    Signing(SoftwareSigner key) {
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
}
