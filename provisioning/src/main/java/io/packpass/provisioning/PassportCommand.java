package io.packpass.provisioning;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code provision passport ...}: static passports (birth records). */
@Command(name = "passport", mixinStandardHelpOptions = true,
    description = "Sign birth records (seq 0 of each pack's update chain).",
    subcommands = {PassportCreateCommand.class, CommandLine.HelpCommand.class})
public final class PassportCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
