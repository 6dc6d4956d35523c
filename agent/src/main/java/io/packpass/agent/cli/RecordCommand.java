package io.packpass.agent.cli;

import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.trace.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent record}: write a pack's bus traffic down as a trace that {@code replay} reads. */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Poll a pack and record every bus exchange as a trace 'replay' reads back:",
        "a hex transcript for SMBus and UART, a candump log for CAN. A real bus is polled in real",
        "time; a simulated pack runs on a clock that jumps between polls, so hours record in seconds.",
        "Failed exchanges are kept as comments. Progress goes to stderr."})
public final class RecordCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "ID|FILE",
      description = "A bundled profile id (see 'profiles') or the path of a profile YAML file.")
  String profile;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The trace to write (.txt for transcripts, .log for CAN); never overwritten.")
  Path out;

  @Option(names = "--polls", paramLabel = "N", description = "How many polls (default: ${DEFAULT-VALUE}, at most "
      + Recording.MAX_POLLS + ").")
  int polls = 10;

  @Option(names = "--every", paramLabel = "DURATION",
      description = "Time between polls, ISO-8601 such as PT10S (default: the profile's poll interval).")
  String every;

  @Option(names = "--at", paramLabel = "DURATION",
      description = "Physics-model profiles only: start this far ahead in simulated time, e.g. P30DT7H.")
  String at;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (polls < 1 || polls > Recording.MAX_POLLS) {
      throw new AgentException("--polls: expected 1 to " + Recording.MAX_POLLS + ", got " + polls);
    }
    HardwareProfile p = Profiles.resolve(profile);
    Duration interval = every == null ? p.poll().interval() : DurationOption.parse("--every", every);
    if (interval.isZero()) {
      throw new AgentException("--every: must be longer than zero");
    }
    Duration ahead = at == null ? Duration.ZERO : DurationOption.parse("--at", at);
    PrintWriter err = spec.commandLine().getErr();
    int step = Math.max(1, polls / 10);
    Recording.Summary summary;
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      summary = new Recording(p, polls, interval, ahead).record(writer, n -> {
        if (n % step == 0 || n == polls) {
          err.println("recorded " + n + "/" + polls + " polls");
          err.flush();
        }
      });
    } catch (FileAlreadyExistsException e) {
      throw new AgentException("--out " + out + ": already exists");
    } catch (IOException e) {
      throw new AgentException("--out " + out + ": " + e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("wrote " + out + ": " + summary.polls() + " polls" + (summary.failedPolls() == 0 ? ""
        : ", " + summary.failedPolls() + " without any answer") + "; replay: ./packpass agent replay --profile "
        + profile + " --trace " + out);
    o.flush();
    return 0;
  }

}
