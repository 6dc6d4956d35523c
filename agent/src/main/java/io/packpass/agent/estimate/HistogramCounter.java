package io.packpass.agent.estimate;

import io.packpass.core.passport.Histogram;
import java.time.Instant;
import java.util.List;

/**
 * Milliseconds per bin, kept exact so that no rounding accumulates; minutes are only formed when a
 * {@link Histogram} is reported. Values below the first edge go to the first bin, values at or above
 * the last edge to the last (open) bin, so every observed millisecond lands in exactly one bin.
 */
final class HistogramCounter {
  private final long[] edges;
  private final long[] millis;

  HistogramCounter(List<Long> edges, List<Long> savedMillis) {
    this.edges = new long[edges.size()];
    this.millis = new long[edges.size()];
    for (int i = 0; i < this.edges.length; i++) {
      this.edges[i] = edges.get(i);
    }
    if (!savedMillis.isEmpty()) {
      if (savedMillis.size() != millis.length) {
        throw new EstimatorException("estimator state: histogram has " + savedMillis.size()
            + " bins but the config has " + millis.length + " edges");
      }
      for (int i = 0; i < millis.length; i++) {
        millis[i] = savedMillis.get(i);
      }
    }
  }

  void add(long value, long ms) {
    int bin = 0;
    while (bin + 1 < edges.length && value >= edges[bin + 1]) {
      bin++;
    }
    millis[bin] += ms;
  }

  long totalMillis() {
    long sum = 0;
    for (long m : millis) {
      sum += m;
    }
    return sum;
  }

  /**
   * Whole minutes per bin, each rounded down: a bin never shows time it did not see, and every bin stays
   * monotonic between reports. The sum can therefore be below the observed total by less than one
   * minute per bin.
   */
  Histogram toHistogram(Instant time) {
    Long[] lower = new Long[edges.length];
    Long[] minutes = new Long[edges.length];
    for (int i = 0; i < edges.length; i++) {
      lower[i] = edges[i];
      minutes[i] = millis[i] / 60_000;
    }
    return new Histogram(List.of(lower), List.of(minutes), time);
  }

  List<Long> saved() {
    Long[] out = new Long[millis.length];
    for (int i = 0; i < millis.length; i++) {
      out[i] = millis[i];
    }
    return List.of(out);
  }
}
