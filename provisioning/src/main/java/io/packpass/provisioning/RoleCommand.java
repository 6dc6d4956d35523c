package io.packpass.provisioning;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision role}: credentials for people and services. */
@Command(name = "role", mixinStandardHelpOptions = true,
    description = "Issue role credentials (dismantler, repairer, grader, recycler, fleet, authority).",
    subcommands = {RoleIssueCommand.class})
public final class RoleCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
