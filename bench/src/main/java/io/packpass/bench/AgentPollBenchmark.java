package io.packpass.bench;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import io.packpass.agent.bus.sim.JbdUartPeer;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.estimate.Estimator;
import io.packpass.agent.estimate.EstimatorConfig;
import io.packpass.agent.estimate.EstimatorReport;
import io.packpass.agent.trace.ManualClock;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent's CPU spends per poll (issue 4): decoding one BMS read and feeding the snapshot to the
 * SOH {@link Estimator}. Target: median of {@link #decodeAndEstimate} under 50 µs. The baseline is not a
 * JMH measurement: the SMBus wire time of the same bq40z50 read (about 11 ms at 100 kHz), computed in
 * the setup from the transactions the driver makes ({@link SmbusWireTime}) and printed.
 *
 * <p>Buses are the in-memory simulators (production code, packbus.md §5): their cost is included in the
 * decode benchmarks and measured alone in {@link #sbsRegisterMapOnly}. Sample time mode: JMH times
 * individual operations, so the result has percentiles (p50, p99) and not only a mean.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class AgentPollBenchmark {
  /** packbus.md §3.5: one cycle of a Pylontech US5000 (protocol v1.2). */
  static final List<String> PYLONTECH_CYCLE = List.of("351#1402C012C012C201", "355#58005E00",
      "356#7A13F2FE6B01", "359#0000000006504E", "35C#C000", "35E#50594C4F4E202020");

  private static final Instant FIXED_TIME = Instant.parse("2026-01-01T00:00:00Z");

  // sbsDecode, sbsRegisterMapOnly
  private Bq40z50Driver sbsFixtureDriver;
  private SbsRegisterMap fixture;
  private int[] fixtureWords;
  private int[] fixtureBlocks;

  // jbdDecode
  private JbdDriver jbdDriver;

  // pylontechDecode
  private PylontechCanDriver pylontechDriver;

  // estimatorUpdate
  private Estimator estimatorAlone;
  private BatterySnapshot[] snapshots;
  private int snapshotIndex;

  // sbsDecodeChanging, decodeAndEstimate
  private PollSequence sequence;
  private SbsRegisterMap changingMap;
  private ManualClock changingClock;
  private Bq40z50Driver changingDriver;
  private Estimator estimatorPerPoll;
  private int pollIndex;
  private Instant pollTime;

  @Setup
  public void setUp() {
    Clock fixed = Clock.fixed(FIXED_TIME, ZoneOffset.UTC);

    fixture = SbsRegisterMap.fixture4s();
    sbsFixtureDriver = new Bq40z50Driver(fixture, fixed);
    BatterySnapshot sbs = sbsFixtureDriver.read();
    check(!sbs.isPartial() && sbs.packVoltageMv().equals(Optional.of(15400L)) && sbs.cellVoltagesMv().size() == 4,
        "bq40z50 fixture decodes partially: " + sbs);
    SmbusWireTime wire = new SmbusWireTime(fixture);
    new Bq40z50Driver(wire, fixed).read();
    System.out.print(wire.report());
    fixtureWords = wire.wordCommands();
    fixtureBlocks = wire.blockCommands();

    jbdDriver = new JbdDriver(JbdUartPeer.workedExample().link(), fixed);
    BatterySnapshot jbd = jbdDriver.read();
    check(!jbd.isPartial() && jbd.cellVoltagesMv().size() == 4, "JBD worked example decodes partially: " + jbd);

    CyclingCanChannel can = new CyclingCanChannel(PYLONTECH_CYCLE);
    pylontechDriver = new PylontechCanDriver(can, fixed);
    BatterySnapshot pylon = pylontechDriver.read();
    check(!pylon.isPartial() && can.received() == PYLONTECH_CYCLE.size(),
        "Pylontech cycle decodes partially or not in six frames: " + pylon + ", " + can.received() + " frames");

    sequence = PollSequence.generate();
    EstimatorConfig config = EstimatorConfig.builder(Chemistry.LI_ION_NMC, Category.LMT, 4,
        PollSequence.DESIGN_MAH).build();

    // The same snapshots the bq40z50 driver makes of the sequence, decoded once here.
    changingMap = SbsRegisterMap.fixture4s();
    changingClock = new ManualClock();
    changingClock.set(PollSequence.START);
    changingDriver = new Bq40z50Driver(changingMap, changingClock);
    snapshots = new BatterySnapshot[sequence.size()];
    int discharging = 0;
    int charging = 0;
    for (int i = 0; i < sequence.size(); i++) {
      sequence.load(changingMap, i);
      changingClock.set(pollTime(i));
      snapshots[i] = changingDriver.read();
      check(!snapshots[i].isPartial(), "poll " + i + " decodes partially: " + snapshots[i]);
      discharging += sequence.currentMa(i) < -100 ? 1 : 0;
      charging += sequence.currentMa(i) > 100 ? 1 : 0;
    }
    check(discharging > 0 && charging > 0, "the sequence neither charges nor discharges");
    System.out.printf("Poll sequence: %d polls every %d s, %d discharging, %d charging, %d resting%n",
        sequence.size(), PollSequence.POLL.toSeconds(), discharging, charging,
        sequence.size() - discharging - charging);
    // Two passes through a scratch estimator: the sequence must give it real work and nothing to refuse.
    Estimator scratch = new Estimator(config);
    for (int pass = 0; pass < 2; pass++) {
      Duration shift = PollSequence.POLL.multipliedBy((long) pass * snapshots.length);
      for (BatterySnapshot s : snapshots) {
        scratch.accept(shifted(s, shift));
      }
    }
    EstimatorReport report = scratch.report();
    System.out.printf("Estimator after two passes: %d capacity segments, %d events, rejections %s,%n  %s%n",
        report.capacitySegments(), scratch.drainEvents().size(), report.rejections(), report.condition());
    check(report.capacitySegments() > 0, "the sequence gives the estimator no full/empty segment");
    check(report.rejections().gaps() == 0 && report.rejections().clockBackwards() == 0
        && report.rejections().duplicateTimes() == 0, "the estimator refuses part of the sequence: " + report);
    estimatorAlone = new Estimator(config);
    snapshotIndex = 0;

    estimatorPerPoll = new Estimator(config);
    pollIndex = 0;
    pollTime = PollSequence.START;
  }

  private static Instant pollTime(int i) {
    return PollSequence.START.plus(PollSequence.POLL.multipliedBy(i));
  }

  /** The full SBS + bq40z50 read of packbus.md §1.9's fixture: 18 Read Words, 2 Block Reads, decoded. */
  @Benchmark
  public BatterySnapshot sbsDecode() {
    return sbsFixtureDriver.read();
  }

  /** The register map alone: the same 20 transactions {@link #sbsDecode} makes, without the driver
   * (the commands recorded in the setup; words first, then blocks). */
  @Benchmark
  public int sbsRegisterMapOnly() {
    int sum = 0;
    for (int command : fixtureWords) {
      sum += fixture.readWord(command);
    }
    for (int command : fixtureBlocks) {
      sum += fixture.readBlock(command).length;
    }
    return sum;
  }

  /** JBD UART: 0x03 basic information + 0x04 cell voltages over the in-memory peer (0x05 only once). */
  @Benchmark
  public BatterySnapshot jbdDecode() {
    return jbdDriver.read();
  }

  /** One Pylontech v1.2 cycle: six frames received and decoded. */
  @Benchmark
  public BatterySnapshot pylontechDecode() {
    return pylontechDriver.read();
  }

  /**
   * {@link Estimator#accept} of the next snapshot of the charge/discharge sequence. After the last one
   * the sequence starts again one poll later (times shifted by one period), rebuilt in that operation:
   * one operation in {@code sequence.size()} pays for it.
   */
  @Benchmark
  public Estimator estimatorUpdate() {
    if (snapshotIndex == snapshots.length) {
      Duration period = PollSequence.POLL.multipliedBy(snapshots.length);
      for (int i = 0; i < snapshots.length; i++) {
        snapshots[i] = shifted(snapshots[i], period);
      }
      snapshotIndex = 0;
    }
    estimatorAlone.accept(snapshots[snapshotIndex++]);
    return estimatorAlone;
  }

  /** The gauge's registers move to the next poll of the sequence, then the bq40z50 read (no estimator). */
  @Benchmark
  public BatterySnapshot sbsDecodeChanging() {
    return nextPoll();
  }

  /** Per poll: the gauge's registers move on, the bq40z50 read, {@link Estimator#accept}. The target's number. */
  @Benchmark
  public Estimator decodeAndEstimate() {
    estimatorPerPoll.accept(nextPoll());
    return estimatorPerPoll;
  }

  private BatterySnapshot nextPoll() {
    if (pollIndex == sequence.size()) {
      pollIndex = 0;
    }
    sequence.load(changingMap, pollIndex++);
    pollTime = pollTime.plus(PollSequence.POLL);
    changingClock.set(pollTime);
    return changingDriver.read();
  }

  private static BatterySnapshot shifted(BatterySnapshot s, Duration by) {
    return new BatterySnapshot(s.time().plus(by), s.packVoltageMv(), s.currentMa(), s.temperaturesDc(),
        s.cellVoltagesMv(), s.stateOfChargeCpct(), s.remainingCapacityMah(), s.fullChargeCapacityMah(),
        s.designCapacityMah(), s.cycleCount(), s.bmsStateOfHealthCpct(), s.alarms(), s.identity(), s.missing());
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  /** Hands out the frames of one cycle again and again, as a pack that broadcasts forever; no allocation. */
  static final class CyclingCanChannel implements CanChannel {
    private final List<Optional<CanFrame>> frames;
    private long received;

    CyclingCanChannel(List<String> candump) {
      HexFormat hex = HexFormat.of();
      this.frames = candump.stream().map(line -> {
        String[] parts = line.split("#", -1);
        return Optional.of(CanFrame.standard(Integer.parseInt(parts[0], 16), hex.parseHex(parts[1])));
      }).toList();
    }

    @Override
    public Optional<CanFrame> receive(Duration timeout) {
      return frames.get((int) (received++ % frames.size()));
    }

    long received() {
      return received;
    }
  }
}
