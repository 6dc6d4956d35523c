package io.packpass.agent.profile;

import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bms.pylontech.PylontechProfile;
import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bus.BusException;
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
 * <p>Real boards need the hardware adapters (Pi4J I2C, jSerialComm, JavaCAN), which this build does
 * not have yet: asking for one throws a {@link ProfileException} that says so.
 */
public final class SimulatedBms {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBms.class);

  private SimulatedBms() {
  }

  /**
   * The driver for a physics-model profile whose simulation first runs {@code ahead} of its start; other
   * simulators have no time to run ahead in and refuse.
   */
  public static BmsDriver forSimulation(HardwareProfile profile, Clock clock, Duration ahead) {
    if (profile.bus() instanceof Sim sim && sim.fixture().equals(ProfileLoader.FIXTURE_MODEL)) {
      return SimulatedPack.driver(profile, clock, ahead);
    }
    throw new ProfileException("profile " + profile.id() + ": only a physics-model profile (bus.fixture: model) can "
        + "run ahead in simulated time");
  }

  /** The driver for simulated profile {@code profile}, reading with {@code clock}. */
  public static BmsDriver forSimulation(HardwareProfile profile, Clock clock) {
    if (!(profile.bus() instanceof Sim sim)) {
      throw new ProfileException("profile " + profile.id() + ": board " + profile.board().key() + " with bus "
          + profile.bus().type() + " needs the " + profile.bus().type()
          + " hardware adapter, which is not available in this build yet; use a sim profile");
    }
    String fixture = sim.fixture();
    if (fixture.equals(ProfileLoader.FIXTURE_MODEL)) {
      return SimulatedPack.driver(profile, clock, Duration.ZERO);
    }
    return switch (profile.protocol()) {
      case SBS_SMBUS -> new SbsDriver(sbsFixture(profile, fixture), clock);
      case BQ40Z50_SMBUS -> new Bq40z50Driver(sbsFixture(profile, fixture), clock,
          profile.sbs().map(HardwareProfile.Sbs::cellVoltageCommands).orElse(Bq40z50Driver.BQ40Z50_CELL_COMMANDS));
      case JBD_UART -> {
        requireFixture(profile, fixture, ProfileLoader.FIXTURE_JBD_4S_LFP);
        yield new JbdDriver(JbdUartPeer.workedExample().link(), clock, JbdDriver.DEFAULT_TIMEOUT);
      }
      case PYLONTECH_CAN -> new PylontechCanDriver(replay(profile, fixture), clock, pylontechProfile(profile),
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
          + "' is not a candump trace (expected candump:traces/<name>.log)");
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
