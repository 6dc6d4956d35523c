package io.packpass.agent.identity;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.pki.PackPassOids;
import io.packpass.core.pki.TrustStore;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * A throwaway certificate authority for a laptop demo of the agent: a root, a passport signer
 * (PackPass EKU) and device certificates (passport Digital Link in the SAN), shaped like the ones
 * {@code packpass provision} issues, so the agent checks them exactly as it checks real ones. It is
 * here, not in provisioning, because the agent must not depend on the manufacturer's CA software
 * (ARCHITECTURE.md §2); it keeps no registry, issues no CRL and is never for production: its name
 * says so in every certificate.
 */
public final class DemoAuthority {
  private final X500Name rootName;
  private final SoftwareSigner rootKey;
  private final X509Certificate root;
  private final SoftwareSigner passportSigner;
  private final Instant notBefore;

  private DemoAuthority(X500Name rootName, SoftwareSigner rootKey, X509Certificate root,
      SoftwareSigner passportSigner, Instant notBefore) {
    this.rootName = rootName;
    this.rootKey = rootKey;
    this.root = root;
    this.passportSigner = passportSigner;
    this.notBefore = notBefore;
  }

  /** A new authority named {@code organisation}, valid from {@code notBefore} for 10 years. */
  public static DemoAuthority create(String organisation, Instant notBefore) {
    SecureRandom random = new SecureRandom();
    SoftwareSigner rootKey = SoftwareSigner.generate(CoseAlgorithm.EDDSA, random);
    X500Name rootName = name(organisation, organisation + " Root CA");
    X509Certificate root = certificate(rootName, rootName, rootKey, rootKey, notBefore, Period.ofYears(10), b -> {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    });
    SoftwareSigner signerKey = SoftwareSigner.generate(CoseAlgorithm.EDDSA, random);
    X509Certificate signer = certificate(rootName, name(organisation, organisation + " Passport Signer"), signerKey,
        rootKey, notBefore, Period.ofYears(10), b -> {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(KeyPurposeId.getInstance(PackPassOids.KP_PASSPORT_SIGNING)));
        });
    return new DemoAuthority(rootName, rootKey, root, signerKey.withCertificateChain(List.of(der(signer))),
        notBefore);
  }

  public X509Certificate root() {
    return root;
  }

  /** Signs birth records; announces its certificate (x5chain). */
  public SoftwareSigner passportSigner() {
    return passportSigner;
  }

  /** A device certificate for {@code deviceKey}, naming {@code passportLink} in its SAN; DTLS-capable. */
  public X509Certificate issueDevice(SoftwareSigner deviceKey, String commonName, String passportLink) {
    return certificate(rootName, name(rootName.getRDNs(BCStyle.O)[0].getFirst().getValue().toString(), commonName),
        deviceKey, rootKey, notBefore, Period.ofYears(10), b -> {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
          b.addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, passportLink)));
        });
  }

  @FunctionalInterface
  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws CertIOException;
  }

  private static X509Certificate certificate(X500Name issuer, X500Name subject, SoftwareSigner subjectKey,
      SoftwareSigner issuerKey, Instant notBefore, Period validity, Extensions extensions) {
    BigInteger serial = new BigInteger(128, new SecureRandom());
    Date from = Date.from(notBefore);
    Date to = Date.from(notBefore.atZone(ZoneOffset.UTC).plus(validity).toInstant());
    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial, from, to, subject,
        SubjectPublicKeyInfo.getInstance(subjectKey.verificationKey().subjectPublicKeyInfo()));
    try {
      extensions.add(builder);
      return TrustStore.fromDer(List.of(builder.build(new SoftwareContentSigner(issuerKey)).getEncoded())).get(0);
    } catch (IOException e) {
      throw new IllegalStateException("certificate encoding in memory failed", e);
    }
  }

  private static X500Name name(String organisation, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organisation).addRDN(BCStyle.CN, commonName)
        .build();
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
