package io.packpass.provisioning.ca;

import io.packpass.core.id.KeyId;
import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Certificates, CRLs and serials as people and files see them: PEM, fingerprints, hex serials, key ids. */
public final class CertificateText {
  private CertificateText() {
  }

  /** SHA-256 over the DER certificate, colon-separated upper-case hex (as openssl prints it). */
  public static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  /** PackPass key id of the certificate's key. */
  public static KeyId keyId(X509Certificate certificate) {
    return KeyId.ofSubjectPublicKeyInfo(certificate.getPublicKey().getEncoded());
  }

  /** PEM of certificates, in the given order. */
  public static String pem(List<X509Certificate> certificates) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static String pem(X509CRL crl) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(crl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Parses a serial given in hex (as printed by this tool and by openssl), with or without {@code 0x}
   * and colons.
   */
  public static BigInteger parseSerial(String text) {
    String digits = text.trim().replace(":", "");
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    try {
      BigInteger serial = new BigInteger(digits, 16);
      if (serial.signum() <= 0) {
        throw new NumberFormatException();
      }
      return serial;
    } catch (NumberFormatException e) {
      throw new ProvisioningException("serial '" + text + "' is not a positive hex number");
    }
  }

  static String hex(BigInteger serial) {
    return serial.toString(16).toUpperCase(Locale.ROOT);
  }

  /** Reads PEM certificates (leaf first), for tests and tools. */
  public static List<X509Certificate> readCertificates(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new ProvisioningException("cannot read PEM certificates: " + e.getMessage());
    }
    return certificates;
  }
}
