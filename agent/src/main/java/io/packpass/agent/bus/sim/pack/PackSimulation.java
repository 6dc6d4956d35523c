package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bms.Alarm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a {@link PackModel} and its {@link PackBms} through simulated time: fixed internal steps
 * (default {@link #DEFAULT_STEP}), a {@link UsageProfile} turned into currents by CC-CV charge control
 * and discharge cut-offs, and scheduled {@link Injection}s. Time exists only in its
 * {@link SimulatedClock}; there is no wall clock and the only randomness is the BMS's seeded
 * measurement noise, so the same builder settings give the same readings, bit for bit.
 *
 * <p>Charge control per step: a load draws {@code P / V_ocv} until the weakest cell's terminal voltage
 * would fall below {@link Chemistry#cutoffVoltageV()} (then it stays off until the next charge), the BMS
 * SoC reaches the reserve or the BMS forbids discharge. A charger delivers {@code min(P / V_ocv, I_cv)}
 * where {@code I_cv} keeps the highest cell at the charge voltage; the charge ends when the CV current
 * falls below C/20 (the BMS then calls the pack full) or the BMS SoC reaches the target.
 */
public final class PackSimulation {
  /** Internal step: far below the thermal time constant (tens of minutes) and a CV phase (an hour). */
  public static final Duration DEFAULT_STEP = Duration.ofSeconds(10);

  private final PackModel model;
  private final PackBms bms;
  private final UsageProfile usage;
  private final SimulatedClock clock;
  private final Instant start;
  private final long stepSeconds;
  private final double baseAmbientC;
  private final List<Injection> pending;
  private long elapsedSeconds;
  private Demand.Kind lastKind = Demand.Kind.REST;
  private boolean chargeDone;
  private boolean cutOff;
  private long deepDischargeUntil = -1;
  private boolean draining;
  private boolean damaged;
  private long overTemperatureUntil = -1;

  private PackSimulation(Builder b) {
    this.model = new PackModel(b.parameters, b.startSoc, b.ambientC);
    model.preAge(b.ageDays, 0.6, b.ambientC, b.cycles);
    this.bms = new PackBms(model, b.temperatureSensors, b.seed, b.cycles);
    this.usage = b.usage;
    this.start = b.start;
    this.clock = new SimulatedClock(b.start);
    this.stepSeconds = b.step.toSeconds();
    this.baseAmbientC = b.ambientC;
    this.pending = new ArrayList<>(b.injections);
    pending.sort(Comparator.comparing(Injection::at));
  }

  /** A builder for a pack of these parameters; everything else has a default. */
  public static Builder builder(PackParameters parameters) {
    return new Builder(parameters);
  }

  /** The simulated time; drivers take their timestamps from it. */
  public SimulatedClock clock() {
    return clock;
  }

  public Instant start() {
    return start;
  }

  public PackModel model() {
    return model;
  }

  public PackBms bms() {
    return bms;
  }

  /** What the BMS reports now. */
  public BmsReading read() {
    return bms.read(clock.instant());
  }

  /**
   * A source of readings for an agent running on {@code agentClock}: each call first advances the
   * simulation by as much as the agent's clock moved since this method was called, then reads. With a
   * system clock the pack lives in real time from where it is now; tests pass a clock they move.
   */
  public Supplier<BmsReading> following(Clock agentClock) {
    Clock synced = followingClock(agentClock);
    return () -> {
      synced.instant();
      return read();
    };
  }

  /**
   * Simulated time for a driver of an agent on {@code agentClock}: reading it first brings the
   * simulation up to the agent's clock, as {@link #following} does. A driver that stamps its reading
   * and measures its listening window with this clock therefore sees time move only between polls,
   * never jump forward in the middle of a read when the first frame makes the pack catch up.
   */
  public Clock followingClock(Clock agentClock) {
    Instant agentStart = agentClock.instant();
    Instant simStart = clock.instant();
    PackSimulation self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        self.advanceTo(simStart.plus(Duration.between(agentStart, agentClock.instant())));
        return self.clock.instant();
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return self.clock.withZone(zone);
      }
    };
  }

  /** Advances simulated time by {@code duration} (whole internal steps, the last one shortened). */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative duration " + duration);
    }
    long target = elapsedSeconds + duration.toSeconds();
    while (elapsedSeconds < target) {
      long dt = Math.min(stepSeconds, target - elapsedSeconds);
      step(dt);
    }
    clock.set(start.plusSeconds(elapsedSeconds));
  }

  /** Advances to {@code instant}; does nothing if it is not later than now. */
  public void advanceTo(Instant instant) {
    Duration d = Duration.between(clock.instant(), instant);
    if (!d.isNegative()) {
      advance(d);
    }
  }

  /**
   * Runs for {@code total}, handing a reading to {@code sink} after every {@code poll} (so
   * {@code total / poll} readings, the first one {@code poll} after now).
   */
  public void run(Duration total, Duration poll, Consumer<BmsReading> sink) {
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + poll);
    }
    long polls = total.toSeconds() / poll.toSeconds();
    for (long i = 0; i < polls; i++) {
      advance(poll);
      sink.accept(read());
    }
  }

  private void step(long dt) {
    long now = start.getEpochSecond() + elapsedSeconds;
    applyDueInjections();
    double current = deepDischargeUntil >= 0 ? deepDischargeCurrent() : controlledCurrent(usage.demand(now));
    model.step(dt, current);
    bms.update(dt);
    elapsedSeconds += dt;
    if (overTemperatureUntil >= 0 && elapsedSeconds >= overTemperatureUntil) {
      overTemperatureUntil = -1;
      model.setAmbientC(baseAmbientC);
    }
    if (deepDischargeUntil >= 0 && elapsedSeconds >= deepDischargeUntil) {
      deepDischargeUntil = -1;
      draining = false;
    }
  }

  private void applyDueInjections() {
    while (!pending.isEmpty() && pending.get(0).at().toSeconds() <= elapsedSeconds) {
      Injection in = pending.remove(0);
      switch (in.kind()) {
        case DEEP_DISCHARGE -> {
          draining = true;
          damaged = false;
          deepDischargeUntil = elapsedSeconds + Math.max(in.duration().toSeconds(), stepSeconds);
        }
        case OVER_TEMPERATURE -> {
          model.setAmbientC(in.magnitude());
          overTemperatureUntil = elapsedSeconds + in.duration().toSeconds();
        }
        case CELL_IMBALANCE -> model.weakenCell(in.cell() - 1, in.magnitude() / 100,
            Injection.IMBALANCE_SELF_DISCHARGE_FACTOR);
        case BMS_SOH_STUCK -> bms.freezeSoh();
        case BMS_SOH_JUMP -> bms.jumpSoh(in.magnitude());
        default -> throw new IllegalStateException("unhandled injection " + in.kind());
      }
    }
  }

  /** Drain at C/20 until the weakest cell is below the floor, then nothing (the pack is left). */
  private double deepDischargeCurrent() {
    if (!draining) {
      return 0;
    }
    double floor = model.parameters().chemistry().floorVoltageV();
    for (int i = 0; i < model.cellCount(); i++) {
      if (model.cellOcv(i) < floor - 0.1) {
        draining = false;
        if (!damaged) {
          damaged = true;
          model.addDamage(model.parameters().deepDischargeFade());
        }
        return 0;
      }
    }
    return -model.parameters().capacityAh() / 20;
  }

  private double controlledCurrent(Demand d) {
    if (d.kind() != lastKind) {
      chargeDone = false;
      lastKind = d.kind();
    }
    Set<Alarm> alarms = bms.alarms();
    Chemistry chem = model.parameters().chemistry();
    double packOcv = model.packOcv();
    switch (d.kind()) {
      case DISCHARGE: {
        if (cutOff || !PackBms.dischargeAllowed(alarms) || bms.stateOfCharge() <= d.socLimit() || d.powerW() == 0) {
          return 0;
        }
        double current = -d.powerW() / packOcv;
        for (int i = 0; i < model.cellCount(); i++) {
          if (model.cellVoltageAt(i, current) < chem.cutoffVoltageV()) {
            cutOff = true;
            return 0;
          }
        }
        return current;
      }
      case CHARGE: {
        if (chargeDone || !PackBms.chargeAllowed(alarms) || d.socLimit() < 1 && bms.stateOfCharge() >= d.socLimit()) {
          return 0;
        }
        double cc = d.powerW() / packOcv;
        double cv = Double.MAX_VALUE;
        for (int i = 0; i < model.cellCount(); i++) {
          cv = Math.min(cv, (chem.chargeVoltageV() - model.cellOcv(i)) / model.cellResistanceOhm(i));
        }
        if (cv < cc && cv < model.parameters().capacityAh() / 20) {
          chargeDone = true;
          bms.markFull();
          return 0;
        }
        double current = Math.max(0, Math.min(cc, cv));
        if (current > 0) {
          cutOff = false;
        }
        return current;
      }
      default:
        return 0;
    }
  }

  /** Settings of a simulation; every one has a default. */
  public static final class Builder {
    private final PackParameters parameters;
    private UsageProfile usage = UsageProfile.IDLE;
    private double ambientC = 25;
    private Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private double startSoc = 0.5;
    private long seed = 1;
    private Duration step = DEFAULT_STEP;
    private List<Injection> injections = List.of();
    private double ageDays;
    private double cycles;
    private int temperatureSensors = 2;

    private Builder(PackParameters parameters) {
      this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** How the pack is used (default: idle). */
    public Builder usage(UsageProfile usage) {
      this.usage = Objects.requireNonNull(usage, "usage");
      return this;
    }

    /** Ambient temperature, °C (default 25). */
    public Builder ambientC(double c) {
      if (c < -60 || c > 120) {
        throw new IllegalArgumentException("ambient must be within -60..120 °C, got " + c);
      }
      this.ambientC = c;
      return this;
    }

    /** Simulated start instant (default 2026-01-01T00:00Z). */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** Every cell's SoC at the start, fraction (default 0.5). */
    public Builder startSoc(double soc) {
      if (soc < 0 || soc > 1) {
        throw new IllegalArgumentException("start SoC must be within 0..1, got " + soc);
      }
      this.startSoc = soc;
      return this;
    }

    /** Seed of the BMS's measurement noise (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Internal step, whole seconds from 1 s to 10 min (default 10 s). */
    public Builder step(Duration step) {
      if (step.toSeconds() < 1 || step.toSeconds() > 600 || step.getNano() != 0) {
        throw new IllegalArgumentException("step must be whole seconds from 1 s to 10 min, got " + step);
      }
      this.step = step;
      return this;
    }

    public Builder injections(List<Injection> injections) {
      this.injections = List.copyOf(injections);
      return this;
    }

    /** Age before the start: {@code days} of storage at the ambient and 60 % SoC, {@code cycles} full cycles. */
    public Builder preAged(double days, double cycles) {
      this.ageDays = days;
      this.cycles = cycles;
      return this;
    }

    /** How many temperature sensors the BMS reports (default 2). */
    public Builder temperatureSensors(int n) {
      this.temperatureSensors = n;
      return this;
    }

    public PackSimulation build() {
      return new PackSimulation(this);
    }
  }
}
