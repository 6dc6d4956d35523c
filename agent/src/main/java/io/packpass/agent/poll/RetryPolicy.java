package io.packpass.agent.poll;

import java.time.Duration;
import java.util.Objects;

/**
 * How a poll retries a bus that did not answer, and how polls back off from a bus that keeps failing.
 * Within a poll: up to {@code attempts} reads, waiting {@code firstDelay}, then twice as long, ...
 * (a NACK or a torn frame is usually a moment of noise or a gauge busy with its own measurement).
 * Across polls: after a poll that failed completely, the next {@code n}-th failing poll is skipped
 * for {@code 2^(n-1)} poll intervals, capped at {@code maxSkip}, so a disconnected pack is not
 * hammered and its log stays readable; the first poll that answers resets it.
 *
 * @param attempts reads per poll, at least 1
 * @param firstDelay wait before the first retry
 * @param maxSkip the longest a failing bus is left alone between polls
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxSkip) {
  /** 3 reads per poll, 50 ms then 100 ms apart; a dead bus is tried at least every 5 minutes. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMinutes(5));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxSkip, "maxSkip");
    if (firstDelay.isNegative() || maxSkip.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The wait before retry {@code retry} (1-based) within one poll. */
  Duration delayBefore(int retry) {
    return firstDelay.multipliedBy(1L << Math.min(retry - 1, 20));
  }

  /** How long to leave the bus alone after {@code failedPolls} polls in a row failed completely. */
  Duration skipAfter(int failedPolls, Duration interval) {
    if (failedPolls <= 0) {
      return Duration.ZERO;
    }
    Duration skip = interval.multipliedBy(1L << Math.min(failedPolls - 1, 20));
    return skip.compareTo(maxSkip) > 0 ? maxSkip : skip;
  }
}
