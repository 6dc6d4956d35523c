package io.packpass.agent.estimate;

import java.util.Map;

/**
 * Input the estimator refused to integrate, so a reader of the passport can judge how much of the
 * pack's life the counters actually saw.
 *
 * @param absurdByField values outside the plausible range, by snapshot field name (see
 *     {@link InputField}); only fields with at least one rejection are listed
 * @param gaps intervals between snapshots longer than the maximum gap (agent off, bus down)
 * @param gapMinutes total time of those intervals, not integrated
 * @param clockBackwards snapshots older than the one before (clock set back); the timeline restarts there
 * @param duplicateTimes snapshots with the same time as the one before, ignored
 * @param fieldGaps intervals where one channel (current, temperature, SoC) was missing for longer than the
 *     maximum gap although snapshots kept coming
 * @param rejectedResistanceSteps current steps whose dV/dI came out non-positive
 */
public record Rejections(Map<String, Long> absurdByField, long gaps, long gapMinutes, long clockBackwards,
    long duplicateTimes, long fieldGaps, long rejectedResistanceSteps) {

  public Rejections {
    absurdByField = Map.copyOf(absurdByField);
  }

  public long absurd(InputField field) {
    return absurdByField.getOrDefault(field.fieldName(), 0L);
  }
}
