package io.packpass.agent.bus;

import java.time.Duration;
import java.util.Optional;

/**
 * Frames received from one CAN interface, the port CAN BMS drivers read through (packbus.md §5.3).
 * Adapters (SocketCAN via JavaCAN) and replays ({@code agent.bus.sim.CandumpReplay}) implement it;
 * drivers never see a library type. Failures are {@link BusException}s, never {@code IOException}.
 */
public interface CanChannel {

  /**
   * Waits at most {@code timeout} for the next frame.
   *
   * @return the frame, or empty if none arrived within the timeout (a replay: the log is exhausted)
   */
  Optional<CanFrame> receive(Duration timeout);
}
