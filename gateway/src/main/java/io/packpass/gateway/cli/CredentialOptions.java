package io.packpass.gateway.cli;

import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.config.Secret;
import io.packpass.gateway.tls.TlsContexts;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A role credential (PKCS#12 from {@code provision role issue}) and where its passphrase is: never on the command line. */
public final class CredentialOptions {
  @Option(names = "--credential", required = true, paramLabel = "P12", description = "Your role credential (.p12).")
  Path credential;

  @Option(names = "--passphrase-file", paramLabel = "FILE", description = "File whose first line is the passphrase.")
  Path passphraseFile;

  @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Environment variable holding the passphrase.")
  String passphraseEnv;

  char[] passphrase() {
    if ((passphraseFile == null) == (passphraseEnv == null)) {
      throw new GatewayConfigException("give one of --passphrase-file or --passphrase-env (the credential's"
          + " passphrase never goes on the command line)");
    }
    return new Secret("passphrase", Optional.ofNullable(passphraseFile), Optional.ofNullable(passphraseEnv))
        .read(System.getenv());
  }

  KeyStore keyStore(char[] passphrase) {
    return TlsContexts.keyStore(credential, passphrase);
  }
}
