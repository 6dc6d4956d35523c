package io.packpass.provisioning;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision ca}: the manufacturer's root and issuing CA. */
@Command(name = "ca", mixinStandardHelpOptions = true,
    description = "Create or inspect the manufacturer CA (root, issuing CA, passport signer).",
    subcommands = {CaInitCommand.class, CaShowCommand.class})
public final class CaCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
