package io.packpass.gateway.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of a submitted log entry.
 *
 * @param seq, hash the entry's place when it parsed
 */
public record LogResult(Status status, Optional<LogRefusal> refusal, String detail, Optional<Long> seq,
    Optional<byte[]> hash) {
  public enum Status {
    ACCEPTED,
    /** Byte-identical to the entry already at that place: nothing done. */
    DUPLICATE,
    REFUSED
  }

  public LogResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if ((status == Status.REFUSED) != refusal.isPresent()) {
      throw new IllegalArgumentException("a refusal reason goes with a refusal, and only with one");
    }
    hash = hash.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> hash() {
    return hash.map(byte[]::clone);
  }

  static LogResult refused(LogRefusal why, String detail) {
    return new LogResult(Status.REFUSED, Optional.of(why), detail, Optional.empty(), Optional.empty());
  }

  static LogResult refused(LogRefusal why, String detail, LogEntry entry) {
    return new LogResult(Status.REFUSED, Optional.of(why), detail, Optional.of(entry.payload().seq()),
        Optional.of(entry.hash()));
  }

  @Override
  public String toString() {
    return status.name().toLowerCase(java.util.Locale.ROOT) + refusal.map(r -> " " + r.code()).orElse("")
        + seq.map(s -> " log seq " + s).orElse("") + ": " + detail;
  }
}
