package io.packpass.gateway.sync;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} (from 1) is uniform in
 * {@code [0, min(cap, base * 2^(n-1))]}, so many gateways coming back after an outage spread out
 * instead of arriving together (registry-labels.md A3: base 1 s, factor 2, cap 5 min).
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final Random random;

  public Backoff(Duration base, Duration cap, Random random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + " and " + cap);
    }
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** The ceiling for retry {@code attempt} (1 = the first retry). */
  public Duration ceiling(int attempt) {
    long ms = base.toMillis();
    for (int i = 1; i < attempt && ms < cap.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, cap.toMillis()));
  }

  public Duration delay(int attempt) {
    long ceiling = ceiling(attempt).toMillis();
    synchronized (random) {
      return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
    }
  }
}
