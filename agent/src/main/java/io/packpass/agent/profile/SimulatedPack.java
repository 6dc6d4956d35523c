package io.packpass.agent.profile;

import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bms.pylontech.PylontechProfile;
import io.packpass.agent.bms.sim.SimModelDriver;
import io.packpass.agent.bus.BusTap;
import io.packpass.agent.bus.sim.pack.BmsReading;
import io.packpass.agent.bus.sim.pack.Chemistry;
import io.packpass.agent.bus.sim.pack.EbikeUsage;
import io.packpass.agent.bus.sim.pack.EvCommuteUsage;
import io.packpass.agent.bus.sim.pack.Injection;
import io.packpass.agent.bus.sim.pack.JbdStateEncoder;
import io.packpass.agent.bus.sim.pack.ModelCanChannel;
import io.packpass.agent.bus.sim.pack.ModelJbdLink;
import io.packpass.agent.bus.sim.pack.PackParameters;
import io.packpass.agent.bus.sim.pack.PackSimulation;
import io.packpass.agent.bus.sim.pack.PylontechEncoder;
import io.packpass.agent.bus.sim.pack.SimulationException;
import io.packpass.agent.bus.sim.pack.StationaryPvUsage;
import io.packpass.agent.bus.sim.pack.UsageProfile;
import io.packpass.agent.profile.HardwareProfile.SimEvent;
import io.packpass.agent.profile.HardwareProfile.Simulation;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Builds the physics-model simulator of a {@code bus.fixture: model} profile and the driver that reads
 * it through the profile's protocol: {@code jbd-uart} through a {@link ModelJbdLink} (real JBD frames),
 * {@code pylontech-can} through a {@link ModelCanChannel} (real Pylontech frames), {@code sim-model}
 * directly ({@link SimModelDriver}). The simulation follows the agent's clock from the moment the
 * driver is built, optionally after jumping ahead, and the drivers stamp readings with simulated time.
 */
public final class SimulatedPack {
  private SimulatedPack() {
  }

  /** The simulation a profile describes, at its start. */
  public static PackSimulation simulation(HardwareProfile profile, Clock clock) {
    Simulation s = profile.simulation().orElseThrow(() -> new ProfileException("profile " + profile.id()
        + ": simulation: required with bus.fixture: model"));
    Chemistry chemistry = Chemistry.ofCode(profile.pack().chemistry()).orElseThrow(() -> new ProfileException(
        "profile " + profile.id() + ": pack.chemistry: the pack model has no curves for " + profile.pack().chemistry()));
    PackParameters parameters = PackParameters.of(chemistry, profile.pack().seriesCells(),
        profile.pack().parallelCells(), profile.pack().designCapacityAh());
    if (s.groupResistanceMilliohm().isPresent()) {
      parameters = parameters.withGroupResistanceOhm(s.groupResistanceMilliohm().get() / 1000);
    }
    try {
      switch (profile.protocol()) {
        case JBD_UART -> JbdStateEncoder.checkFits(parameters);
        case PYLONTECH_CAN -> PylontechEncoder.checkFits(parameters);
        default -> {
        }
      }
      return PackSimulation.builder(parameters)
          .usage(usage(s.usage()))
          .ambientC(s.ambientC())
          .start(s.start().orElse(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
          .startSoc(s.startSocPercent() / 100)
          .seed(s.seed())
          .preAged(s.ageDays(), s.cycles())
          .temperatureSensors(s.temperatureSensors())
          .injections(s.events().stream().map(SimulatedPack::injection).toList())
          .build();
    } catch (SimulationException | IllegalArgumentException e) {
      throw new ProfileException("profile " + profile.id() + ": simulation: " + e.getMessage(), e);
    }
  }

  /**
   * The driver of a model profile: its simulation is first run {@code ahead} of its start, then
   * follows {@code clock}.
   */
  public static BmsDriver driver(HardwareProfile profile, Clock clock, Duration ahead, BusTap tap) {
    PackSimulation sim = simulation(profile, clock);
    sim.advance(ahead);
    // One follower for source and clock: the clock a driver reads at the start of a poll brings the
    // pack up to date, so its listening window never sees simulated time jump within a read.
    Clock simClock = sim.followingClock(clock);
    Supplier<BmsReading> source = () -> {
      simClock.instant();
      return sim.read();
    };
    LocalDate made = LocalDate.ofInstant(sim.start(), ZoneOffset.UTC)
        .minusDays((long) profile.simulation().orElseThrow().ageDays());
    return switch (profile.protocol()) {
      case JBD_UART -> new JbdDriver(tap.serial(new ModelJbdLink(source, new JbdStateEncoder(jbdDate(made),
          "PP-SIM-" + profile.pack().seriesCells() + "S")), simClock), simClock, JbdDriver.DEFAULT_TIMEOUT);
      case PYLONTECH_CAN -> new PylontechCanDriver(tap.can(new ModelCanChannel(source), simClock), simClock, PylontechProfile.V1_2,
          PylontechCanDriver.DEFAULT_WINDOW);
      case SIM_MODEL -> new SimModelDriver(source, profile.id(), made);
      default -> throw new ProfileException("profile " + profile.id() + ": bus.fixture: model does not serve protocol "
          + profile.protocol().key());
    };
  }

  private static int jbdDate(LocalDate d) {
    int year = Math.max(0, Math.min(127, d.getYear() - 2000));
    return d.getDayOfMonth() | d.getMonthValue() << 5 | year << 9;
  }

  private static UsageProfile usage(HardwareProfile.SimUsage usage) {
    return switch (usage) {
      case EV_COMMUTE -> new EvCommuteUsage();
      case EBIKE -> new EbikeUsage();
      case STATIONARY_PV -> new StationaryPvUsage();
      case IDLE -> UsageProfile.IDLE;
    };
  }

  private static Injection injection(SimEvent e) {
    Injection.Kind kind = switch (e.kind()) {
      case DEEP_DISCHARGE -> Injection.Kind.DEEP_DISCHARGE;
      case OVER_TEMPERATURE -> Injection.Kind.OVER_TEMPERATURE;
      case CELL_IMBALANCE -> Injection.Kind.CELL_IMBALANCE;
      case BMS_SOH_STUCK -> Injection.Kind.BMS_SOH_STUCK;
      case BMS_SOH_JUMP -> Injection.Kind.BMS_SOH_JUMP;
    };
    Injection d = Injection.of(e.at(), kind);
    double magnitude = e.ambientC().or(e::capacityLossPercent).or(e::sohPoints).orElse(d.magnitude());
    return new Injection(e.at(), kind, e.duration().orElse(d.duration()), e.cell().orElse(d.cell()), magnitude);
  }
}
