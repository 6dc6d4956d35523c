package io.packpass.agent.bms.sim;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bus.sim.pack.BmsReading;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code sim-model} protocol: reads a simulated pack's BMS directly, without a wire format. For
 * packs no bundled protocol can carry, such as an EV pack (EV BMSs speak proprietary CAN, and 75 kWh
 * does not fit SBS's 16-bit mAh): the {@link BmsReading} is already in PackPass units, so the mapping
 * is one to one and nothing is missing. The snapshot's time is the reading's (simulated) time.
 */
public final class SimModelDriver implements BmsDriver {
  private final Supplier<BmsReading> source;
  private final BatterySnapshot.Identity identity;

  /**
   * @param source readings of the simulated BMS (usually {@code PackSimulation.following(clock)})
   * @param deviceName what the BMS calls itself
   * @param manufactureDate when the simulated pack was made
   */
  public SimModelDriver(Supplier<BmsReading> source, String deviceName, LocalDate manufactureDate) {
    this.source = Objects.requireNonNull(source, "source");
    this.identity = new BatterySnapshot.Identity(Optional.of("PackPass simulator"), Optional.of(deviceName),
        Optional.empty(), Optional.of(manufactureDate));
  }

  @Override
  public BatterySnapshot read() {
    BmsReading r = source.get();
    return new BatterySnapshot(r.time(), Optional.of(r.packVoltageMv()), Optional.of(r.currentMa()),
        r.temperaturesDc(), r.cellVoltagesMv(), Optional.of(r.stateOfChargeCpct()),
        Optional.of(r.remainingCapacityMah()), Optional.of(r.fullChargeCapacityMah()),
        Optional.of(r.designCapacityMah()), Optional.of(r.cycleCount()), Optional.of(r.stateOfHealthCpct()),
        r.alarms(), identity, Set.of());
  }
}
