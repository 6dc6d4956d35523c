package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bms.Alarm;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the simulated BMS reports at one instant, in PackPass internal units (mV, mA with + = charging,
 * mAh, dC = 0.1 °C, cpct = 0.01 %). Measurements carry the BMS's measurement noise; capacities, SoC and
 * SOH are the BMS's own estimates, which can be wrong (that is the point of some injections). The
 * protocol encoders ({@link JbdStateEncoder}, {@link PylontechEncoder}) and the {@code sim-model}
 * driver all start from this record.
 *
 * @param time simulated time of the reading
 * @param packVoltageMv measured pack voltage
 * @param currentMa measured current, + = charging
 * @param cellVoltagesMv measured cell (group) voltages, cell 1 first
 * @param temperaturesDc the BMS's temperature sensors
 * @param stateOfChargeCpct SoC as the BMS computes it (coulomb counting with its corrections)
 * @param remainingCapacityMah charge left by the BMS's coulomb counter
 * @param fullChargeCapacityMah the BMS's learned capacity (lags the truth; frozen when stuck)
 * @param designCapacityMah nominal capacity
 * @param cycleCount the BMS's cycle counter (discharged Ah over design capacity)
 * @param stateOfHealthCpct the BMS's SOH: learned capacity over design, at most 100 %
 * @param alarms active protections
 * @param balanceBits bit i set while cell i+1 bleeds for balance
 * @param chargeEnabled charge FET on
 * @param dischargeEnabled discharge FET on
 * @param chargeVoltageLimitMv what the BMS asks a charger not to exceed
 * @param chargeCurrentLimitMa what the BMS allows to flow in (0 when charging is blocked)
 * @param dischargeCurrentLimitMa what the BMS allows to flow out, positive (0 when blocked)
 * @param dischargeVoltageLimitMv the pack voltage a load must stop at
 */
public record BmsReading(Instant time, long packVoltageMv, long currentMa, List<Long> cellVoltagesMv,
    List<Long> temperaturesDc, long stateOfChargeCpct, long remainingCapacityMah, long fullChargeCapacityMah,
    long designCapacityMah, long cycleCount, long stateOfHealthCpct, Set<Alarm> alarms, long balanceBits,
    boolean chargeEnabled, boolean dischargeEnabled, long chargeVoltageLimitMv, long chargeCurrentLimitMa,
    long dischargeCurrentLimitMa, long dischargeVoltageLimitMv) {

  public BmsReading {
    Objects.requireNonNull(time, "time");
    cellVoltagesMv = List.copyOf(cellVoltagesMv);
    temperaturesDc = List.copyOf(temperaturesDc);
    alarms = alarms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alarms));
  }

  /** Lowest cell voltage, mV. */
  public long minCellMv() {
    return cellVoltagesMv.stream().mapToLong(Long::longValue).min().orElse(0);
  }

  /** Highest cell voltage, mV. */
  public long maxCellMv() {
    return cellVoltagesMv.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** Highest temperature sensor, dC. */
  public long maxTemperatureDc() {
    return temperaturesDc.stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
