package io.packpass.agent.poll;

import io.packpass.agent.bus.BusException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one poller since start: what a health view shows and what tells a flaky connector
 * from a dead bus. Not thread-safe; read it from the polling thread or copy it with {@link #copy()}.
 */
public final class PollStats {
  private long polls;
  private long fresh;
  private long partial;
  private long stale;
  private long retries;
  private long skipped;
  private final EnumMap<BusException.Kind, Long> failures = new EnumMap<>(BusException.Kind.class);
  private final TreeMap<String, Long> missing = new TreeMap<>();

  void count(Reading r) {
    polls++;
    retries += Math.max(0, r.attempts() - 1);
    switch (r.status()) {
      case FRESH:
        fresh++;
        break;
      case PARTIAL:
        partial++;
        r.snapshot().ifPresent(s -> s.missing().forEach(f -> missing.merge(f, 1L, Long::sum)));
        break;
      case STALE:
        stale++;
        if (r.attempts() == 0) {
          skipped++;
        }
        break;
      default:
        throw new IllegalStateException(r.status().name());
    }
  }

  void failure(BusException.Kind kind) {
    failures.merge(kind, 1L, Long::sum);
  }

  public long polls() {
    return polls;
  }

  public long fresh() {
    return fresh;
  }

  public long partial() {
    return partial;
  }

  public long stale() {
    return stale;
  }

  /** Reads repeated within a poll after a failed read. */
  public long retries() {
    return retries;
  }

  /** Polls that left a failing bus alone (backoff). */
  public long skipped() {
    return skipped;
  }

  /** Failed reads by kind (every attempt counts). */
  public Map<BusException.Kind, Long> failures() {
    return Collections.unmodifiableMap(failures);
  }

  /** Partial readings by missing field name. */
  public Map<String, Long> missing() {
    return Collections.unmodifiableMap(missing);
  }

  /** A snapshot of the counters. */
  public PollStats copy() {
    PollStats c = new PollStats();
    c.polls = polls;
    c.fresh = fresh;
    c.partial = partial;
    c.stale = stale;
    c.retries = retries;
    c.skipped = skipped;
    c.failures.putAll(failures);
    c.missing.putAll(missing);
    return c;
  }
}
