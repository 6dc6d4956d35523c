package io.packpass.agent;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.cli.AgentException;
import io.packpass.agent.cli.ProfilesCommand;
import io.packpass.agent.cli.ReadCommand;
import io.packpass.agent.cli.ReplayCommand;
import io.packpass.agent.cli.SimulateCommand;
import io.packpass.agent.profile.ProfileException;
import io.packpass.clisupport.OneLineErrors;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code packpass agent}: what runs on the BMS gateway. This build lists and validates hardware
 * profiles, takes one reading from a real pack (I2C via Pi4J, UART via jSerialComm, SocketCAN via
 * JavaCAN) or a simulated one, replays recorded CAN logs through the Pylontech driver, and serves a
 * simulated JBD BMS on a serial line.
 */
@Command(name = "packpass agent", mixinStandardHelpOptions = true,
    description = {"Read battery packs through hardware profiles: real packs over I2C, UART or CAN, simulated packs,",
        "recorded CAN logs; serve a simulated BMS on a serial line.",
        ""},
    subcommands = {CommandLine.HelpCommand.class, ProfilesCommand.class, ReadCommand.class, ReplayCommand.class,
        SimulateCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:replay: some log lines were bad (reported on stderr); the rest was decoded",
        "2:bad usage or input, or a bus problem (unknown or invalid profile, bus device missing or not accessible, unreadable log)",
        "3:internal error (rerun with --debug and report it)"},
    footerHeading = "%nExamples:%n",
    footer = {"  ./packpass agent profiles",
        "  ./packpass agent read --profile sim-jbd-4s-lfp",
        "  ./packpass agent read --profile sim-sbs-4s --json",
        "  ./packpass agent read --profile rpi-jbd-usb",
        "  ./packpass agent simulate --profile sim-jbd-4s-lfp --serial /tmp/ttyBMS_sim",
        "  ./packpass agent replay --profile sim-pylontech-us5000 \\",
        "      --trace agent/src/test/resources/candump/us5000-v1.2.log",
        "More in agent/README.md."})
public final class AgentCommand implements Runnable {
  public static final int BAD_LINES = 1;
  public static final int USAGE = OneLineErrors.USAGE;
  public static final int INTERNAL = OneLineErrors.INTERNAL;
  /** Prefix of every error line on stderr. */
  public static final String PREFIX = "packpass agent: ";

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    CommandLine cli = commandLine();
    // Units such as degree Celsius print the same whatever the platform default charset is.
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(cli.execute(args));
  }

  /** The configured command line (also used by the tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AgentCommand());
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine line = e.getCommandLine();
      String command = line.getCommandSpec().qualifiedName();
      line.getErr().println(PREFIX + e.getMessage() + " (see: " + command.replace("packpass ", "./packpass ")
          + " --help)");
      line.getErr().flush();
      return USAGE;
    });
    cli.setExecutionExceptionHandler(new OneLineErrors(PREFIX, AgentCommand::userMessage));
    return cli;
  }

  /** The line for an error the user can act on (bad profile, input or bus); empty for a bug. */
  private static Optional<String> userMessage(Exception e) {
    if (e instanceof AgentException || e instanceof ProfileException) {
      return Optional.of(e.getMessage());
    }
    if (e instanceof BusException bus) {
      return Optional.of("bus " + bus.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
    }
    return Optional.empty();
  }
}
