package io.packpass.cli;

import io.packpass.clisupport.OneLineErrors;
import io.packpass.clisupport.Version;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code packpass}: the front door the {@code ./packpass} launcher calls. Subcommands that exist
 * today are listed in {@code --help}; the agent, gateway and provisioning applications join as
 * they are built.
 */
@Command(name = "packpass", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Signed, living battery passports (EU Regulation 2023/1542).", ""},
    subcommands = {DemoCommand.class, VerifyCommand.class, VerifyLabelCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success (verify: every update accepted; verify-label: the label verified)",
        "1:verify: at least one update was rejected; verify-label: the label cannot be trusted",
        "2:bad usage or unreadable input",
        "3:internal error (rerun with --debug and report it)"})
public final class PackPassCommand implements Runnable {
  static final int REJECTED = 1;
  static final int USAGE = OneLineErrors.USAGE;
  static final int INTERNAL = OneLineErrors.INTERNAL;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // The gateway's and provisioning's jars carry their own logback.xml; naming ours keeps logback from
    // choosing among them (and from printing its status about the duplicates).
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "packpass-cli-logback.xml");
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PackPassCommand());
    cli.setExecutionExceptionHandler(new OneLineErrors("packpass: ",
        e -> e instanceof UserException ? Optional.of(e.getMessage()) : Optional.empty()));
    cli.setExitCodeExceptionMapper(e -> e instanceof UserException ? USAGE : INTERNAL);
    return cli;
  }
}
