package io.packpass.agent.estimate;

import java.time.Instant;
import java.util.Objects;

/**
 * A reason to distrust the BMS's SOH, with the two readings that show it so a grader can check the
 * claim rather than the flag.
 *
 * @param type which rule fired
 * @param bmsSohCpct the BMS value that fired it
 * @param bmsTime when the BMS gave it (for {@link FlagType#BMS_SOH_STUCK}: since when it has not changed)
 * @param referenceCpct what it was compared with: the previous BMS reading (jump), the lowest earlier
 *     BMS reading (rising), the own SOH estimate (stuck, disagreement)
 * @param referenceTime when the reference value was determined
 * @param detail one line for people, with the rule's numbers
 */
public record Flag(FlagType type, long bmsSohCpct, Instant bmsTime, long referenceCpct, Instant referenceTime,
    String detail) {

  public Flag {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(bmsTime, "bmsTime");
    Objects.requireNonNull(referenceTime, "referenceTime");
    Objects.requireNonNull(detail, "detail");
  }
}
