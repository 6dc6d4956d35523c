package io.packpass.agent.profile;

import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bus.BusTap;
import io.packpass.agent.profile.HardwareProfile.Sim;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a reading: the driver a profile asks for, wired to its bus, plus whatever
 * has to be closed afterwards (a Pi4J context, a serial port, a CAN socket). Simulated profiles
 * ({@code bus.type: sim}) go to {@link SimulatedBms} and hold nothing; real ones to {@link HardwareBms}.
 * Commands open one, read through {@link #driver()} and close it, so no command opens a bus itself.
 */
public final class BmsConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BmsConnection.class);

  private final BmsDriver driver;
  private final List<AutoCloseable> resources;

  BmsConnection(BmsDriver driver, List<AutoCloseable> resources) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.resources = List.copyOf(resources);
  }

  /**
   * Opens the bus of {@code profile} and builds its driver.
   *
   * @throws ProfileException when the profile cannot be turned into a driver
   * @throws io.packpass.agent.bus.BusException ACCESS when the bus device is missing or not accessible
   */
  public static BmsConnection open(HardwareProfile profile, Clock clock) {
    return open(profile, clock, BusTap.NONE);
  }

  /** As {@link #open(HardwareProfile, Clock)}, with every bus port passed through {@code tap} first. */
  public static BmsConnection open(HardwareProfile profile, Clock clock, BusTap tap) {
    if (profile.bus() instanceof Sim) {
      return new BmsConnection(SimulatedBms.forSimulation(profile, clock, tap), List.of());
    }
    return HardwareBms.open(profile, clock, tap);
  }

  /**
   * A physics-model profile run {@code ahead} of the clock in simulated time before its first reading
   * ({@code agent read --at}).
   *
   * @throws ProfileException for any other profile
   */
  public static BmsConnection openAhead(HardwareProfile profile, Clock clock, Duration ahead, BusTap tap) {
    return new BmsConnection(SimulatedBms.forSimulation(profile, clock, ahead, tap), List.of());
  }

  public BmsDriver driver() {
    return driver;
  }

  /** Closes the bus resources, last opened first; a failure to close is logged, not thrown. */
  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resource, e.toString());
      }
    }
  }
}
