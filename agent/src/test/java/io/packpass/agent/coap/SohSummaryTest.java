package io.packpass.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden bytes of the /soh representation (deterministic CBOR, integer keys). */
class SohSummaryTest {
  static final Instant T = Instant.parse("2026-11-25T00:00:00Z");

  @Test
  void full_summary_encodes_to_the_golden_bytes() {
    // {1: 5, 2: 1795564800, 3: 9400, 4: 6450, 5: 2}
    assertThat(HexFormat.of().formatHex(new SohSummary(5, T, Optional.of(9_400L), Optional.of(6_450L), 2).encode()))
        .isEqualTo("a50105021a6b062500031924b8041919320502");
  }

  @Test
  void absent_values_are_left_out() {
    // {1: 0, 2: 1795564800, 5: 0}
    assertThat(HexFormat.of().formatHex(new SohSummary(0, T, Optional.empty(), Optional.empty(), 0).encode()))
        .isEqualTo("a30100021a6b0625000500");
  }
}
