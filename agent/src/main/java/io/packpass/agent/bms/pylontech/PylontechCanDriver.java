package io.packpass.agent.bms.pylontech;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bms.SnapshotFields;
import io.packpass.agent.bms.pylontech.PylontechFrames.Measurements;
import io.packpass.agent.bms.pylontech.PylontechFrames.Protection;
import io.packpass.agent.bms.pylontech.PylontechFrames.StateOfCharge;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Pylontech / SMA-style CAN battery (packbus.md §3): listens for one cycle of the frames the
 * pack broadcasts every second, at most for the poll window, and decodes them to PackPass units
 * (see {@link PylontechFrames}; current sign: negative while discharging on the wire, §0 item 7 and
 * §3.2, which is already PackPass's + = charging, so kept).
 *
 * <p>Collection stops when every id of the {@link PylontechProfile} has arrived (the last frame per id
 * wins) or when the window, measured on the injected clock, is over. Frames with ids outside the
 * profile, and extended frames, are ignored and counted ({@link #unknownFrameCount()}).
 *
 * <p>A frame that is absent or of the wrong length leaves its fields empty and named in
 * {@link BatterySnapshot#missing()}; so does an absurd value (voltage not in 0…100 V, current beyond
 * ±3000 A, temperature outside −50…150 °C, SOC above 100 %, SOH of 0 or above 100 %). No frame of the
 * profile at all within the window is a {@link Kind#TIMEOUT}.
 *
 * <p>The protocol never provides cell voltages, capacities, cycle count, device name, serial number or
 * manufacture date: those are always empty and not listed in {@code missing}. Limits (0x351), requests
 * (0x35C), warnings and module count (0x359) are in {@link #lastCycle()}.
 */
public final class PylontechCanDriver implements BmsDriver {
  /** The pack sends every 1 s (§3.1): 2.5 s catches a whole cycle even when started mid-cycle. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMillis(2500);
  /** Bound on frames examined per read, so a chattering bus cannot keep a read going forever. */
  public static final int MAX_FRAMES_PER_READ = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(PylontechCanDriver.class);
  private static final long MAX_VOLTAGE_MV = 100_000;
  private static final long MAX_ABS_CURRENT_MA = 3_000_000;
  private static final long MIN_TEMPERATURE_DC = -500;
  private static final long MAX_TEMPERATURE_DC = 1500;
  private static final long MAX_CPCT = 10_000;

  private final CanChannel channel;
  private final Clock clock;
  private final PylontechProfile profile;
  private final Duration window;
  private long unknownFrames;
  private Optional<PylontechCycle> lastCycle = Optional.empty();

  /** A v1.2 pack with the default window. */
  public PylontechCanDriver(CanChannel channel, Clock clock) {
    this(channel, clock, PylontechProfile.V1_2, DEFAULT_WINDOW);
  }

  /**
   * @param profile which protocol generation the pack speaks (§3.4)
   * @param window how long one read listens at most
   */
  public PylontechCanDriver(CanChannel channel, Clock clock, PylontechProfile profile, Duration window) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.profile = Objects.requireNonNull(profile, "profile");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + window);
    }
    this.window = window;
  }

  @Override
  public BatterySnapshot read() {
    Instant time = clock.instant();
    Map<Integer, CanFrame> frames = new HashMap<>();
    int unknown = collect(time.plus(window), frames);
    if (frames.isEmpty()) {
      throw new BusException(Kind.TIMEOUT, "no Pylontech frame within " + window.toMillis() + " ms ("
          + unknown + " frames with other ids)");
    }
    Set<String> missing = new TreeSet<>();

    Optional<Measurements> m = frame(frames, PylontechFrames.MEASUREMENTS).flatMap(PylontechFrames::measurements);
    Optional<Long> voltage = m.map(Measurements::voltageMv).filter(v -> v > 0 && v <= MAX_VOLTAGE_MV);
    Optional<Long> current = m.map(Measurements::currentMa).filter(i -> Math.abs(i) <= MAX_ABS_CURRENT_MA);
    Optional<Long> temperature = m.map(Measurements::temperatureDc)
        .filter(t -> t >= MIN_TEMPERATURE_DC && t <= MAX_TEMPERATURE_DC);
    SnapshotFields.addIfEmpty(missing, SnapshotFields.PACK_VOLTAGE_MV, voltage);
    SnapshotFields.addIfEmpty(missing, SnapshotFields.CURRENT_MA, current);
    SnapshotFields.addIfEmpty(missing, SnapshotFields.TEMPERATURES_DC, temperature);

    Optional<StateOfCharge> s = frame(frames, PylontechFrames.SOC_SOH)
        .flatMap(f -> PylontechFrames.stateOfCharge(f, profile));
    Optional<Long> soc = s.map(StateOfCharge::stateOfChargeCpct).filter(v -> v <= MAX_CPCT);
    Optional<Long> soh = s.map(StateOfCharge::stateOfHealthCpct).filter(v -> v > 0 && v <= MAX_CPCT);
    SnapshotFields.addIfEmpty(missing, SnapshotFields.STATE_OF_CHARGE_CPCT, soc);
    SnapshotFields.addIfEmpty(missing, SnapshotFields.BMS_STATE_OF_HEALTH_CPCT, soh);

    Optional<Protection> protection = Optional.empty();
    Optional<Set<Alarm>> alarms;
    if (profile == PylontechProfile.V1_3) {
      alarms = frame(frames, PylontechFrames.ALARMS_V13).flatMap(PylontechFrames::alarmsV13);
    } else {
      protection = frame(frames, PylontechFrames.PROTECTION).flatMap(PylontechFrames::protection);
      alarms = protection.map(Protection::alarms);
    }
    SnapshotFields.addIfEmpty(missing, SnapshotFields.ALARMS, alarms);

    Optional<String> manufacturer = frame(frames, PylontechFrames.MANUFACTURER)
        .flatMap(PylontechFrames::manufacturer);
    SnapshotFields.addIfEmpty(missing, SnapshotFields.MANUFACTURER, manufacturer);

    lastCycle = Optional.of(new PylontechCycle(frames,
        frame(frames, PylontechFrames.LIMITS).flatMap(PylontechFrames::limits),
        frame(frames, PylontechFrames.REQUESTS).flatMap(PylontechFrames::requests),
        protection.map(Protection::moduleCount), protection.map(Protection::warnings).orElse(Set.of()), unknown));
    if (!missing.isEmpty()) {
      LOG.debug("Pylontech cycle partial, missing {} from frames {}", missing, frames.values());
    }
    var identity = new BatterySnapshot.Identity(manufacturer, Optional.empty(), Optional.empty(), Optional.empty());
    return new BatterySnapshot(time, voltage, current, temperature.map(List::of).orElse(List.of()), List.of(), soc,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), soh, alarms.orElse(Set.of()),
        identity, missing);
  }

  /** Fills {@code frames} until the cycle is complete or the deadline passes; returns the unknown count. */
  private int collect(Instant deadline, Map<Integer, CanFrame> frames) {
    Set<Integer> wanted = profile.cycleIds();
    int unknown = 0;
    for (int n = 0; n < MAX_FRAMES_PER_READ && !frames.keySet().containsAll(wanted); n++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        break;
      }
      Optional<CanFrame> received = channel.receive(remaining);
      if (received.isEmpty()) {
        break;
      }
      CanFrame f = received.get();
      if (f.extended() || !wanted.contains(f.id())) {
        unknown++;
        unknownFrames++;
        LOG.trace("Pylontech: ignoring {}", f);
      } else {
        frames.put(f.id(), f);
      }
    }
    return unknown;
  }

  /** How many frames with ids outside the profile (or extended ids) have been ignored since construction. */
  public long unknownFrameCount() {
    return unknownFrames;
  }

  /** Frames and decoded extras of the last successful read; empty before the first. */
  public Optional<PylontechCycle> lastCycle() {
    return lastCycle;
  }

  /** The profile this driver decodes. */
  public PylontechProfile profile() {
    return profile;
  }

  private static Optional<CanFrame> frame(Map<Integer, CanFrame> frames, int id) {
    return Optional.ofNullable(frames.get(id));
  }
}
