package io.packpass.agent.trace;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bms.jbd.JbdFrame;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bms.pylontech.PylontechProfile;
import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.SmbusDevice;
import io.packpass.agent.bus.sim.BadLine;
import io.packpass.agent.bus.sim.CandumpReplay;
import io.packpass.agent.bus.sim.HexTranscript;
import io.packpass.agent.bus.sim.HexTranscript.Entry;
import io.packpass.agent.bus.sim.HexTranscript.Unasked;
import io.packpass.agent.bus.sim.JbdTranscript;
import io.packpass.agent.bus.sim.SmbusTranscript;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.HardwareProfile.I2c;
import io.packpass.agent.profile.HardwareProfile.Protocol;
import io.packpass.agent.profile.HardwareProfile.PylontechVariant;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes a recorded bus trace with the driver a profile names, snapshot by snapshot: what
 * {@code agent replay} prints and what the trace catalogue test pins. CAN traces are candump logs
 * ({@link CandumpReplay}); UART (JBD) and SMBus traces are hex transcripts ({@link HexTranscript}).
 *
 * <p>Time: a snapshot of a candump log carries the recorded time of its frames. A transcript poll
 * takes the timestamp of its first recorded answer; without timestamps, poll {@code n} is stamped
 * {@code 1970-01-01T00:00:00Z + n × poll interval} of the profile, so output stays reproducible.
 *
 * <p>Bad lines never stop a replay: each is reported once to {@code onBadLine} with its line number.
 * Recorded answers that the driver never asked for are reported too (the trace does not match the
 * profile's driver). Not thread-safe.
 */
public final class TraceReplay {
  /** How a replay went. */
  public record Result(int snapshots, int badLines) {
  }

  private final HardwareProfile profile;
  private final Duration canWindow;

  /**
   * @param profile whose protocol (and bus settings: SMBus address, Pylontech variant) decode the trace
   * @param canWindow how long one Pylontech cycle is collected, in recorded time
   */
  public TraceReplay(HardwareProfile profile, Duration canWindow) {
    this.profile = Objects.requireNonNull(profile, "profile");
    if (canWindow.isNegative() || canWindow.isZero()) {
      throw new IllegalArgumentException("canWindow must be positive, got " + canWindow);
    }
    this.canWindow = canWindow;
  }

  public TraceReplay(HardwareProfile profile) {
    this(profile, PylontechCanDriver.DEFAULT_WINDOW);
  }

  /** Whether a profile with {@code protocol} reads a bus, so that it has traces to replay. */
  public static boolean replays(Protocol protocol) {
    switch (protocol) {
      case PYLONTECH_CAN:
      case JBD_UART:
      case SBS_SMBUS:
      case BQ40Z50_SMBUS:
        return true;
      default:
        return false;
    }
  }

  /**
   * Replays {@code trace}, handing each snapshot to {@code out} as soon as it is decoded.
   *
   * @throws TraceException when the profile's protocol has no trace format or the trace yields nothing
   */
  public Result replay(Reader trace, Consumer<BatterySnapshot> out, Consumer<BadLine> onBadLine) {
    Objects.requireNonNull(out, "out");
    int[] bad = {0};
    Consumer<BadLine> counting = b -> {
      bad[0]++;
      onBadLine.accept(b);
    };
    int snapshots;
    switch (profile.protocol()) {
      case PYLONTECH_CAN:
        snapshots = replayCandump(trace, out, counting);
        break;
      case JBD_UART: {
        InLineOrder reports = new InLineOrder(counting);
        JbdTranscript transcript = new JbdTranscript(HexTranscript.parse(trace, reports), reports);
        reports.release();
        snapshots = replayJbd(transcript, out, counting);
        break;
      }
      case SBS_SMBUS:
      case BQ40Z50_SMBUS: {
        InLineOrder reports = new InLineOrder(counting);
        List<Entry> entries = HexTranscript.parse(trace, reports);
        reports.release();
        snapshots = replaySmbus(entries, out, counting);
        break;
      }
      default:
        throw new TraceException("profile " + profile.id() + ": protocol " + profile.protocol().key()
            + " reads no bus, so it has no trace to replay");
    }
    return new Result(snapshots, bad[0]);
  }

  private int replayCandump(Reader trace, Consumer<BatterySnapshot> out, Consumer<BadLine> onBadLine) {
    CandumpReplay replay = new CandumpReplay(trace, onBadLine);
    ReplayChannel channel = new ReplayChannel(replay);
    PylontechProfile variant = profile.pylontech().map(HardwareProfile.Pylontech::variant)
        .orElse(PylontechVariant.V1_2) == PylontechVariant.V1_3 ? PylontechProfile.V1_3 : PylontechProfile.V1_2;
    PylontechCanDriver driver = new PylontechCanDriver(channel, channel.clock(), variant, canWindow);
    int snapshots = 0;
    while (channel.hasNext()) {
      try {
        out.accept(driver.read());
        snapshots++;
      } catch (BusException e) {
        if (e.kind() != BusException.Kind.TIMEOUT) {
          throw e;
        }
        // a window of frames with other ids only: nothing to decode
      }
    }
    if (snapshots == 0) {
      throw new TraceException("no Pylontech frame in the log");
    }
    return snapshots;
  }

  private int replayJbd(JbdTranscript transcript, Consumer<BatterySnapshot> out, Consumer<BadLine> onBadLine) {
    ManualClock clock = new ManualClock();
    // The transcript answers at once, so a short silence timeout loses nothing and keeps replays fast.
    JbdDriver driver = new JbdDriver(transcript, clock, Duration.ofMillis(1));
    int polls = 0;
    int snapshots = 0;
    while (transcript.hasResponsesLeft(JbdFrame.CMD_BASIC_INFO) || transcript.hasResponsesLeft(JbdFrame.CMD_CELL_VOLTAGES)) {
      int before = transcript.consumed();
      Optional<Instant> recorded = transcript.nextTimestamp(JbdFrame.CMD_BASIC_INFO)
          .or(() -> transcript.nextTimestamp(JbdFrame.CMD_CELL_VOLTAGES));
      clock.set(recorded.orElse(pollTime(polls)));
      polls++;
      snapshots += poll(driver, out);
      if (transcript.consumed() == before) {
        break;
      }
    }
    reportLeftOver(transcript.leftOver(), onBadLine);
    requireSnapshots(snapshots, "no JBD response to 0x03 or 0x04 in the transcript");
    return snapshots;
  }

  private int replaySmbus(List<Entry> entries, Consumer<BatterySnapshot> out, Consumer<BadLine> onBadLine) {
    int address = profile.bus() instanceof I2c i2c ? i2c.address() : SmbusDevice.SMART_BATTERY_ADDRESS;
    SmbusTranscript transcript = new SmbusTranscript(entries, address, onBadLine);
    ManualClock clock = new ManualClock();
    BmsDriver driver = profile.protocol() == Protocol.BQ40Z50_SMBUS
        ? new Bq40z50Driver(transcript, clock, profile.sbs().map(HardwareProfile.Sbs::cellVoltageCommands)
            .orElse(Bq40z50Driver.BQ40Z50_CELL_COMMANDS))
        : new SbsDriver(transcript, clock);
    int polls = 0;
    int snapshots = 0;
    while (transcript.hasAnswersLeft()) {
      int before = transcript.consumed();
      clock.set(transcript.nextTimestamp().orElse(pollTime(polls)));
      polls++;
      snapshots += poll(driver, out);
      if (transcript.consumed() == before) {
        break; // the driver asks for none of the commands left
      }
    }
    reportLeftOver(transcript.leftOver(), onBadLine);
    requireSnapshots(snapshots, "no SMBus answer the " + profile.protocol().key() + " driver reads");
    return snapshots;
  }

  private int poll(BmsDriver driver, Consumer<BatterySnapshot> out) {
    try {
      out.accept(driver.read());
      return 1;
    } catch (BusException e) {
      return 0; // nothing at all answered in this poll; the bad lines were reported already
    }
  }

  private Instant pollTime(int poll) {
    return Instant.EPOCH.plus(profile.poll().interval().multipliedBy(poll));
  }

  private void reportLeftOver(List<Unasked> left, Consumer<BadLine> onBadLine) {
    for (Unasked u : left) {
      onBadLine.accept(new BadLine(u.entry().lineNumber(), String.format(
          "recorded answer to 0x%02X was never asked for by the %s driver", u.command(), profile.protocol().key())));
    }
  }

  /**
   * Holds the reports of the checks made before decoding (parsing, then frame validation) and passes
   * them on sorted by line, so a user reads them top to bottom like the file.
   */
  private static final class InLineOrder implements Consumer<BadLine> {
    private final Consumer<BadLine> target;
    private final List<BadLine> held = new ArrayList<>();

    InLineOrder(Consumer<BadLine> target) {
      this.target = target;
    }

    @Override
    public void accept(BadLine bad) {
      held.add(bad);
    }

    void release() {
      held.sort(Comparator.comparingInt(BadLine::lineNumber));
      held.forEach(target);
      held.clear();
    }
  }

  private static void requireSnapshots(int snapshots, String message) {
    if (snapshots == 0) {
      throw new TraceException(message);
    }
  }
}
