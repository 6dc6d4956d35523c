package io.packpass.agent.bus.sim.pack;

import static io.packpass.agent.bus.sim.pack.UsageProfile.within;

/**
 * An e-bike (36 V, 17 Ah ≈ 610 Wh): weekdays a 25 min ride at 250 W at 08:00 and a 30 min ride home at
 * 17:15 (±20 % from day to day), a 2 h Sunday ride at 200 W; charged to full every evening from 20:00
 * with a 4 A charger (about 170 W at 42 V), as e-bike chargers do (they always charge to 100 %).
 */
public final class EbikeUsage implements UsageProfile {
  public static final String KEY = "ebike";
  private static final double CHARGER_W = 170;

  @Override
  public Demand demand(long epochSecond) {
    long day = UsageProfile.epochDay(epochSecond);
    int minute = UsageProfile.minuteOfDay(epochSecond);
    int dow = UsageProfile.dayOfWeek(day);
    double f = UsageProfile.dailyVariation(day, 0.2);
    if (minute >= 20 * 60) {
      return Demand.charge(CHARGER_W, 1.0);
    }
    if (dow <= 5 && (within(minute, 8, 0, 8, 25) || within(minute, 17, 15, 17, 45))) {
      return Demand.discharge(250 * f, 0.0);
    }
    if (dow == 7 && within(minute, 10, 0, 12, 0)) {
      return Demand.discharge(200 * f, 0.0);
    }
    return Demand.REST;
  }

  @Override
  public String key() {
    return KEY;
  }
}
