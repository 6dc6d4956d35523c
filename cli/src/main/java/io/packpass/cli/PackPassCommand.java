package io.packpass.cli;

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
    subcommands = {DemoCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success (verify: every update accepted)",
        "1:verify: at least one update was rejected",
        "2:bad usage or unreadable input",
        "3:internal error (rerun with --debug and report it)"})
public final class PackPassCommand implements Runnable {
  static final int REJECTED = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

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
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PackPassCommand());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setExitCodeExceptionMapper(e -> e instanceof UserException ? USAGE : INTERNAL);
    return cli;
  }

  /** One clear line per failure; the stack trace only with --debug. */
  static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
      boolean debug = parseResult.hasMatchedOption("--debug")
          || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
      if (e instanceof UserException) {
        cli.getErr().println("packpass: " + e.getMessage());
        if (debug) {
          e.printStackTrace(cli.getErr());
        }
        return USAGE;
      }
      cli.getErr().println("packpass: internal error: " + e + (debug ? "" : " (rerun with --debug for details)"));
      if (debug) {
        e.printStackTrace(cli.getErr());
      }
      return INTERNAL;
    }
  }
}
