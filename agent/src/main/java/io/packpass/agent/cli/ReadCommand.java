package io.packpass.agent.cli;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.SimulatedBms;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent read}: one reading of the pack a profile describes. */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = {"Take one reading of a pack and print it.",
        "This build reads simulated packs (board: sim) only; hardware adapters come later.",
        "Current is signed: + = charging, - = discharging."})
public final class ReadCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "ID|FILE",
      description = "A bundled profile id (see 'profiles') or the path of a profile YAML file.")
  String profile;

  @Option(names = "--json", description = "Print one JSON object instead: integers in mV, mA, mAh, dC (tenths of a "
      + "degree Celsius) and cpct (hundredths of a percent); field table in agent/README.md.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    HardwareProfile p = Profiles.resolve(profile);
    BatterySnapshot s = SimulatedBms.forSimulation(p, Clock.systemUTC()).read();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(SnapshotOutput.json(s));
    } else {
      SnapshotOutput.text(out, p.id() + " (" + p.description() + ")", s);
    }
    out.flush();
    return 0;
  }
}
