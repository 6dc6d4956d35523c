package io.packpass.provisioning;

import io.packpass.provisioning.ca.AtomicFiles;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.IssuedCertificate;
import io.packpass.provisioning.ca.RegistryEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision device enroll}: issues a device certificate for a CSR, bound to one passport. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
    description = {"Issue a device certificate for a PEM PKCS#10 CSR (Ed25519 or P-256).",
        "The certificate's SAN URI is the passport's canonical Digital Link; EKU serverAuth + clientAuth (DTLS)."})
public final class DeviceEnrollCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Option(names = "--csr", required = true, paramLabel = "FILE", description = "PEM certificate signing request.")
  Path csr;

  @Option(names = "--passport", required = true, paramLabel = "URI", description = "The passport's GS1 Digital Link.")
  String passport;

  @Option(names = "--replace", description = "Revoke (superseded) the passport's current device certificate and enroll this key.")
  boolean replace;

  @Option(names = "--validity-years", defaultValue = "10", paramLabel = "N",
      description = "Validity, capped at the issuing CA's (default: ${DEFAULT-VALUE}).")
  int validityYears;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Also write the certificate and the issuing CA (PEM chain) here.")
  Path out;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() {
    if (validityYears < 1) {
      throw new ProvisioningException("--validity-years must be at least 1");
    }
    String csrPem;
    try {
      csrPem = Files.readString(csr, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read the CSR " + csr + " (" + e.getClass().getSimpleName() + ")");
    }
    char[] secret = passphrase.read();
    IssuedCertificate issued;
    try {
      issued = CaStore.open(dir, secret).enrollDevice(csrPem, passport, Period.ofYears(validityYears), replace);
    } finally {
      Arrays.fill(secret, '\0');
    }
    PrintWriter stdout = spec.commandLine().getOut();
    for (RegistryEntry old : issued.superseded()) {
      stdout.println("revoked " + old.serialHex() + " (superseded); run 'crl' to publish it");
    }
    RegistryEntry entry = issued.entry();
    stdout.println("enrolled " + entry.subject());
    stdout.println("  serial     " + entry.serialHex());
    stdout.println("  kid        " + entry.kid());
    stdout.println("  not after  " + entry.notAfter());
    stdout.println("  written    " + dir.resolve(CaStore.ISSUED_DIR).resolve(entry.serialHex() + ".pem"));
    if (out != null) {
      AtomicFiles.writePublic(out, issued.chainPem());
      stdout.println("  chain      " + out);
    }
    return 0;
  }
}
