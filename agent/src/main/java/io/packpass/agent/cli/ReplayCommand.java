package io.packpass.agent.cli;

import io.packpass.agent.AgentCommand;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bus.sim.TraceText;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.trace.TraceException;
import io.packpass.agent.trace.TraceReplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent replay}: decode a recorded bus trace with the driver a profile names. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Decode a recorded bus trace: one JSON snapshot per poll.",
        "The profile's protocol picks the driver and the trace format:",
        "  pylontech-can          a candump log (candump -l / -L): (1700000000.000000) can0 355#58005E00",
        "  jbd-uart               a hex transcript: '> ' what the agent sent, '< ' (or nothing) the answer",
        "  sbs-smbus, bq40z50-smbus  a hex transcript, one answer per line: <cmd> <data bytes> [PEC]",
        "In transcripts '#' starts a comment and a line may begin with a (seconds.micros) timestamp.",
        "Prints one JSON object per line, fields as 'read --json'. A bad line is reported on",
        "stderr with its line number and the reason, and decoding goes on (exit 1)."})
public final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "ID|FILE",
      description = "A bundled profile id (see 'profiles') or the path of a profile YAML file.")
  String profile;

  @Option(names = "--trace", required = true, paramLabel = "FILE",
      description = "The trace to replay, e.g. hw-profiles/traces/sim-sbs-4s/fixture-4s.txt.")
  Path trace;

  @Option(names = "--window-ms", paramLabel = "N",
      description = "CAN only: how long one cycle is collected, in recorded time (default: ${DEFAULT-VALUE}).")
  long windowMs = PylontechCanDriver.DEFAULT_WINDOW.toMillis();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (windowMs <= 0) {
      throw new AgentException("--window-ms: expected a positive number of milliseconds, got " + windowMs);
    }
    HardwareProfile p = Profiles.resolve(profile);
    if (!Files.isRegularFile(trace)) {
      throw new AgentException("--trace " + trace + ": no such file");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TraceReplay.Result result;
    try (Reader reader = TraceText.open(trace)) {
      result = new TraceReplay(p, Duration.ofMillis(windowMs)).replay(reader,
          s -> out.println(SnapshotOutput.json(s)),
          bad -> {
            out.flush();
            err.println(AgentCommand.PREFIX + trace + ": " + bad);
            err.flush();
          });
    } catch (IOException e) {
      throw new AgentException("--trace " + trace + ": " + e.getMessage());
    } catch (TraceException e) {
      throw new AgentException("--trace " + trace + ": " + e.getMessage());
    } finally {
      out.flush();
    }
    return result.badLines() > 0 ? AgentCommand.BAD_LINES : 0;
  }
}
