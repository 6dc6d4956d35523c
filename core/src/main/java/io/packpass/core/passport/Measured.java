package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One dynamic Annex VII value as DIN DKE SPEC 99100 §6.7.1 asks for it: the value (a scaled
 * integer in the unit its field fixes), when it was determined, how (method id, e.g.
 * {@code bms-reported} or {@code coulomb-counting/1}) and its absolute uncertainty in the same
 * unit (0 for exact counters).
 *
 * <p>CBOR: {@code {1: value, 2: time, 3: method, 4: uncertainty}}.
 */
public record Measured(
    @Access(Tier.LEGITIMATE_INTEREST) long value,
    @Access(Tier.LEGITIMATE_INTEREST) Instant time,
    @Access(Tier.LEGITIMATE_INTEREST) String method,
    @Access(Tier.LEGITIMATE_INTEREST) long uncertainty) {

  public static final int MAX_METHOD = 64;

  public Measured {
    Objects.requireNonNull(time, "time");
    PassportCbor.requireText(method, "method", MAX_METHOD);
    if (uncertainty < 0) {
      throw new IllegalArgumentException("uncertainty must not be negative: " + uncertainty);
    }
  }

  public static Measured exact(long value, Instant time, String method) {
    return new Measured(value, time, method, 0);
  }

  Cbor toCbor() {
    return CborMapBuilder.map()
        .put(1, value)
        .put(2, PassportCbor.time(time))
        .put(3, method)
        .put(4, uncertainty)
        .build();
  }

  static Measured fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L, 4L));
    return PassportCbor.construct(path, () -> new Measured(f.requireInt(1), PassportCbor.time(f, 2),
        f.requireText(3, MAX_METHOD), f.requireInt(4, 0, Long.MAX_VALUE)));
  }
}
