package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A negative event in the battery's life (Annex XIII 4(d): accidents, deep discharge, ...).
 * Legitimate interest.
 *
 * <p>CBOR: {@code {1: type, 2: time, ? 3: description}}.
 */
public record NegativeEvent(
    @Access(Tier.LEGITIMATE_INTEREST) EventType type,
    @Access(Tier.LEGITIMATE_INTEREST) Instant time,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<String> description) {

  public NegativeEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
  }

  public Cbor toCbor() {
    return CborMapBuilder.map().put(1, type.code()).put(2, PassportCbor.time(time))
        .putIfPresent(3, description.map(Cbor::of)).build();
  }

  public static NegativeEvent fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L));
    return PassportCbor.construct(path, () -> new NegativeEvent(PassportCbor.code(f, 1, EventType::fromCode),
        PassportCbor.time(f, 2), f.optionalText(3, PassportCbor.MAX_LONG_TEXT)));
  }
}
