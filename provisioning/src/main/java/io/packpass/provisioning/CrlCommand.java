package io.packpass.provisioning;

import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.AtomicFiles;
import io.packpass.provisioning.ca.CaStore;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision crl}: signs and writes the issuing CA's CRL. */
@Command(name = "crl", mixinStandardHelpOptions = true,
    description = "Sign a new X.509 v2 CRL of the issuing CA and write it to DIR/crl.pem (and --out).")
public final class CrlCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Option(names = "--next-update-days", defaultValue = "7", paramLabel = "N",
      description = "Days until nextUpdate (default: ${DEFAULT-VALUE}).")
  int nextUpdateDays;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the CRL here.")
  Path out;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() {
    if (nextUpdateDays < 1) {
      throw new ProvisioningException("--next-update-days must be at least 1");
    }
    char[] secret = passphrase.read();
    X509CRL crl;
    try {
      crl = CaStore.open(dir, secret).crl(Duration.ofDays(nextUpdateDays));
    } finally {
      Arrays.fill(secret, '\0');
    }
    if (out != null) {
      AtomicFiles.writePublic(out, CertificateText.pem(crl));
    }
    int entries = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
    spec.commandLine().getOut().println("wrote " + dir.resolve(CaStore.CRL_PEM) + (out == null ? "" : " and " + out)
        + ": " + entries + " revoked, this update " + crl.getThisUpdate().toInstant() + ", next update "
        + crl.getNextUpdate().toInstant());
    return 0;
  }
}
