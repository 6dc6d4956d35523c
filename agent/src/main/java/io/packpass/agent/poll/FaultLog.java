package io.packpass.agent.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs bus faults at WARN without flooding: the first fault of a kind is logged at once; the same
 * kind again within {@code quiet} is only counted, and the next line after the quiet period says how
 * many were held back. A gateway polling every second with a loose connector writes one line every
 * few minutes, not 86,400 a day. Recovery is logged once at INFO.
 */
final class FaultLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.packpass.agent.bus");

  private final Duration quiet;
  private final Map<String, Entry> byKey = new HashMap<>();
  private final Sink sink;

  /** Where lines go: SLF4J in production, a list in tests. */
  interface Sink {
    void warn(String line);

    void info(String line);
  }

  private static final class Entry {
    Instant lastLogged;
    long heldBack;
  }

  FaultLog(Duration quiet) {
    this(quiet, new Sink() {
      @Override
      public void warn(String line) {
        LOG.warn(line);
      }

      @Override
      public void info(String line) {
        LOG.info(line);
      }
    });
  }

  FaultLog(Duration quiet, Sink sink) {
    this.quiet = Objects.requireNonNull(quiet, "quiet");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** A fault of kind {@code key} (e.g. {@code "nack"}, {@code "missing currentMa"}) at {@code now}. */
  void fault(String key, Instant now, String message) {
    Entry e = byKey.computeIfAbsent(key, k -> new Entry());
    if (e.lastLogged != null && now.isBefore(e.lastLogged.plus(quiet))) {
      e.heldBack++;
      return;
    }
    String suffix = e.heldBack == 0 ? ""
        : " (" + e.heldBack + " more like it since " + e.lastLogged + " not logged)";
    sink.warn(message + suffix);
    e.lastLogged = now;
    e.heldBack = 0;
  }

  /** The bus answers again after {@code failedPolls} polls that did not. */
  void recovered(int failedPolls, Instant now) {
    sink.info("bus answers again at " + now + " after " + failedPolls + " failed poll" + (failedPolls == 1 ? "" : "s"));
  }
}
