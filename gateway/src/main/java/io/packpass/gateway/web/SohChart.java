package io.packpass.gateway.web;

import io.packpass.gateway.store.SohSample;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SOH and capacity history as an inline SVG line chart (no script, no colour-only meaning: SOH is
 * a solid line with round markers, capacity a dashed line with square markers, and both are named
 * in the legend; the same numbers are in a table for screen readers and copying).
 *
 * @param sohPoints, capacityPoints SVG polyline points in the plot's coordinates
 * @param rows the data, oldest first
 */
public record SohChart(int width, int height, String sohPoints, String capacityPoints, List<Mark> sohMarks,
    List<Mark> capacityMarks, List<Tick> yTicks, String firstDate, String lastDate, String summary, List<Row> rows) {
  static final int WIDTH = 640;
  static final int HEIGHT = 260;
  static final int LEFT = 48;
  static final int RIGHT = 12;
  static final int TOP = 12;
  static final int BOTTOM = 36;
  /** At most this many markers per line; the polyline carries every point. */
  static final int MAX_MARKS = 40;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  public record Mark(String x, String y) {
  }

  public record Tick(String y, String label) {
  }

  public record Row(String time, String soh, String capacity) {
  }

  /** The chart of {@code samples} (oldest first); capacity in % of {@code ratedCapacityMah}. Empty without samples. */
  public static Optional<SohChart> of(List<SohSample> samples, long ratedCapacityMah) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    long t0 = samples.get(0).time().getEpochSecond();
    long t1 = samples.get(samples.size() - 1).time().getEpochSecond();
    double span = Math.max(1, t1 - t0);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder soh = new StringBuilder();
    StringBuilder cap = new StringBuilder();
    List<Mark> sohMarks = new ArrayList<>();
    List<Mark> capMarks = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    int every = Math.max(1, (samples.size() + MAX_MARKS - 1) / MAX_MARKS);
    for (int i = 0; i < samples.size(); i++) {
      SohSample s = samples.get(i);
      double x = LEFT + plotW * (s.time().getEpochSecond() - t0) / span;
      double y = TOP + plotH * (1 - Math.min(10_000, s.sohCpct()) / 10_000.0);
      append(soh, x, y);
      boolean mark = i % every == 0 || i == samples.size() - 1;
      if (mark) {
        sohMarks.add(new Mark(fmt(x), fmt(y)));
      }
      String capacityText = "";
      if (s.capacityMah().isPresent() && ratedCapacityMah > 0) {
        double share = Math.min(1.0, s.capacityMah().getAsLong() / (double) ratedCapacityMah);
        double yc = TOP + plotH * (1 - share);
        append(cap, x, yc);
        if (mark) {
          capMarks.add(new Mark(fmt(x), fmt(yc)));
        }
        capacityText = String.format(Locale.ROOT, "%.3f Ah (%.1f %%)", s.capacityMah().getAsLong() / 1000.0,
            share * 100);
      }
      rows.add(new Row(DateTimeFormatter.ISO_INSTANT.format(s.time()), percent(s.sohCpct()), capacityText));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int p = 0; p <= 100; p += 20) {
      ticks.add(new Tick(fmt(TOP + plotH * (1 - p / 100.0)), p + " %"));
    }
    SohSample first = samples.get(0);
    SohSample last = samples.get(samples.size() - 1);
    String summary = "State of health from " + percent(first.sohCpct()) + " on " + DAY.format(first.time()) + " to "
        + percent(last.sohCpct()) + " on " + DAY.format(last.time()) + ", " + samples.size() + " signed readings.";
    return Optional.of(new SohChart(WIDTH, HEIGHT, soh.toString().trim(), cap.toString().trim(), sohMarks, capMarks,
        ticks, DAY.format(first.time()), DAY.format(last.time()), summary, rows));
  }

  public int plotLeft() {
    return LEFT;
  }

  public int plotRight() {
    return WIDTH - RIGHT;
  }

  public int plotBottom() {
    return HEIGHT - BOTTOM;
  }

  public int plotTop() {
    return TOP;
  }

  public boolean hasCapacity() {
    return !capacityPoints.isEmpty();
  }

  private static void append(StringBuilder points, double x, double y) {
    points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String percent(long cpct) {
    return String.format(Locale.ROOT, "%.2f %%", cpct / 100.0);
  }
}
