package io.packpass.agent.bms.pylontech;

import java.util.Set;

/**
 * Which generation of the Pylontech CAN protocol a pack speaks (packbus.md §3.4). Decides which
 * frames make up one cycle and which lengths are valid.
 */
public enum PylontechProfile {
  /** "Old" firmware: 0x351, 0x355 (4 bytes), 0x356, 0x359, 0x35C, 0x35E. */
  V1_2(Set.of(PylontechFrames.LIMITS, PylontechFrames.SOC_SOH, PylontechFrames.MEASUREMENTS,
      PylontechFrames.PROTECTION, PylontechFrames.REQUESTS, PylontechFrames.MANUFACTURER)),
  /** v1.3 firmware: drops 0x359/0x35C, adds 0x35A (alarms) and 0x35F (battery info); 0x355 is 6 bytes. */
  V1_3(Set.of(PylontechFrames.LIMITS, PylontechFrames.SOC_SOH, PylontechFrames.MEASUREMENTS,
      PylontechFrames.ALARMS_V13, PylontechFrames.MANUFACTURER, PylontechFrames.BATTERY_INFO_V13));

  private final Set<Integer> cycleIds;

  PylontechProfile(Set<Integer> cycleIds) {
    this.cycleIds = cycleIds;
  }

  /** The standard ids the pack sends once per cycle; any other id is unknown to this profile. */
  public Set<Integer> cycleIds() {
    return cycleIds;
  }
}
