package io.packpass.agent.estimate;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Quantity;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent's own view of the pack's state of health, built from nothing but the BMS's raw readings so
 * that the BMS's SOH can be checked rather than copied. Stateful and single-threaded: feed every
 * {@link BatterySnapshot} in time order to {@link #accept}, ask {@link #report()} when a passport update
 * is due, {@link #drainEvents()} when the events are journalled, and {@link #state()} to persist.
 *
 * <p><b>Timeline.</b> An interval between two snapshots is integrated only when it is positive and at
 * most {@link EstimatorConfig#maxGap()} long. A longer interval (agent off, bus down) is counted as a
 * gap and not integrated; a snapshot older than the previous one (clock set back) is counted and
 * restarts the timeline there; a snapshot with the same time is ignored. Either break drops the coulomb
 * anchor and breaks the OCV anchors' count, because the charge moved meanwhile is unknown. Each signal is integrated over the snapshots
 * that carry it (a partial snapshot leaves the other signals' intervals open), bridging at most the
 * maximum gap: a missing value is never filled in. Absurd values are dropped and counted
 * ({@link PlausibilityFilter}).
 *
 * <p><b>Values</b> (each a {@link Measured} with its method and uncertainty in the quantity's unit):
 * <ul>
 *   <li>remaining capacity, SOH (capacity / design, capped at 100 % with the cap named in the method),
 *       capacity fade: from complete full/empty segments ({@link CoulombCounter}) and from pairs of
 *       rest-voltage (OCV) anchors ({@link OcvAnchors}), one median over both ({@link CapacityLearner},
 *       the method text says which contributed); absent until the first segment or pair;
 *   <li>remaining energy and, for {@link Category#EV}, SOCE (energy / certified energy): from
 *       full-to-empty discharges only;
 *   <li>capacity and energy throughput, full equivalent cycles, times at extreme temperatures and the
 *       SoC and temperature histograms ({@link UsageCounters}, {@link HistogramCounter});
 *   <li>deep-discharge and overcharge counts ({@link EventDetector});
 *   <li>internal resistance and its increase ({@link ResistanceTracker});
 *   <li>state of charge: own coulomb count when anchored and a capacity is known, else the BMS's value
 *       marked {@code bms-reported} with its 1 % reporting resolution; temperature: mean of the sensors,
 *       uncertainty half their spread (at least 0.1 degree).
 * </ul>
 * Self-discharge is not reported: rests are now detected ({@link OcvAnchors}), but the SoC drop
 * over one rest is within the anchors' SoC uncertainty and below the current deadband, so no honest
 * rate follows yet.
 *
 * <p><b>BMS cross-check</b> ({@link BmsCrossCheck}; the BMS SOH is its SOH register, or else its
 * full-charge capacity / configured design capacity). Flags, each with the two readings that show it:
 * <ul>
 *   <li>{@link FlagType#BMS_SOH_JUMP}: consecutive BMS readings differ by more than
 *       {@link EstimatorConfig#jumpCpct()} (default 3 % points);
 *   <li>{@link FlagType#BMS_SOH_RISING}: a BMS reading more than {@link EstimatorConfig#risingCpct()}
 *       (default 2 % points) above its lowest earlier reading;
 *   <li>{@link FlagType#BMS_SOH_STUCK}: the BMS value bit-identical for {@link EstimatorConfig#stuckDuration()}
 *       (default 90 days) or {@link EstimatorConfig#stuckCycles()} full equivalent cycles (default 50)
 *       while the own SOH moved by more than its uncertainty;
 *   <li>{@link FlagType#BMS_SOH_DISAGREES}: |BMS - own| above {@link EstimatorConfig#disagreementCpct()}
 *       (default 5 % points) plus the own uncertainty.
 * </ul>
 * Jump and rising stay raised once seen (they are evidence about the BMS, not about the moment); stuck
 * and disagreement are evaluated on every report.
 *
 * <p><b>Cost.</b> {@link #accept} works on one reused {@link Reading} and primitive fields; it allocates
 * only when an event, a segment, an accepted OCV anchor or a flag is raised.
 */
public final class Estimator {
  private static final long NONE = Long.MIN_VALUE;

  private final EstimatorConfig config;
  private final long maxGapMs;
  private final Reading reading = new Reading();
  private final PlausibilityFilter filter;
  private final UsageCounters usage;
  private final CoulombCounter coulomb;
  private final CapacityLearner capacity;
  private final ResistanceTracker resistance;
  private final EventDetector events;
  private final BmsCrossCheck crossCheck;
  private final OcvAnchors ocv;

  private Instant lastTime;
  private long lastMs;

  private long currentMs = NONE;
  private long currentMa;
  private boolean voltageKnown;
  private long voltageMv;
  private long temperatureAtCurrentDc = Long.MIN_VALUE;

  private long temperatureMs = NONE;
  private long temperatureMinDc;
  private long temperatureMaxDc;
  private long temperatureMeanDc;
  private boolean chargingAtTemperature;

  private long socMs = NONE;
  private long socCpct;
  private boolean socOwn;

  private long gaps;
  private long gapMs;
  private long clockBackwards;
  private long duplicateTimes;
  private long fieldGaps;

  public Estimator(EstimatorConfig config) {
    this(config, EstimatorState.initial());
  }

  /** Resumes from a state saved by {@link #state()}. */
  public Estimator(EstimatorConfig config, EstimatorState state) {
    this.config = config;
    this.maxGapMs = config.maxGap().toMillis();
    filter = new PlausibilityFilter(config, state.input().absurdByField());
    usage = new UsageCounters(config, state.usage());
    coulomb = new CoulombCounter(config, state.coulomb());
    capacity = new CapacityLearner(config, state.capacity());
    resistance = new ResistanceTracker(config, state.resistance());
    events = new EventDetector(config, state.events());
    crossCheck = new BmsCrossCheck(config, state.crossCheck());
    ocv = new OcvAnchors(config, state.ocv());
    lastTime = state.lastTime();
    lastMs = lastTime == null ? NONE : lastTime.toEpochMilli();
    EstimatorState.Channels c = state.channels();
    currentMs = millis(c.currentTime());
    currentMa = c.currentMa();
    voltageKnown = c.voltageKnown();
    voltageMv = c.voltageMv();
    temperatureAtCurrentDc = c.temperatureAtCurrentDc();
    temperatureMs = millis(c.temperatureTime());
    temperatureMinDc = c.temperatureMinDc();
    temperatureMaxDc = c.temperatureMaxDc();
    temperatureMeanDc = c.temperatureMeanDc();
    chargingAtTemperature = c.chargingAtTemperature();
    socMs = millis(c.socTime());
    socCpct = c.socCpct();
    socOwn = c.socOwn();
    EstimatorState.Input in = state.input();
    gaps = in.gaps();
    gapMs = in.gapMs();
    clockBackwards = in.clockBackwards();
    duplicateTimes = in.duplicateTimes();
    fieldGaps = in.fieldGaps();
  }

  public EstimatorConfig config() {
    return config;
  }

  /** Takes one reading; see the class comment for what is integrated and what is refused. */
  public void accept(BatterySnapshot snapshot) {
    Reading r = reading;
    filter.load(snapshot, r);
    long t = r.timeMs;
    if (lastTime != null) {
      long dt = t - lastMs;
      if (dt == 0) {
        duplicateTimes++;
        return;
      }
      if (dt < 0) {
        clockBackwards++;
        restartTimeline();
      } else if (dt > maxGapMs) {
        gaps++;
        gapMs += dt;
        restartTimeline();
      }
    }
    Instant time = snapshot.time();
    lastTime = time;
    lastMs = t;
    ocv.observe(r, currentMs != NONE && t - currentMs <= maxGapMs, capacity, filter);
    integrateCharge(r, time);
    coulomb.observe(r, time, capacity, filter);
    integrateTime(r);
    events.observe(r, time);
    if (r.hasBmsSoh) {
      crossCheck.observe(r, time, cycles(), ownSohCpct(), capacity.lastCapacityTime());
    }
  }

  private void restartTimeline() {
    currentMs = NONE;
    temperatureMs = NONE;
    socMs = NONE;
    coulomb.loseAnchor();
    ocv.breakCount(capacity, filter);
  }

  private void integrateCharge(Reading r, Instant time) {
    if (!r.hasCurrent) {
      return;
    }
    if (currentMs != NONE) {
      long dt = r.timeMs - currentMs;
      if (dt > maxGapMs) {
        fieldGaps++;
        coulomb.loseAnchor();
        ocv.breakCount(capacity, filter);
      } else {
        addInterval(r, dt);
        if (voltageKnown) {
          resistance.observe(currentMs, currentMa, voltageMv, temperatureAtCurrentDc, r, time);
        }
      }
    }
    currentMs = r.timeMs;
    currentMa = r.currentMa;
    voltageKnown = r.hasVoltage;
    voltageMv = r.voltageMv;
    temperatureAtCurrentDc = r.hasTemperature ? r.temperatureMaxDc : Long.MIN_VALUE;
  }

  private void addInterval(Reading r, long dt) {
    long resolution = config.currentResolutionMa();
    long i0 = deadband(currentMa);
    long i1 = deadband(r.currentMa);
    double abs0 = Math.abs(i0);
    double abs1 = Math.abs(i1);
    usage.capacityThroughputMah += CoulombCounter.mah((abs0 + abs1) / 2 * dt);
    usage.capacityThroughputUncertaintyMah += CoulombCounter.mah((double) resolution * dt);
    double chargeMah = CoulombCounter.mah((i0 + i1) / 2.0 * dt);
    double chargeUncertaintyMah = CoulombCounter.mah((resolution + Math.abs(i1 - i0) / 2.0) * dt);
    coulomb.addCharge(chargeMah, chargeUncertaintyMah);
    ocv.addCharge(chargeMah, chargeUncertaintyMah);
    if (!voltageKnown || !r.hasVoltage) {
      coulomb.loseEnergy();
      return;
    }
    double p0 = voltageMv * (double) i0 / 1000;
    double p1 = r.voltageMv * (double) i1 / 1000;
    double meanVoltage = (voltageMv + r.voltageMv) / 2.0;
    double systematicMw = (resolution * meanVoltage + config.voltageResolutionMv() * (abs0 + abs1) / 2) / 1000;
    usage.energyThroughputMwh += CoulombCounter.mah((Math.abs(p0) + Math.abs(p1)) / 2 * dt);
    usage.energyThroughputUncertaintyMwh += CoulombCounter.mah(systematicMw * dt);
    coulomb.addEnergy(CoulombCounter.mah((p0 + p1) / 2 * dt),
        CoulombCounter.mah((systematicMw + Math.abs(p1 - p0) / 2) * dt));
  }

  private long deadband(long ma) {
    return Math.abs(ma) <= config.currentDeadbandMa() ? 0 : ma;
  }

  private void integrateTime(Reading r) {
    if (r.hasTemperature) {
      boolean charging = r.hasCurrent ? r.currentMa > config.chargingThresholdMa()
          : currentMs != NONE && r.timeMs - currentMs <= maxGapMs && currentMa > config.chargingThresholdMa();
      long mean = Math.floorDiv(r.temperatureSumDc, r.temperatureSensors);
      if (temperatureMs != NONE) {
        long dt = r.timeMs - temperatureMs;
        if (dt > maxGapMs) {
          fieldGaps++;
        } else {
          addTemperatureTime(r, charging, dt);
        }
      }
      temperatureMs = r.timeMs;
      temperatureMinDc = r.temperatureMinDc;
      temperatureMaxDc = r.temperatureMaxDc;
      temperatureMeanDc = mean;
      chargingAtTemperature = charging;
    }
    boolean own = coulomb.hasSoc(capacity);
    if (own || r.hasSoc) {
      long soc = own ? coulomb.socCpct(capacity) : r.socCpct;
      if (socMs != NONE) {
        long dt = r.timeMs - socMs;
        if (dt > maxGapMs) {
          fieldGaps++;
        } else {
          usage.socHistogram.add(socCpct, dt);
        }
      }
      socMs = r.timeMs;
      socCpct = soc;
      socOwn = own;
    }
  }

  /** Attributes the interval to the conditions at its start; see {@link UsageCounters}. */
  private void addTemperatureTime(Reading r, boolean chargingNow, long dt) {
    long low = config.temperatureLowDc();
    long high = config.temperatureHighDc();
    usage.temperatureHistogram.add(temperatureMeanDc, dt);
    boolean wasLow = temperatureMinDc < low;
    boolean wasHigh = temperatureMaxDc > high;
    boolean isLow = r.temperatureMinDc < low;
    boolean isHigh = r.temperatureMaxDc > high;
    if (wasLow) {
      usage.lowMs += dt;
    }
    if (wasHigh) {
      usage.highMs += dt;
    }
    if (wasLow && chargingAtTemperature) {
      usage.chargingLowMs += dt;
    }
    if (wasHigh && chargingAtTemperature) {
      usage.chargingHighMs += dt;
    }
    if (wasLow != isLow) {
      usage.lowUncertaintyMs += dt;
    }
    if (wasHigh != isHigh) {
      usage.highUncertaintyMs += dt;
    }
    if ((wasLow && chargingAtTemperature) != (isLow && chargingNow)) {
      usage.chargingLowUncertaintyMs += dt;
    }
    if ((wasHigh && chargingAtTemperature) != (isHigh && chargingNow)) {
      usage.chargingHighUncertaintyMs += dt;
    }
  }

  private double cycles() {
    return usage.fullEquivalentCycles(config.designCapacityMah());
  }

  /** Own SOH in cpct, not capped, or -1 without an estimate. */
  private long ownSohCpct() {
    if (!capacity.hasCapacity()) {
      return -1;
    }
    return Math.round(capacity.capacityMah() * 10_000 / config.designCapacityMah());
  }

  private long ownSohUncertaintyCpct() {
    return (long) Math.ceil(capacity.capacityUncertaintyMah() * 10_000 / config.designCapacityMah());
  }

  /** The negative events raised since the last call; they stay in {@link #state()} until drained. */
  public List<NegativeEvent> drainEvents() {
    return events.drain();
  }

  /** What the estimator can stand behind now. Does not change the estimator. */
  public EstimatorReport report() {
    Rejections rejections = rejections();
    if (lastTime == null) {
      return new EstimatorReport(Optional.empty(), Condition.of(Map.of()), events.pending(), List.of(), rejections,
          capacity.capacitySegments(), ocv.pairs(), ocv.accepted(), ocv.rejected());
    }
    EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
    new ConditionWriter(config, lastTime, values).counters(usage, events).capacity(capacity)
        .resistance(resistance);
    putStateOfCharge(values);
    putTemperature(values);
    Condition condition = new Condition(values,
        usage.socHistogram.totalMillis() > 0 ? Optional.of(usage.socHistogram.toHistogram(lastTime)) : Optional.empty(),
        usage.temperatureHistogram.totalMillis() > 0 ? Optional.of(usage.temperatureHistogram.toHistogram(lastTime))
            : Optional.empty());
    List<Flag> flags = crossCheck.flags(lastTime, cycles(), ownSohCpct(),
        capacity.hasCapacity() ? ownSohUncertaintyCpct() : 0, capacity.lastCapacityTime());
    return new EstimatorReport(Optional.of(lastTime), condition, events.pending(), flags, rejections,
        capacity.capacitySegments(), ocv.pairs(), ocv.accepted(), ocv.rejected());
  }

  private void putStateOfCharge(EnumMap<Quantity, Measured> values) {
    if (coulomb.hasSoc(capacity)) {
      values.put(Quantity.STATE_OF_CHARGE, new Measured(coulomb.socCpct(capacity), lastTime,
          "coulomb count from " + coulomb.anchor().name().toLowerCase(Locale.ROOT) + " anchor",
          coulomb.socUncertaintyCpct(capacity)));
    } else if (socMs != NONE && !socOwn) {
      // The BMS reports whole percent (SBS RSOC, JBD, Pylontech): that is the uncertainty we can name.
      values.put(Quantity.STATE_OF_CHARGE, new Measured(socCpct, instant(socMs), "bms-reported", 100));
    }
  }

  private void putTemperature(EnumMap<Quantity, Measured> values) {
    if (temperatureMs == NONE) {
      return;
    }
    long uncertainty = Math.max(1, (temperatureMaxDc - temperatureMinDc + 1) / 2);
    values.put(Quantity.TEMPERATURE, new Measured(temperatureMeanDc, Instant.ofEpochMilli(temperatureMs),
        "mean of bms sensors", uncertainty));
  }

  private Rejections rejections() {
    Map<String, Long> absurd = new TreeMap<>();
    for (InputField f : InputField.values()) {
      long n = filter.rejected(f);
      if (n > 0) {
        absurd.put(f.fieldName(), n);
      }
    }
    return new Rejections(absurd, gaps, gapMs / 60_000, clockBackwards, duplicateTimes, fieldGaps,
        resistance.rejectedSteps());
  }

  /** Everything needed to resume, see {@link EstimatorState}. */
  public EstimatorState state() {
    EstimatorState.Channels channels = new EstimatorState.Channels(instant(currentMs), currentMa, voltageKnown,
        voltageMv, temperatureAtCurrentDc, instant(temperatureMs), temperatureMinDc, temperatureMaxDc,
        temperatureMeanDc, chargingAtTemperature, instant(socMs), socCpct, socOwn);
    EstimatorState.Input input = new EstimatorState.Input(filter.saved(), gaps, gapMs, clockBackwards,
        duplicateTimes, fieldGaps);
    return new EstimatorState(lastTime, channels, usage.saved(), coulomb.saved(), capacity.saved(),
        resistance.saved(), events.saved(), crossCheck.saved(), input, ocv.saved());
  }

  private static long millis(Instant time) {
    return time == null ? NONE : time.toEpochMilli();
  }

  private static Instant instant(long ms) {
    return ms == NONE ? null : Instant.ofEpochMilli(ms);
  }
}
