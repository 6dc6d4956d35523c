package io.packpass.gateway;

import io.packpass.clisupport.OneLineErrors;
import io.packpass.clisupport.Version;
import io.packpass.core.pki.TrustException;
import io.packpass.gateway.cli.AgentsCommand;
import io.packpass.gateway.cli.DiscoverCommand;
import io.packpass.gateway.cli.FleetCommand;
import io.packpass.gateway.cli.GradeCommand;
import io.packpass.gateway.cli.OutboxCommand;
import io.packpass.gateway.cli.QuarantineCommand;
import io.packpass.gateway.cli.RegistryCommand;
import io.packpass.gateway.cli.RunCommand;
import io.packpass.gateway.cli.TokenCommand;
import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.store.StoreException;
import io.packpass.gateway.tls.TlsSetupException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code packpass gateway}: the site gateway (collect, verify, store, sync) and the registry's sync intake. */
@Command(name = "packpass gateway", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Verify and store signed passport updates, sync them to the registry, or run the registry's intake.",
        ""},
    subcommands = {CommandLine.HelpCommand.class, RunCommand.class, RegistryCommand.class, FleetCommand.class,
        OutboxCommand.class, QuarantineCommand.class, AgentsCommand.class, DiscoverCommand.class, GradeCommand.class,
        TokenCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "2:bad usage or configuration (gateway.yaml, credentials, trust files, database unreachable)",
        "3:internal error (rerun with --debug and report it)"},
    footerHeading = "%nExamples:%n",
    footer = {"  ./packpass gateway run --config /etc/packpass/gateway.yaml",
        "  ./packpass gateway fleet --config gateway.yaml",
        "  ./packpass gateway fleet --config gateway.yaml --json",
        "  ./packpass gateway outbox --config gateway.yaml --unpark",
        "  ./packpass gateway registry --config registry.yaml",
        "  ./packpass gateway grade coaps://10.0.0.5:5684 --credential grader.p12 --passphrase-file grader.pass \\",
        "      --trust root.pem --registry https://registry.example:8443",
        "  ./packpass gateway token --credential grader.p12 --passphrase-file grader.pass --audience https://registry.example:8443",
        "More in gateway/README.md."})
public final class GatewayCommand implements Runnable {
  public static final int USAGE = OneLineErrors.USAGE;
  public static final String PREFIX = "packpass gateway: ";

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
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(cli.execute(args));
  }

  /** The configured command line (also used by the tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new GatewayCommand());
    OneLineErrors.install(cli, PREFIX, GatewayCommand::userMessage);
    return cli;
  }

  private static Optional<String> userMessage(Exception e) {
    if (e instanceof GatewayConfigException || e instanceof TlsSetupException || e instanceof TrustException) {
      return Optional.of(e.getMessage());
    }
    if (e instanceof io.packpass.gateway.grading.RuleSetException || e instanceof io.packpass.gateway.token.TokenException
        || e instanceof java.io.IOException) {
      return Optional.of(e.getMessage());
    }
    if (e instanceof StoreException) {
      return Optional.of("store: " + e.getMessage());
    }
    return Optional.empty();
  }
}
