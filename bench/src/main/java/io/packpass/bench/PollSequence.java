package io.packpass.bench;

import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.bus.sim.pack.BmsReading;
import io.packpass.agent.bus.sim.pack.Chemistry;
import io.packpass.agent.bus.sim.pack.Demand;
import io.packpass.agent.bus.sim.pack.PackParameters;
import io.packpass.agent.bus.sim.pack.PackSimulation;
import io.packpass.agent.bus.sim.pack.UsageProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One charge/discharge cycle of the packbus.md §1.9 pack (4S1P NMC, 4.4 Ah) from the physics model,
 * polled every {@link #POLL}, as the bq40z50 registers that change from poll to poll. The usage repeats
 * every {@link #PERIOD} and starts full: discharge at 50 W to the cut-off (about 0.8 C), rest, CC-CV
 * charge at 40 W to full, rest; so the last poll of a period is followed, {@code POLL} later, by a state
 * close to the first one and the sequence can be replayed end to end with times running on.
 */
final class PollSequence {
  /** The agent's default poll interval (ProfileLoader). */
  static final Duration POLL = Duration.ofSeconds(5);
  static final Duration PERIOD = Duration.ofHours(6);
  /** 2026-01-01T00:00Z, a multiple of {@link #PERIOD} since the epoch, so the usage starts a period. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final long DESIGN_MAH = 4400;

  /** Word registers written per poll, in this order; values in {@link #values}. */
  static final int[] COMMANDS = {
      SbsDriver.TEMPERATURE, SbsDriver.VOLTAGE, SbsDriver.CURRENT, SbsDriver.RELATIVE_STATE_OF_CHARGE,
      SbsDriver.REMAINING_CAPACITY, SbsDriver.FULL_CHARGE_CAPACITY, SbsDriver.BATTERY_STATUS,
      SbsDriver.CYCLE_COUNT_CMD, 0x3F, 0x3E, 0x3D, 0x3C, Bq40z50Driver.STATE_OF_HEALTH};

  private static final int INITIALIZED = 0x0080;
  private static final int DISCHARGING = 0x0040;

  private final int[][] values;

  private PollSequence(int[][] values) {
    this.values = values;
  }

  /** Runs the model through one {@link #PERIOD}; deterministic (seeded BMS noise). */
  static PollSequence generate() {
    PackSimulation sim = PackSimulation.builder(PackParameters.of(Chemistry.NMC, 4, 1, DESIGN_MAH / 1000.0))
        .usage(new CycleUsage())
        .start(START)
        .startSoc(1.0)
        .step(POLL)
        .seed(42)
        .preAged(365, 150)
        .build();
    List<int[]> polls = new ArrayList<>();
    sim.run(PERIOD, POLL, r -> polls.add(registers(r)));
    return new PollSequence(polls.toArray(new int[0][]));
  }

  private static int[] registers(BmsReading r) {
    int status = INITIALIZED | (r.currentMa() < 0 ? DISCHARGING : 0);
    int soh = (int) (r.stateOfHealthCpct() / 100);
    List<Long> cells = r.cellVoltagesMv();
    return new int[] {
        (int) (r.temperaturesDc().get(0) + 2731), (int) r.packVoltageMv(), (int) r.currentMa() & 0xFFFF,
        (int) Math.round(r.stateOfChargeCpct() / 100.0), (int) r.remainingCapacityMah(),
        (int) r.fullChargeCapacityMah(), status, (int) r.cycleCount(),
        cells.get(0).intValue(), cells.get(1).intValue(), cells.get(2).intValue(), cells.get(3).intValue(),
        soh | soh << 8};
  }

  int size() {
    return values.length;
  }

  /** Signed pack current of poll {@code i}, mA. */
  int currentMa(int i) {
    return (short) values[i][2];
  }

  /** Writes the registers of poll {@code i} into {@code map}, as the gauge updates them between polls. */
  void load(SbsRegisterMap map, int i) {
    int[] v = values[i];
    for (int k = 0; k < COMMANDS.length; k++) {
      map.word(COMMANDS[k], v[k]);
    }
  }

  /** Discharge at 50 W, rest, charge at 40 W to full, rest; repeats every {@link #PERIOD}. */
  private static final class CycleUsage implements UsageProfile {
    @Override
    public Demand demand(long epochSecond) {
      long minute = Math.floorMod(epochSecond, PERIOD.toSeconds()) / 60;
      if (minute < 100) {
        return Demand.discharge(50, 0.0);
      }
      if (minute >= 120 && minute < 330) {
        return Demand.charge(40, 1.0);
      }
      return Demand.REST;
    }

    @Override
    public String key() {
      return "bench-cycle";
    }
  }
}
