package io.packpass.agent.bus.sim.pack;

/**
 * How a pack is used, as a function of simulated time only (UTC), so that a run is reproducible and
 * months of use cost nothing to describe. Variation between days comes from a deterministic function
 * of the day number, not from randomness.
 */
public interface UsageProfile {
  long SECONDS_PER_DAY = 86_400;

  /** What is asked of the pack at {@code epochSecond} (UTC). */
  Demand demand(long epochSecond);

  /** The profile's name in YAML ({@code simulation.usage}). */
  String key();

  /** Day number since 1970-01-01. */
  static long epochDay(long epochSecond) {
    return Math.floorDiv(epochSecond, SECONDS_PER_DAY);
  }

  /** Minutes since midnight UTC. */
  static int minuteOfDay(long epochSecond) {
    return (int) (Math.floorMod(epochSecond, SECONDS_PER_DAY) / 60);
  }

  /** ISO day of week, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
  static int dayOfWeek(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7) + 1;
  }

  /** A factor of 1 ± {@code amplitude} that changes from day to day without repeating soon. */
  static double dailyVariation(long epochDay, double amplitude) {
    return 1 + amplitude * Math.sin(epochDay * 2.399963); // golden angle: day-to-day values spread evenly
  }

  /** Whether {@code minute} lies in [{@code from}, {@code to}) (minutes since midnight). */
  static boolean within(int minute, int fromHour, int fromMinute, int toHour, int toMinute) {
    return minute >= fromHour * 60 + fromMinute && minute < toHour * 60 + toMinute;
  }

  /** A pack left alone: for self-discharge and calendar ageing. */
  UsageProfile IDLE = new UsageProfile() {
    @Override
    public Demand demand(long epochSecond) {
      return Demand.REST;
    }

    @Override
    public String key() {
      return "idle";
    }
  };
}
