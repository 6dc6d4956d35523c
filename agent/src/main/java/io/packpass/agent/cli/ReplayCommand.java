package io.packpass.agent.cli;

import io.packpass.agent.AgentCommand;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bms.pylontech.PylontechProfile;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.sim.CandumpReplay;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.HardwareProfile.Protocol;
import io.packpass.agent.profile.HardwareProfile.PylontechVariant;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent replay}: decode a recorded bus log with the driver a profile names. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Decode a recorded CAN log: one JSON snapshot per frame cycle.",
        "Replays a candump log (candump -l / -L) through the Pylontech CAN driver of a",
        "pylontech-can profile and prints one JSON object per line, fields as 'read --json'.",
        "Bad log lines are reported on stderr with their line number and decoding goes on",
        "(exit 1). UART and SMBus transcripts are not in this build yet."})
public final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "ID|FILE",
      description = "A bundled profile id (see 'profiles') or the path of a profile YAML file; "
          + "protocol pylontech-can.")
  String profile;

  @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The candump log to replay, e.g. agent/src/test/resources/candump/us5000-v1.2.log.")
  Path trace;

  @Option(names = "--window-ms", paramLabel = "N",
      description = "How long one cycle is collected, in recorded time (default: ${DEFAULT-VALUE}).")
  long windowMs = PylontechCanDriver.DEFAULT_WINDOW.toMillis();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (windowMs <= 0) {
      throw new AgentException("--window-ms: expected a positive number of milliseconds, got " + windowMs);
    }
    HardwareProfile p = Profiles.resolve(profile);
    if (p.protocol() != Protocol.PYLONTECH_CAN) {
      throw new AgentException("profile " + p.id() + ": replay of " + p.protocol().key()
          + " transcripts is not in this build yet (only pylontech-can candump logs)");
    }
    if (!Files.isRegularFile(trace)) {
      throw new AgentException("--trace " + trace + ": no such file");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int cycles = 0;
    try (CandumpReplay replay = CandumpReplay.ofFile(trace, bad -> {
      out.flush();
      err.println(AgentCommand.PREFIX + trace + ": " + bad);
      err.flush();
    })) {
      ReplayChannel channel = new ReplayChannel(replay);
      PylontechCanDriver driver = new PylontechCanDriver(channel, channel.clock(), variant(p),
          Duration.ofMillis(windowMs));
      while (channel.hasNext()) {
        BatterySnapshot s;
        try {
          s = driver.read();
        } catch (BusException e) {
          if (e.kind() != BusException.Kind.TIMEOUT) {
            throw e;
          }
          continue; // a window of frames with other ids only: nothing to decode
        }
        out.println(SnapshotOutput.json(s));
        cycles++;
      }
      out.flush();
      if (cycles == 0) {
        throw new AgentException(trace + ": no Pylontech frame in the log");
      }
      return replay.badLineCount() > 0 ? AgentCommand.BAD_LINES : 0;
    }
  }

  private static PylontechProfile variant(HardwareProfile p) {
    return p.pylontech().map(HardwareProfile.Pylontech::variant).orElse(PylontechVariant.V1_2) == PylontechVariant.V1_3
        ? PylontechProfile.V1_3 : PylontechProfile.V1_2;
  }
}
