package io.packpass.agent.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The ISO-8601 durations the agent's options take ({@code --at}, {@code --for}, {@code --every}). */
final class DurationOption {
  /** A century: longer than any pack's life, short enough that arithmetic on instants cannot overflow. */
  static final long MAX_DAYS = 36_525;

  private DurationOption() {
  }

  /**
   * {@code text} as a duration from {@code PT0S} to {@code P36525D}.
   *
   * @throws AgentException naming {@code option}, with an example
   */
  static Duration parse(String option, String text) {
    try {
      Duration d = Duration.parse(text);
      if (!d.isNegative() && d.toDays() <= MAX_DAYS) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new AgentException(option + ": expected an ISO-8601 duration from PT0S to P36525D such as PT10S, P90D,"
        + " got '" + text + "'");
  }
}
