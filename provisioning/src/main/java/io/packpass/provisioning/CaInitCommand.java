package io.packpass.provisioning;

import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.KeyAlgorithm;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision ca init}: creates root CA, issuing CA and passport signer in a new CA directory. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Create a root CA, an issuing CA and the passport signer, kept in DIR/ca.p12 under the passphrase.",
        "Refuses to touch a directory that already holds a CA."})
public final class CaInitCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory (created if missing).")
  Path dir;

  @Option(names = "--algorithm", defaultValue = "ed25519", paramLabel = "ed25519|p256",
      description = "Key type of all three keys (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(names = "--root-validity-years", defaultValue = "20", paramLabel = "N",
      description = "Root CA lifetime (default: ${DEFAULT-VALUE}).")
  int rootYears;

  @Option(names = "--issuing-validity-years", defaultValue = "10", paramLabel = "N",
      description = "Issuing CA and passport signer lifetime (default: ${DEFAULT-VALUE}).")
  int issuingYears;

  @Option(names = "--name", defaultValue = CaOptions.DEFAULT_NAME, paramLabel = "NAME",
      description = "Organisation name in every subject (default: ${DEFAULT-VALUE}).")
  String name;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() {
    CaOptions options = new CaOptions(KeyAlgorithm.fromId(algorithm), name, rootYears, issuingYears);
    char[] secret = passphrase.read();
    try {
      CaStore ca = CaStore.init(dir, options, secret);
      PrintWriter out = spec.commandLine().getOut();
      out.println("created the CA in " + dir);
      CaShowCommand.describe(out, ca);
      out.println("distribute " + dir.resolve(CaStore.ROOT_PEM) + " (trust anchor) and "
          + dir.resolve(CaStore.ISSUING_PEM) + " (chain)");
    } finally {
      Arrays.fill(secret, '\0');
    }
    return 0;
  }
}
