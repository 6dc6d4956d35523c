package io.packpass.agent;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.cli.AgentException;
import io.packpass.agent.cli.CsrCommand;
import io.packpass.agent.cli.EstimateCommand;
import io.packpass.agent.cli.JournalCommand;
import io.packpass.agent.cli.KeygenCommand;
import io.packpass.agent.cli.LabelCommand;
import io.packpass.agent.cli.ProfilesCommand;
import io.packpass.agent.cli.ReadCommand;
import io.packpass.agent.cli.RecordCommand;
import io.packpass.agent.cli.RunCommand;
import io.packpass.agent.cli.ReplayCommand;
import io.packpass.agent.cli.SimulateCommand;
import io.packpass.agent.config.AgentConfigException;
import io.packpass.agent.estimate.EstimatorException;
import io.packpass.agent.journal.JournalException;
import io.packpass.agent.records.RecordsException;
import io.packpass.agent.identity.IdentityException;
import io.packpass.agent.profile.ProfileException;
import io.packpass.agent.trace.TraceException;
import io.packpass.clisupport.OneLineErrors;
import io.packpass.core.pki.TrustException;
import io.packpass.label.LabelException;
import io.packpass.label.print.PrinterException;
import io.packpass.clisupport.Version;
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
 * JavaCAN) or a simulated one, replays recorded bus traces through the profile's driver, and serves a
 * simulated JBD BMS on a serial line.
 */
@Command(name = "packpass agent", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"The pack's passport on its BMS gateway: read the pack through a hardware",
        "profile (I2C, UART, CAN or a simulator), sign updates into a crash-safe",
        "journal, serve them over CoAP/DTLS, print the pack's label.",
        ""},
    subcommands = {CommandLine.HelpCommand.class, ProfilesCommand.class, RunCommand.class, JournalCommand.class, ReadCommand.class, EstimateCommand.class, ReplayCommand.class,
        RecordCommand.class, SimulateCommand.class, KeygenCommand.class, CsrCommand.class, LabelCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:replay: some trace lines were bad (reported on stderr); the rest was decoded",
        "2:bad usage or input, or a bus problem (unknown or invalid profile, bus device missing or not accessible, unreadable trace), or a label that does not fit or a printer that stayed unavailable",
        "3:internal error (rerun with --debug and report it)"},
    footerHeading = "%nExamples:%n",
    footer = {"  ./packpass agent profiles",
        "  ./packpass agent read --profile sim-jbd-4s-lfp",
        "  ./packpass agent read --profile sim-sbs-4s --json",
        "  ./packpass agent replay --profile sim-jbd-4s-lfp \\",
        "      --trace hw-profiles/traces/sim-jbd-4s-lfp/charge-3-polls.txt",
        "  ./packpass agent read --profile rpi-jbd-usb",
        "  ./packpass agent simulate --profile sim-jbd-4s-lfp --serial /tmp/ttyBMS_sim",
        "  ./packpass agent label --config bundle/agent.yaml --out label.png",
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
    OneLineErrors.install(cli, PREFIX, AgentCommand::userMessage);
    return cli;
  }

  /** The line for an error the user can act on (bad profile, input or bus); empty for a bug. */
  private static Optional<String> userMessage(Exception e) {
    if (e instanceof TraceException) {
      return Optional.of("trace: " + e.getMessage());
    }
    if (e instanceof AgentException || e instanceof ProfileException || e instanceof IdentityException
        || e instanceof EstimatorException || e instanceof AgentConfigException || e instanceof RecordsException
        || e instanceof TrustException || e instanceof LabelException) {
      return Optional.of(e.getMessage());
    }
    if (e instanceof PrinterException) {
      return Optional.of("printer: " + e.getMessage());
    }
    if (e instanceof JournalException) {
      return Optional.of("journal: " + e.getMessage());
    }
    if (e instanceof BusException bus) {
      return Optional.of("bus " + bus.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
    }
    return Optional.empty();
  }
}
