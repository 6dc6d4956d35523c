package io.packpass.agent.bms.pylontech;

import io.packpass.agent.bms.Alarm;
import io.packpass.agent.bms.pylontech.PylontechFrames.ChargeLimits;
import io.packpass.agent.bms.pylontech.PylontechFrames.RequestFlags;
import io.packpass.agent.bus.CanFrame;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one poll window delivered beyond the snapshot: the last frame per known id, the decoded parts
 * {@link io.packpass.agent.bms.BatterySnapshot} has no field for, and how many frames were ignored.
 *
 * @param frames the last frame received per id of the profile's cycle
 * @param limits 0x351, empty if absent or of the wrong length
 * @param requests 0x35C (v1.2), empty if absent or of the wrong length
 * @param moduleCount 0x359 byte 4 (v1.2)
 * @param warnings 0x359 warning bits (v1.2), empty if absent
 * @param unknownFrames frames in this window whose id is not in the profile's cycle (or extended ids)
 */
public record PylontechCycle(Map<Integer, CanFrame> frames, Optional<ChargeLimits> limits,
    Optional<RequestFlags> requests, Optional<Integer> moduleCount, Set<Alarm> warnings, int unknownFrames) {
  public PylontechCycle {
    frames = Map.copyOf(frames);
    warnings = Set.copyOf(warnings);
  }
}
