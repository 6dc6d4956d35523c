package io.packpass.bench;

import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Quantity;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The "typical update" of the performance requirement: a READING of the sample EV pack carrying the
 * values an agent reports on most updates, about 300 bytes of payload. Everything is fixed (time,
 * prev, keys), so every run signs and verifies the same bytes.
 */
final class TypicalUpdate {
  /** The payload band the requirement means by "about 300 bytes"; setup fails outside it. */
  private static final int MIN_PAYLOAD = 280;
  private static final int MAX_PAYLOAD = 320;

  /** RFC 8032 §7.1 TEST 1 secret key. */
  static final byte[] ED25519_SEED =
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  /** RFC 6979 A.2.5 P-256 private key. */
  static final byte[] P256_SCALAR =
      HexFormat.of().parseHex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");

  private static final Instant TIME = Instant.parse("2026-11-20T08:15:00Z");
  private static final byte[] PREV =
      HexFormat.of().parseHex("5b9f0c1e7d3a42c8a6e1f09b3c7d58e2a4b6c8d0e2f41357698badcfe0214365");

  /**
   * The quantities of a routine EV reading (SOH and SOCE, capacity, resistance, cycles, SoC); the full
   * sample reading (13 values) encodes to 517 bytes.
   */
  private static final Set<Quantity> ROUTINE = EnumSet.of(Quantity.STATE_OF_HEALTH,
      Quantity.STATE_OF_CERTIFIED_ENERGY, Quantity.REMAINING_CAPACITY, Quantity.INTERNAL_RESISTANCE,
      Quantity.FULL_EQUIVALENT_CYCLES, Quantity.STATE_OF_CHARGE);

  private TypicalUpdate() {
  }

  /** The typical update; prints its encoded size and fails when it leaves the 280 to 320 byte band. */
  static UpdatePayload payload() {
    EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
    SamplePassports.evReading(TIME, 9_340, 412).values().forEach((q, m) -> {
      if (ROUTINE.contains(q)) {
        values.put(q, m);
      }
    });
    UpdatePayload payload = new UpdatePayload(SamplePassports.evId(), 42, PREV, TIME, UpdateKind.READING,
        UpdateBody.reading(Condition.of(values)), Optional.empty());
    int size = payload.encode().length;
    System.out.println("typical update: " + ROUTINE.size() + " measured values, payload " + size + " bytes");
    if (size < MIN_PAYLOAD || size > MAX_PAYLOAD) {
      throw new IllegalStateException("typical update payload is " + size + " bytes, outside "
          + MIN_PAYLOAD + ".." + MAX_PAYLOAD);
    }
    return payload;
  }
}
