package io.packpass.agent.bus.sim.pack;

/**
 * A simulated pack that cannot be set up or encoded as asked: a pack too large for the 16-bit fields
 * of the protocol it is meant to speak, an unknown chemistry. The message names the limit.
 */
public class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationException(String message) {
    super(message);
  }
}
