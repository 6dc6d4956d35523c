package io.packpass.agent.bus.sim.pack;

import static io.packpass.agent.bus.sim.pack.UsageProfile.within;

/**
 * A commuter's EV (about 75 kWh): weekdays two trips (07:30, 35 min at about 7.3 kW ≈ 25 km; 17:30,
 * 45 min at about 6.8 kW ≈ 30 km; 0.17 kWh/km, ±15 % from day to day); Saturday an errand (1 h at 10 kW),
 * except every fourth Saturday a 2 × 2 h motorway trip at 22 kW with a 30 min DC fast charge at up to
 * 120 kW to 80 % in between; Sunday a 40 min trip. AC charging at home (11 kW, three-phase 16 A) from
 * 22:00 to 06:00 to 80 %, and to 100 % on Saturday night. Figures are typical European values, not data.
 */
public final class EvCommuteUsage implements UsageProfile {
  public static final String KEY = "ev-commute";
  private static final double AC_CHARGE_W = 11_000;
  private static final double DC_CHARGE_W = 120_000;
  private static final double RESERVE = 0.05;

  @Override
  public Demand demand(long epochSecond) {
    long day = UsageProfile.epochDay(epochSecond);
    int minute = UsageProfile.minuteOfDay(epochSecond);
    int dow = UsageProfile.dayOfWeek(day);
    double f = UsageProfile.dailyVariation(day, 0.15);
    if (minute >= 22 * 60 || minute < 6 * 60) {
      int nightOf = minute >= 22 * 60 ? dow : (dow == 1 ? 7 : dow - 1);
      return Demand.charge(AC_CHARGE_W, nightOf == 6 ? 1.0 : 0.8);
    }
    if (dow <= 5) {
      if (within(minute, 7, 30, 8, 5)) {
        return Demand.discharge(7_300 * f, RESERVE);
      }
      if (within(minute, 17, 30, 18, 15)) {
        return Demand.discharge(6_800 * f, RESERVE);
      }
    } else if (dow == 6) {
      if (Math.floorMod(day / 7, 4) == 0) {
        if (within(minute, 9, 0, 11, 0) || within(minute, 11, 30, 13, 30)) {
          return Demand.discharge(22_000, RESERVE);
        }
        if (within(minute, 11, 0, 11, 30)) {
          return Demand.charge(DC_CHARGE_W, 0.8);
        }
      } else if (within(minute, 10, 0, 11, 0)) {
        return Demand.discharge(10_000 * f, RESERVE);
      }
    } else if (within(minute, 14, 0, 14, 40)) {
      return Demand.discharge(9_000 * f, RESERVE);
    }
    return Demand.REST;
  }

  @Override
  public String key() {
    return KEY;
  }
}
