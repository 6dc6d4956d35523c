package io.packpass.agent.profile;

import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bms.pylontech.PylontechProfile;
import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusTap;
import io.packpass.agent.bus.sim.CandumpReplay;
import io.packpass.agent.bus.sim.JbdUartPeer;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.profile.HardwareProfile.Sim;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the driver of a {@code board: sim} profile wired to its simulator, so the whole agent runs
 * on a laptop. Fixtures: {@code sbs-4s} → {@link SbsRegisterMap#fixture4s()} (packbus.md §1.9);
 * {@code jbd-4s-lfp} → {@link JbdUartPeer#workedExample()} (§2.8); {@code candump:<path>} → a
 * {@link CandumpReplay} of the bundled trace {@code io/packpass/hwprofiles/<path>} (one pass, no loop);
 * {@code model} → the physics pack model of the profile's {@code simulation} section ({@link SimulatedPack}).
 *
 * <p>Real boards are opened by {@link HardwareBms} (through {@link BmsConnection}); asking this class
 * for one throws a {@link ProfileException}.
 */
public final class SimulatedBms {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBms.class);

  private SimulatedBms() {
  }

  /**
   * The driver for a physics-model profile whose simulation first runs {@code ahead} of its start; other
   * simulators have no time to run ahead in and refuse.
   */
  public static BmsDriver forSimulation(HardwareProfile profile, Clock clock, Duration ahead, BusTap tap) {
    if (profile.bus() instanceof Sim sim && sim.fixture().equals(ProfileLoader.FIXTURE_MODEL)) {
      return SimulatedPack.driver(profile, clock, ahead, tap);
    }
    throw new ProfileException("profile " + profile.id() + ": only a physics-model profile (bus.fixture: model) can "
        + "run ahead in simulated time");
  }

  /** The driver for simulated profile {@code profile}, reading with {@code clock}. */
  public static BmsDriver forSimulation(HardwareProfile profile, Clock clock) {
    return forSimulation(profile, clock, BusTap.NONE);
  }

  /** As {@link #forSimulation(HardwareProfile, Clock)}, with the simulator's port passed through {@code tap}. */
  public static BmsDriver forSimulation(HardwareProfile profile, Clock clock, BusTap tap) {
    if (!(profile.bus() instanceof Sim sim)) {
      throw new ProfileException("profile " + profile.id() + ": bus " + profile.bus().type()
          + " is real hardware, not a simulator (open it with BmsConnection)");
    }
    String fixture = sim.fixture();
    if (fixture.equals(ProfileLoader.FIXTURE_MODEL)) {
      return SimulatedPack.driver(profile, clock, Duration.ZERO, tap);
    }
    return switch (profile.protocol()) {
      case SBS_SMBUS -> new SbsDriver(tap.smbus(sbsFixture(profile, fixture), clock), clock);
      case BQ40Z50_SMBUS -> new Bq40z50Driver(tap.smbus(sbsFixture(profile, fixture), clock), clock,
          profile.sbs().map(HardwareProfile.Sbs::cellVoltageCommands).orElse(Bq40z50Driver.BQ40Z50_CELL_COMMANDS));
      case JBD_UART -> {
        requireFixture(profile, fixture, ProfileLoader.FIXTURE_JBD_4S_LFP);
        yield new JbdDriver(tap.serial(JbdUartPeer.workedExample().link(), clock), clock, JbdDriver.DEFAULT_TIMEOUT);
      }
      case PYLONTECH_CAN -> new PylontechCanDriver(tap.can(replay(profile, fixture), clock), clock, pylontechProfile(profile),
          PylontechCanDriver.DEFAULT_WINDOW);
      case SIM_MODEL -> throw new ProfileException("profile " + profile.id() + ": bus.fixture: protocol sim-model needs"
          + " fixture model, not '" + fixture + "'");
    };
  }

  private static SbsRegisterMap sbsFixture(HardwareProfile profile, String fixture) {
    requireFixture(profile, fixture, ProfileLoader.FIXTURE_SBS_4S);
    return SbsRegisterMap.fixture4s();
  }

  private static void requireFixture(HardwareProfile profile, String fixture, String expected) {
    if (!fixture.equals(expected)) {
      throw new ProfileException("profile " + profile.id() + ": bus.fixture: '" + fixture + "' is not a fixture for "
          + profile.protocol().key() + " (expected " + expected + ")");
    }
  }

  private static CandumpReplay replay(HardwareProfile profile, String fixture) {
    if (!fixture.startsWith("candump:")) {
      throw new ProfileException("profile " + profile.id() + ": bus.fixture: '" + fixture
          + "' is not a candump trace (expected candump:traces/<profile>/<name>.log)");
    }
    String resource = ProfileLoader.RESOURCE_ROOT + fixture.substring("candump:".length());
    try {
      return CandumpReplay.ofResource(resource,
          bad -> LOG.warn("profile {}: trace {}: {}", profile.id(), resource, bad));
    } catch (BusException e) {
      throw new ProfileException("profile " + profile.id() + ": bus.fixture: " + e.getMessage(), e);
    }
  }

  private static PylontechProfile pylontechProfile(HardwareProfile profile) {
    return switch (profile.pylontech().map(HardwareProfile.Pylontech::variant)
        .orElse(HardwareProfile.PylontechVariant.V1_2)) {
      case V1_2 -> PylontechProfile.V1_2;
      case V1_3 -> PylontechProfile.V1_3;
    };
  }
}
