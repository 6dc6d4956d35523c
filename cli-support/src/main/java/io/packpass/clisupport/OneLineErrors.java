package io.packpass.clisupport;

import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * How every PackPass command line reports a failure (STYLE.md, Errors): one line on stderr with the
 * command's prefix, exit code {@link #USAGE} for problems the user can fix, {@link #INTERNAL} for
 * the rest, and the stack trace only with {@code --debug} (on any level of subcommand).
 */
public final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
  /** Bad usage or invalid input. */
  public static final int USAGE = 2;
  /** A bug: rerun with --debug and report it. */
  public static final int INTERNAL = 3;

  private final String prefix;
  private final Function<Exception, Optional<String>> userMessage;

  /**
   * @param prefix start of every error line, e.g. {@code "packpass provision: "}
   * @param userMessage the line to print for an exception the user can act on, empty for anything else
   */
  public OneLineErrors(String prefix, Function<Exception, Optional<String>> userMessage) {
    this.prefix = prefix;
    this.userMessage = userMessage;
  }

  /**
   * Installs both halves on a command line: a bad option or argument is one line naming the
   * command's help ({@link #USAGE}), and an exception while running goes through this handler.
   */
  public static CommandLine install(CommandLine cli, String prefix, Function<Exception, Optional<String>> userMessage) {
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine line = e.getCommandLine();
      line.getErr().println(prefix + e.getMessage() + " (see: "
          + line.getCommandSpec().qualifiedName().replace("packpass ", "./packpass ") + " --help)");
      line.getErr().flush();
      return USAGE;
    });
    cli.setExecutionExceptionHandler(new OneLineErrors(prefix, userMessage));
    return cli;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parse) {
    boolean debug = debugRequested(parse);
    Optional<String> message = userMessage.apply(e);
    if (message.isPresent()) {
      line.getErr().println(prefix + message.get());
    } else {
      line.getErr().println(prefix + "internal error: " + e + (debug ? "" : " (rerun with --debug for details)"));
    }
    if (debug) {
      e.printStackTrace(line.getErr());
    }
    line.getErr().flush();
    return message.isPresent() ? USAGE : INTERNAL;
  }

  private static boolean debugRequested(CommandLine.ParseResult parse) {
    return parse.hasMatchedOption("--debug") || parse.subcommands().stream().anyMatch(OneLineErrors::debugRequested);
  }
}
