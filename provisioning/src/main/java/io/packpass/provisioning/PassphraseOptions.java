package io.packpass.provisioning;

import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.Passphrase;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * {@code --passphrase-file FILE | --passphrase-env VAR}: where the CA passphrase comes from. There is
 * deliberately no option that takes the passphrase itself (it would show in the process list and the
 * shell history).
 */
public final class PassphraseOptions {
  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "File holding the CA passphrase (one trailing newline is ignored).")
  Path file;

  @Option(names = "--passphrase-env", paramLabel = "VAR",
      description = "Environment variable holding the CA passphrase.")
  String variable;

  /** Opens the CA in {@code dir} with the passphrase, which is cleared from memory right after. */
  public CaStore openCa(Path dir) {
    char[] secret = read();
    try {
      return CaStore.open(dir, secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /** The CA passphrase; clear the array when done. */
  public char[] read() {
    return Passphrase.resolve(file, variable, System::getenv, "the CA",
        "--passphrase-file FILE or --passphrase-env VAR");
  }
}
