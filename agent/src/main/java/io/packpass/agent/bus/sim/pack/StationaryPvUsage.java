package io.packpass.agent.bus.sim.pack;

import java.time.LocalDate;

/**
 * A home battery (about 10 kWh) behind a PV system: charged from 08:00 to 17:00 UTC with PV surplus
 * {@code 4 kW · sin(π·(h − 8)/9) · season} (season 0.3 at the winter solstice to 1.0 at the summer
 * solstice, a mid-European shape) up to full; discharged 18:00–23:30 into the house at about 1.5 kW
 * (±10 %) down to a 10 % reserve. About one cycle a day in summer, less in winter.
 */
public final class StationaryPvUsage implements UsageProfile {
  public static final String KEY = "stationary-pv";
  private static final double PV_PEAK_W = 4_000;
  private static final double RESERVE = 0.10;

  @Override
  public Demand demand(long epochSecond) {
    long day = UsageProfile.epochDay(epochSecond);
    int minute = UsageProfile.minuteOfDay(epochSecond);
    if (minute >= 8 * 60 && minute < 17 * 60) {
      int dayOfYear = LocalDate.ofEpochDay(day).getDayOfYear();
      double season = 0.65 + 0.35 * Math.cos(2 * Math.PI * (dayOfYear - 172) / 365.25);
      double pv = PV_PEAK_W * season * Math.sin(Math.PI * (minute / 60.0 - 8) / 9);
      return pv > 1 ? Demand.charge(pv, 1.0) : Demand.REST;
    }
    if (UsageProfile.within(minute, 18, 0, 23, 30)) {
      return Demand.discharge(1_500 * UsageProfile.dailyVariation(day, 0.1), RESERVE);
    }
    return Demand.REST;
  }

  @Override
  public String key() {
    return KEY;
  }
}
