package io.packpass.gateway.cli;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.token.BearerTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway token}: a bearer token for the registry, signed with your role credential. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = {"Print a bearer token for the registry, signed by your role credential (docs/registry.md).",
        "Use it as 'Authorization: Bearer <token>' or paste it on the registry's sign-in page."},
    footerHeading = "%nExample:%n",
    footer = "  ./packpass gateway token --credential grader.p12 --passphrase-file grader.pass --audience https://registry.example:8443")
public final class TokenCommand implements Callable<Integer> {
  @Mixin
  CredentialOptions credential;

  @Option(names = "--audience", required = true, paramLabel = "URL",
      description = "The registry's public base URL (its registry.resolverBase).")
  String audience;

  @Option(names = "--valid", paramLabel = "DURATION", defaultValue = "PT1H",
      description = "How long the token lives, at most PT12H (default: ${DEFAULT-VALUE}).")
  Duration valid;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    char[] passphrase = credential.passphrase();
    TlsContexts.KeyAndChain key = TlsContexts.keyAndChain(credential.keyStore(passphrase), passphrase);
    SoftwareSigner signer = key.signer();
    spec.commandLine().getOut().println(BearerTokens.issue(signer, audience, Clock.systemUTC().instant(), valid,
        new SecureRandom()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
