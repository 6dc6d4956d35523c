package io.packpass.agent.estimate;

import java.util.Arrays;
import java.util.List;

/**
 * The last {@code capacity} values of a series, for robust statistics (median, quartiles) over recent
 * estimates. Fixed arrays, no boxing on {@link #add}: it runs on the estimator's hot path.
 */
final class RecentWindow {
  private final double[] values;
  private final double[] scratch;
  private int size;
  private int next;

  RecentWindow(int capacity, List<Double> oldestFirst) {
    values = new double[capacity];
    scratch = new double[capacity];
    int from = Math.max(0, oldestFirst.size() - capacity);
    for (int i = from; i < oldestFirst.size(); i++) {
      add(oldestFirst.get(i));
    }
  }

  void add(double value) {
    values[next] = value;
    next = (next + 1) % values.length;
    if (size < values.length) {
      size++;
    }
  }

  int size() {
    return size;
  }

  double median() {
    return quantile(0.5);
  }

  /** Half the interquartile range: a spread that one outlier step does not blow up. */
  double halfInterquartileRange() {
    return (quantile(0.75) - quantile(0.25)) / 2;
  }

  /** Half of max - min: with few samples, the honest spread. */
  double halfRange() {
    return (quantile(1) - quantile(0)) / 2;
  }

  /** Linear-interpolated quantile of the values held. */
  double quantile(double q) {
    if (size == 0) {
      throw new IllegalStateException("empty window");
    }
    System.arraycopy(values, 0, scratch, 0, size);
    Arrays.sort(scratch, 0, size);
    double pos = q * (size - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(size - 1, lo + 1);
    return scratch[lo] + (scratch[hi] - scratch[lo]) * (pos - lo);
  }

  /** Oldest first, for {@link EstimatorState}. */
  List<Double> saved() {
    Double[] out = new Double[size];
    int start = size < values.length ? 0 : next;
    for (int i = 0; i < size; i++) {
      out[i] = values[(start + i) % values.length];
    }
    return List.of(out);
  }
}
