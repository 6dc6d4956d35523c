package io.packpass.provisioning;

import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.provisioning.batch.AgentBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provision bundle}: everything one agent loads, in one new directory: its device
 * certificate chain, the trust anchor, the current CRL, its verified birth record and a config
 * snippet. The device's private key is not in it: the agent generated it and never gave it away.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = {"Collect what one pack's agent loads into a new directory OUT.",
        "That is: device certificate chain, trust anchor, CRL, verified birth record, agent.yaml."})
public final class BundleCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--passport", required = true, paramLabel = "ID",
      description = "The pack's passport: its Digital Link or element string (01)...(21)...")
  String passport;

  @Option(names = "--births", required = true, paramLabel = "DIR",
      description = "Output of 'passport create' holding the pack's birth record.")
  Path births;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "New directory for the bundle.")
  Path out;

  @Override
  public Integer call() {
    PassportId id = passportId();
    AgentBundle.Written written = AgentBundle.write(passphrase.openCa(dir), id, births, out);
    spec.commandLine().getOut().printf("bundle for %s in %s: device.pem (serial %s), root.pem, crl.pem, birth.cose,"
        + " agent.yaml%n", id.elementString(), out, written.deviceSerialHex());
    return 0;
  }

  private PassportId passportId() {
    try {
      return passport.startsWith("(") ? PassportId.parseElementString(passport) : DigitalLink.parse(passport).id();
    } catch (IdentifierException e) {
      throw new ProvisioningException("--passport " + passport + ": " + e.getMessage());
    }
  }
}
