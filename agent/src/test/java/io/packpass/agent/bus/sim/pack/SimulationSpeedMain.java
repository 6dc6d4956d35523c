package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.sim.SimModelDriver;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Measures how fast the EV scenario runs: six months at 1-minute polls, every reading turned into a
 * {@link BatterySnapshot} by the sim-model driver. Not a test (timings do not belong in assertions);
 * run by hand after {@code ./mvnw -q -pl agent test-compile}:
 * {@code java -cp agent/target/classes:agent/target/test-classes:$(cat cp.txt)
 * io.packpass.agent.bus.sim.pack.SimulationSpeedMain}.
 */
public final class SimulationSpeedMain {
  private SimulationSpeedMain() {
  }

  public static void main(String[] args) {
    for (int run = 1; run <= 3; run++) {
      PackSimulation sim = PackSimulationTest.ev().build();
      SimModelDriver driver = new SimModelDriver(sim::read, "sim-ev-nmc", LocalDate.of(2026, 1, 5));
      long start = System.nanoTime();
      long snapshots = 0;
      long polls = Duration.ofDays(182).toMinutes();
      for (long i = 0; i < polls; i++) {
        sim.advance(Duration.ofMinutes(1));
        BatterySnapshot s = driver.read();
        snapshots += s.cellVoltagesMv().size() > 0 ? 1 : 0;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("run %d: %d snapshots (182 days, 10 s steps, 96 cells) in %.2f s; fade %.2f %%%n", run,
          snapshots, seconds, 100 * sim.model().fade());
    }
  }
}
