package io.packpass.agent.cli;

import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent keygen}: the device's own signing key, made on the device. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Create this device's private key (the key that signs its passport updates).",
        "The key is made here and never leaves the device: the file is created with mode 0600,",
        "an existing file is never overwritten, and nothing secret is printed. Next: 'csr'."})
public final class KeygenCommand implements Callable<Integer> {
  /** The algorithms a device key may use, as typed on the command line. */
  enum Algorithm {
    ed25519(CoseAlgorithm.EDDSA), es256(CoseAlgorithm.ES256);

    final CoseAlgorithm cose;

    Algorithm(CoseAlgorithm cose) {
      this.cose = cose;
    }
  }

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key, e.g. /etc/packpass/device.key.")
  Path out;

  @Option(names = "--algorithm", paramLabel = "ALG",
      description = "ed25519 (default: small, fast on a Pi) or es256 (P-256, for verifiers without Ed25519).")
  Algorithm algorithm = Algorithm.ed25519;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SoftwareSigner key = SoftwareSigner.generate(algorithm.cose, new SecureRandom());
    PrivateKeyFile.create(out, key);
    PrintWriter o = spec.commandLine().getOut();
    o.println("wrote " + out + " (" + algorithm + ", mode 0600)");
    o.println("key id " + key.keyId());
    // the CSR beside the key: that is where the manufacturer's steps (and docs/getting-started.md) look for it
    Path csr = out.resolveSibling("device.csr");
    o.println("next: ./packpass agent csr --key " + out + " --out " + csr);
    o.flush();
    return 0;
  }
}
