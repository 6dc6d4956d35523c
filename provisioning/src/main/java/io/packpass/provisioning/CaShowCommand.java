package io.packpass.provisioning;

import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.CaStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision ca show}: subjects, validity, key ids and fingerprints of the CA's certificates. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show subject, validity, key id and SHA-256 fingerprint of root, issuing CA and passport signer.")
public final class CaShowCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() {
    char[] secret = passphrase.read();
    try {
      describe(spec.commandLine().getOut(), CaStore.open(dir, secret));
    } finally {
      Arrays.fill(secret, '\0');
    }
    return 0;
  }

  static void describe(PrintWriter out, CaStore ca) {
    describe(out, "root", ca.rootCertificate());
    describe(out, "issuing", ca.issuingCertificate());
    describe(out, "passport signer", ca.passportSignerCertificate());
  }

  static void describe(PrintWriter out, String label, X509Certificate certificate) {
    out.println(label + ":");
    out.println("  subject      " + certificate.getSubjectX500Principal().getName());
    out.println("  issuer       " + certificate.getIssuerX500Principal().getName());
    out.println("  serial       " + certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
    out.println("  valid        " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant());
    out.println("  key          " + certificate.getPublicKey().getAlgorithm() + ", kid " + CertificateText.keyId(certificate));
    out.println("  sha-256      " + CertificateText.fingerprint(certificate));
  }
}
