package io.packpass.agent.cli;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.BusTap;
import io.packpass.agent.poll.Poller;
import io.packpass.agent.poll.Reading;
import io.packpass.agent.poll.RetryPolicy;
import io.packpass.agent.profile.BmsConnection;
import io.packpass.agent.profile.HardwareProfile;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent read}: one reading of the pack a profile describes. */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = {"Take one reading of a pack and print it.",
        "Simulated packs (board: sim) run anywhere; real ones need their bus device (/dev/i2c-N, a tty, a CAN",
        "interface) and the permission to use it (see agent/README.md).",
        "Current is signed: + = charging, - = discharging."})
public final class ReadCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "ID|FILE",
      description = "A bundled profile id (see 'profiles') or the path of a profile YAML file.")
  String profile;

  @Option(names = "--json", description = "Print one JSON object instead: integers in mV, mA, mAh, dC (tenths of a "
      + "degree Celsius) and cpct (hundredths of a percent); field table in agent/README.md.")
  boolean json;

  @Option(names = "--at", paramLabel = "DURATION", description = "Physics-model profiles (bus.fixture: model) only: "
      + "run the simulation this long before reading, an ISO-8601 duration such as P90D or PT36H.")
  String at;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    HardwareProfile p = Profiles.resolve(profile);
    Reading reading;
    Clock clock = Clock.systemUTC();
    try (BmsConnection connection = at == null ? BmsConnection.open(p, clock)
        : BmsConnection.openAhead(p, clock, DurationOption.parse("--at", at), BusTap.NONE)) {
      // The same retries as the agent's polling loop: a single NACK or torn frame is not an error.
      reading = new Poller(connection.driver(), clock, p.poll().interval(), RetryPolicy.DEFAULT).poll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted");
    }
    if (!reading.isCurrent()) {
      throw reading.failure().orElseThrow(); // one line naming the bus fault, exit 2
    }
    BatterySnapshot s = reading.snapshot().orElseThrow();
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
