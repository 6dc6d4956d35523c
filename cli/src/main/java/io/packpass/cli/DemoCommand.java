package io.packpass.cli;

import io.packpass.cli.demo.DemoPack;
import io.packpass.cli.demo.Tour;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./packpass demo}: the product tour on an embedded default (see {@link Tour}). Needs nothing but
 * a JDK: simulated packs, everything on loopback, every file in one directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Tour PackPass on this machine: a manufacturer provisions three simulated packs (EV, LMT,",
        "stationary); their agents run months of compressed time; a site gateway collects, verifies and syncs",
        "to a registry; labels are printed; a grader grades each pack and the decisions land in the registry.",
        "Everything goes to one directory (--dir); --keep-running leaves it all up for a browser."},
    footerHeading = "%nExamples:%n",
    footer = {"  ./packpass demo", "  ./packpass demo --keep-running          # then open the page URLs it prints",
        "  ./packpass demo --dir /tmp/pp --months 12"})
public final class DemoCommand implements Callable<Integer> {
  /** Marks a directory the demo made, so a second run may replace it and nothing else is ever deleted. */
  static final String MARKER = ".packpass-demo";

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "packpass-demo",
      description = "Where everything goes (default: ${DEFAULT-VALUE}); a previous demo there is replaced.")
  Path dir;

  @Option(names = "--months", paramLabel = "N", defaultValue = "6",
      description = "Months of use to simulate, 1 to 24 (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8443",
      description = "The registry's HTTPS port on localhost (default: ${DEFAULT-VALUE}; taken: any free one; 0: any).")
  int port;

  @Option(names = "--keep-running",
      description = "Leave the registry, the gateway and the agents up after the summary, until Ctrl-C.")
  boolean keepRunning;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (months < 1 || months > 24) {
      throw new UserException("--months must be between 1 and 24, got " + months);
    }
    if (port < 0 || port > 65_535) {
      throw new UserException("--port must be a TCP port (0 to 65535), got " + port);
    }
    Path target = prepare(dir.toAbsolutePath().normalize());
    PrintWriter out = spec.commandLine().getOut();
    Tour tour = new Tour(new Tour.Options(target, months, port, keepRunning), out);
    Thread closer = new Thread(tour::close, "demo shutdown");
    Runtime.getRuntime().addShutdownHook(closer);
    try {
      tour.run();
      if (keepRunning) {
        out.printf("%nThe registry, the gateway and the agents keep running: open a page above (accept the%n"
            + "self-signed certificate). To see it as the grader, sign in with a token from:%n"
            + "  ./packpass gateway token --credential %s --passphrase-file %s --audience %s%n"
            + "Grade the EV pack again from the command line; the new decision joins the first on its page:%n"
            + "  %s%n"
            + "Ctrl-C stops everything.%n", firstFile(target.resolve("roles"), "grader-", ".p12"),
            target.resolve("secrets/role.pass"), tour.resolverBase(), tour.gradeCommand(DemoPack.EV));
        out.flush();
        new CountDownLatch(1).await(); // until Ctrl-C: the shutdown hook closes the tour
      }
      out.printf("%nAll stopped. Run again with --keep-running to open the pages in a browser; the guide to doing%n"
          + "each step by hand is docs/getting-started.md.%n");
      out.flush();
    } finally {
      tour.close();
      try {
        Runtime.getRuntime().removeShutdownHook(closer);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running
      }
    }
    return 0;
  }

  /** An empty directory for this run: a previous demo's is cleared, anything else is refused. */
  private static Path prepare(Path target) throws IOException {
    if (Files.exists(target)) {
      if (!Files.isDirectory(target)) {
        throw new UserException(target + " is a file; choose a directory with --dir");
      }
      boolean empty;
      try (Stream<Path> entries = Files.list(target)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(target.resolve(MARKER))) {
        throw new UserException(target + " is not empty and not a previous demo's directory; choose another with --dir");
      }
      try (Stream<Path> walk = Files.walk(target)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(target)) {
            Files.delete(p);
          }
        }
      }
    }
    Files.createDirectories(target);
    Files.writeString(target.resolve(MARKER), "made by ./packpass demo; a new run replaces this directory\n");
    return target;
  }

  private static Path firstFile(Path dir, String prefix, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(suffix))
          .findFirst().orElseThrow(() -> new IllegalStateException("no " + prefix + "*" + suffix + " in " + dir));
    }
  }
}
