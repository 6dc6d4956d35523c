package io.packpass.agent.identity;

import io.packpass.core.cose.SoftwareSigner;
import java.io.IOException;
import java.io.StringWriter;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A PKCS#10 certificate signing request for the device key, for {@code packpass provision device
 * enroll}, signed through the {@link SoftwareSigner} itself ({@link SoftwareContentSigner}), so the
 * private key never leaves the object that holds it.
 */
public final class DeviceCsr {
  private DeviceCsr() {
  }

  /** PEM {@code CERTIFICATE REQUEST} with subject {@code CN=<commonName>}. */
  public static String create(SoftwareSigner key, String commonName) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.verificationKey().subjectPublicKeyInfo());
    PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(subject, spki)
        .build(new SoftwareContentSigner(key));
    StringWriter text = new StringWriter();
    try (PemWriter pem = new PemWriter(text)) {
      pem.writeObject(new PemObject("CERTIFICATE REQUEST", csr.getEncoded()));
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding in memory failed", e);
    }
    return text.toString();
  }
}
