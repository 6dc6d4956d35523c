package io.packpass.provisioning;

import io.packpass.provisioning.batch.BirthRecordBatch;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar on the terminal ({@code [#######.....]  4,200/10,000 packs  3,950/s}),
 * redrawn at most ten times a second. Draws nothing when output is not a terminal, so logs and
 * pipes stay clean.
 */
final class ProgressBar implements BirthRecordBatch.Progress {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean enabled;
  private final Clock clock;
  private final Instant start;
  private Instant lastDraw = Instant.EPOCH;

  ProgressBar(PrintWriter out, boolean enabled, Clock clock) {
    this.out = out;
    this.enabled = enabled;
    this.clock = clock;
    this.start = clock.instant();
  }

  @Override
  public void advanced(int done, int total) {
    if (!enabled) {
      return;
    }
    Instant now = clock.instant();
    if (done < total && Duration.between(lastDraw, now).toMillis() < 100) {
      return;
    }
    lastDraw = now;
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    double seconds = Math.max(Duration.between(start, now).toMillis() / 1000.0, 0.001);
    out.printf("\r[%s%s] %,d/%,d packs  %,.0f/s", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
        done / seconds);
    if (done == total) {
      out.println();
    }
    out.flush();
  }
}
