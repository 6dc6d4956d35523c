package io.packpass.gateway.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A token bucket (Bucket4j) per client address for requests without credentials: {@code burst} at
 * once, refilled at {@code perMinute}. Authenticated callers are not limited here. The map of buckets
 * is bounded (least recently used out), so a flood of addresses costs memory only up to the bound.
 */
final class AnonymousRateLimit {
  static final int MAX_CLIENTS = 100_000;

  private final int perMinute;
  private final int burst;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  /**
   * @param nanos a monotonic clock (System::nanoTime): on the wall clock, a step back would stop the
   *     buckets refilling until it caught up, refusing anonymous callers all that while
   */
  AnonymousRateLimit(int perMinute, int burst, LongSupplier nanos) {
    this.perMinute = perMinute;
    this.burst = burst;
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return nanos.getAsLong();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
  }

  /** Takes one token for {@code client}; empty when allowed, else the seconds until the next token. */
  OptionalLong take(String client) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(client, c -> Bucket.builder()
          .addLimit(limit -> limit.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)))
          .withCustomTimePrecision(time)
          .build());
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }
}
