package io.packpass.agent.bus.sim.pack;

/**
 * What a {@link UsageProfile} asks of the pack at one instant. The simulation's charge control turns it
 * into a current: a load takes {@code powerW} until the cut-off voltage, the reserve or a BMS
 * protection stops it; a charger delivers up to {@code powerW} CC, then CV at the chemistry's charge
 * voltage until the current falls below C/20 or the BMS reaches {@code targetSoc}.
 *
 * @param kind rest, discharge or charge
 * @param powerW load power (discharge) or charger power limit (charge), W, not negative
 * @param socLimit discharge: stop at this BMS SoC (reserve); charge: stop at this BMS SoC (1 = full, CV to the end)
 */
public record Demand(Kind kind, double powerW, double socLimit) {
  /** The three things a pack can be doing. */
  public enum Kind {
    REST, DISCHARGE, CHARGE
  }

  public static final Demand REST = new Demand(Kind.REST, 0, 0);

  public Demand {
    if (powerW < 0 || socLimit < 0 || socLimit > 1) {
      throw new IllegalArgumentException("demand needs power >= 0 and a SoC limit in [0, 1], got " + powerW
          + " W, " + socLimit);
    }
  }

  /** A load of {@code powerW} that stops at BMS SoC {@code reserve}. */
  public static Demand discharge(double powerW, double reserve) {
    return new Demand(Kind.DISCHARGE, powerW, reserve);
  }

  /** A charger of at most {@code powerW} that stops at BMS SoC {@code target} (1 = CC-CV to full). */
  public static Demand charge(double powerW, double target) {
    return new Demand(Kind.CHARGE, powerW, target);
  }
}
