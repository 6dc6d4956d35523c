package io.packpass.agent.estimate;

import io.packpass.core.passport.Condition;
import io.packpass.core.passport.NegativeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the estimator knows at one moment.
 *
 * @param time time of the last accepted snapshot (empty before the first)
 * @param condition the Annex VII values it can stand behind, each with method and uncertainty; a value
 *     it cannot determine yet is absent
 * @param pendingEvents negative events raised since they were last drained
 * @param flags reasons to distrust the BMS's SOH, with evidence
 * @param rejections input that was not integrated
 * @param capacitySegments full/empty segments that gave a plausible capacity, ever
 * @param ocvCapacities rest-OCV anchor pairs that gave a plausible capacity, ever
 * @param ocvAnchors rest-OCV anchors accepted, ever
 * @param ocvAnchorsRejected rests long enough for an anchor whose SoC uncertainty was above the limit
 *     (flat part of the OCV curve), ever
 */
public record EstimatorReport(Optional<Instant> time, Condition condition, List<NegativeEvent> pendingEvents,
    List<Flag> flags, Rejections rejections, long capacitySegments, long ocvCapacities, long ocvAnchors,
    long ocvAnchorsRejected) {

  public EstimatorReport {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(condition, "condition");
    pendingEvents = List.copyOf(pendingEvents);
    flags = List.copyOf(flags);
    Objects.requireNonNull(rejections, "rejections");
  }

  public boolean hasFlag(FlagType type) {
    for (Flag f : flags) {
      if (f.type() == type) {
        return true;
      }
    }
    return false;
  }
}
