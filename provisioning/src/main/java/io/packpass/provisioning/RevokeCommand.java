package io.packpass.provisioning;

import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.RegistryEntry;
import io.packpass.provisioning.ca.RevocationReason;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision revoke}: marks a certificate revoked; {@code provision crl} publishes it. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = {"Revoke a certificate issued by the issuing CA (device, role or passport signer).",
        "Run 'crl' afterwards to publish the revocation."})
public final class RevokeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Option(names = "--serial", required = true, paramLabel = "HEX",
      description = "Serial number in hex, as printed by enroll, issue, ca show and openssl.")
  String serial;

  @Option(names = "--reason", defaultValue = "unspecified", paramLabel = "REASON",
      description = "unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation "
          + "or privilegeWithdrawn (default: ${DEFAULT-VALUE}).")
  String reason;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() {
    var number = CertificateText.parseSerial(serial);
    RevocationReason why = RevocationReason.fromId(reason);
    char[] secret = passphrase.read();
    RegistryEntry revoked;
    try {
      revoked = CaStore.open(dir, secret).revoke(number, why);
    } finally {
      Arrays.fill(secret, '\0');
    }
    spec.commandLine().getOut().println("revoked " + revoked.serialHex() + " (" + revoked.kind().id() + " "
        + revoked.subject() + ", " + why.id() + "); run 'crl' to publish it");
    return 0;
  }
}
