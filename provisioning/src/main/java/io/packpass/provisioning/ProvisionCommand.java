package io.packpass.provisioning;

import io.packpass.clisupport.OneLineErrors;
import io.packpass.clisupport.Version;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code packpass provision}: what a battery maker runs at the end of the line. Creates the trust
 * anchors, enrolls device keys, issues role credentials, revokes, and signs birth records.
 */
@Command(name = "packpass provision", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Manufacturer CA, device enrollment, role credentials, revocation, signed birth records and first labels.", ""},
    subcommands = {CommandLine.HelpCommand.class, CaCommand.class, DeviceCommand.class, RoleCommand.class,
        RevokeCommand.class, CrlCommand.class, PassportCommand.class, BundleCommand.class, LabelCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:some input rows were rejected (passport create --skip-invalid wrote the valid ones)",
        "2:bad usage or invalid input; nothing was written",
        "3:internal error (rerun with --debug and report it)"})
public final class ProvisionCommand implements Runnable {
  public static final int REJECTED = 1;
  public static final int USAGE = OneLineErrors.USAGE;
  public static final int INTERNAL = OneLineErrors.INTERNAL;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by the tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ProvisionCommand());
    cli.setExecutionExceptionHandler(new OneLineErrors("packpass provision: ",
        e -> e instanceof ProvisioningException ? Optional.of(e.getMessage()) : Optional.empty()));
    return cli;
  }
}
