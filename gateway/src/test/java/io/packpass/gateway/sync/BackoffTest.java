package io.packpass.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void the_ceiling_doubles_per_attempt_up_to_the_cap_and_every_delay_lies_below_it() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(42));
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofMinutes(5));
    long sum = 0;
    for (int i = 0; i < 1_000; i++) {
      Duration d = backoff.delay(6);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(32));
      sum += d.toMillis();
    }
    // full jitter: spread over the whole range, mean near half the ceiling
    assertThat(sum / 1_000).isBetween(14_000L, 18_000L);
  }
}
