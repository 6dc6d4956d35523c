package io.packpass.agent.bus.sim;

/**
 * A line of a recorded trace (candump log or hex transcript) that could not be used as recorded, and
 * why. Replays report it and carry on with the next line.
 *
 * @param lineNumber 1-based line in the trace file
 * @param reason what is wrong with it, in one line
 */
public record BadLine(int lineNumber, String reason) {
  @Override
  public String toString() {
    return "line " + lineNumber + ": " + reason;
  }
}
